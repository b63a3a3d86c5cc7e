"""The phone server's rules, apart from HTTP: join with a code, read the open vote or rating, vote or rate.

Every request is checked against the phone's bound code, the participant, the open vote and its round;
every vote must carry a one-time nonce. Replies are plain data; the server turns them into HTTP. Each vote
stands alone: a batch that fails as a whole is retried one vote at a time, and a vote that still fails for
an unexpected reason gets a 500 of its own while the others are recorded.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from workshop_app.core import phone_codes, phone_ratings, phone_votes
from workshop_app.core.changes import perform, read
from workshop_app.core.changes import Voted
from workshop_app.core.principles import load_principles
from workshop_app.core.errors import ClosedVoteError, WorkshopError
from workshop_app.core.model import Ballot, PhoneCode
from workshop_app.core.phone_ratings import OpenRating, RatingClosedError
from workshop_app.core.phone_votes import NotAVoterError, NotBoundError
from workshop_app.core.plans import Stage
from workshop_app.core.ports import UnitOfWorkFactory
from workshop_app.phone import fields
from workshop_app.phone.guard import NonceBook, RateLimiter
from workshop_app.phone.views import ViewMemory

logger = logging.getLogger("workshop_app.phone")
JOIN_FIRST = "Type the code from your private slip to join."
CUT_OFF = "Your code was reissued, so this phone was stopped; ask the facilitator for the new one."
UNEXPECTED = "Something went wrong on the voting computer, so this was not recorded; please try again."


@dataclass(frozen=True)
class Reply:
    """An answer to one request: an HTTP status, a JSON body, and a device token to set, if any."""

    status: int
    body: dict[str, Any] = field(default_factory=dict)
    device_token: str | None = None


def refused(status: int, sentence: str, **extra: Any) -> Reply:
    """Return a refusal carrying one sentence for the person holding the phone."""
    return Reply(status, {"error": sentence, **extra})


def principle_name(key: str) -> str:
    """Return a principle's name for people ("Place-based"), never its key."""
    for principle in load_principles():
        if principle.key == key:
            return principle.name
    return key.replace("_", " ").capitalize()


class PhoneService:
    """Join, state, vote and rate for one workshop; every call runs on the server's one event-loop thread.

    `on_ballot(voted)` is called after each recorded vote (who, in which round; never the choice),
    `on_rating(principle)` after each recorded score,
    `on_join(participant_id)` after each phone that joins.
    `stages` are the stages of the plan the workshop runs (the app gives them; else they are read from the store
    now): a workshop keeps its plan for life, so they never change while the server runs. Who a phone belongs to
    is never remembered here: each vote or score reads the phone's binding in its own transaction.
    """

    def __init__(self, uow_factory: UnitOfWorkFactory, workshop_id: int,
                 on_ballot: Callable[[Voted], None] = lambda _voted: None,
                 on_rating: Callable[[str], None] = lambda _principle: None,
                 on_join: Callable[[int], None] = lambda _participant_id: None,
                 stages: Sequence[Stage] | None = None) -> None:
        self.uow_factory = uow_factory
        self.on_join = on_join
        self.workshop_id = workshop_id
        self.on_ballot = on_ballot
        self.on_rating = on_rating
        self.stages = tuple(stages) if stages is not None else read(uow_factory, phone_ratings.workshop_stages,
                                                                     workshop_id)
        self.nonces = NonceBook()
        self.join_limit = RateLimiter(per_second=1 / 30, burst=10)
        self.memory = ViewMemory(
            lambda ids: read(self.uow_factory, phone_votes.phone_states, self.workshop_id, ids), self._ratings)

    def join(self, client: str, body: Any, token: str | None) -> Reply:
        """Bind this phone to the participant whose code it presents, and return the phone's view."""
        return self.joins([(client, body, token)])[0]

    def state(self, token: str | None) -> Reply:
        """Return what this phone may show now, with a fresh nonce for its next vote."""
        bound, device = self._bound(token)
        if bound is None:
            return self.not_joined(device)
        return self._state_of(bound.participant_id, device)

    def device_of(self, token: str | None) -> tuple[int | None, str]:
        """Return the participant a phone's token is bound to (None if none) and the token's hash."""
        bound, device = self._bound(token)
        return (bound.participant_id if bound is not None else None), device

    def devices_of(self, tokens: list[str | None]) -> list[tuple[int | None, str]]:
        """Return, for each phone's token, the participant it is bound to (None if none) and the token's hash;
        the tokens' bindings are read together, in one query."""
        devices = [_device(t) for t in tokens]
        bound = read(self.uow_factory, phone_codes.codes_for_devices, self.workshop_id, [d for d in devices if d])
        return [(bound.get(device), device) for device in devices]

    def views(self, phones: list[tuple[int, str]], fresh: bool = False) -> list[Reply]:
        """Return the views of several joined phones (participant, device hash): from memory, or read together
        (always read when `fresh`)."""
        found = self.memory.views([pid for pid, _device in phones], fresh)
        return [refused(403, str(state)) if isinstance(state, NotAVoterError)
                else Reply(200, _view(state, rating, self.nonces.issue(device)))
                for (_pid, device), (state, rating) in zip(phones, found, strict=True)]

    def forget(self) -> None:
        """Something a phone shows may have changed: read every view again when next asked."""
        self.memory.forget()

    def votes(self, requests: list[tuple[str | None, Any]]) -> list[Reply]:
        """Record several phones' votes (token, body) in order, in one transaction; one reply for each."""
        prepared = [self._prepared(token, body) for token, body in requests]
        casts = [p for p in prepared if isinstance(p, phone_votes.PhoneVote)]
        results = self._cast(casts)
        outcome = iter(results)
        replies = [p if isinstance(p, Reply) else self._cast_reply(p, next(outcome)) for p in prepared]
        for result in results:
            if isinstance(result, Ballot):
                self.memory.voted(result.participant_id, result.round_id, result.choice.value)
                self.on_ballot(Voted(result.round_id, result.participant_id, True))  # only people here vote by phone
        return replies

    def _cast(self, casts: list[phone_votes.PhoneVote]) -> list[Ballot | Exception]:
        """Cast the votes in one transaction; if that fails as a whole, cast each alone so each stands alone."""
        if not casts:
            return []
        try:
            return list(perform(self.uow_factory, phone_votes.cast_from_phones, self.workshop_id, casts).value)
        except Exception as error:  # noqa: BLE001 - one vote must never take the others with it
            if len(casts) > 1:
                return [self._cast([vote])[0] for vote in casts]
            if isinstance(error, WorkshopError):  # the store refused it, with a sentence for people
                return [error]
            logger.exception("A phone vote failed unexpectedly")
            return [_Unexpected()]

    def rate(self, token: str | None, body: Any) -> Reply:
        """Record this phone's 1-5 score for the open rating, once per nonce; re-rating adds a newer score."""
        device = _device(token)
        if not device:
            return self.not_joined(device)
        asked = fields.rate_fields(body)
        if asked is None:
            return refused(400, "That rating could not be read; reload the page and choose a number from 1 to 5.")
        if not self.nonces.use(device, asked.nonce):
            return self._stale(device)
        try:
            score = perform(self.uow_factory, phone_ratings.rate_from_phone, self.workshop_id, device,
                            asked.principle, asked.score, self.stages).value
        except NotBoundError:
            return self.not_joined(device)
        except NotAVoterError as error:
            return refused(403, str(error))
        except WorkshopError as error:
            status = 409 if isinstance(error, RatingClosedError) else 422
            return self._with_error(device, status, str(error))
        if score.participant_id is not None:
            self.memory.rated(score.participant_id, asked.principle, asked.score)
        self.on_rating(asked.principle)
        return Reply(200, {"recorded": True, "principle": asked.principle, "mine": asked.score,
                           "nonce": self.nonces.issue(device)})

    def _ratings(self, participant_ids: list[int]) -> list[OpenRating | None]:
        """Return each participant's view of the open rating, or None for each when none is open."""
        return read(self.uow_factory, phone_ratings.open_ratings, self.workshop_id, participant_ids, self.stages)

    def joins(self, requests: list[tuple[str, Any, str | None]]) -> list[Reply]:
        """Join several phones (client, body, token) in order, binding them in one transaction."""
        prepared = [self._join_request(client, body, token) for client, body, token in requests]
        asks = [p for p in prepared if not isinstance(p, Reply)]
        try:
            bound: Sequence[PhoneCode | WorkshopError] = perform(self.uow_factory, phone_codes.bind_devices,
                                                                 self.workshop_id, [a for a, _t in asks]).value
        except WorkshopError as error:
            bound = [error] * len(asks)
        joined = [b for b in bound if isinstance(b, PhoneCode)]
        views = iter(self.views([(b.participant_id, b.bound_device or "") for b in joined]))
        outcome = iter(bound)
        replies = []
        for item in prepared:
            if isinstance(item, Reply):
                replies.append(item)
                continue
            code = next(outcome)
            replies.append(refused(403, str(code)) if isinstance(code, WorkshopError)
                           else self._joined(item[1], code, next(views)))
        return replies

    def _join_request(self, client: str, body: Any,
                      token: str | None) -> Reply | tuple[phone_codes.JoinRequest, tuple[str, str]]:
        """Return the join to attempt (with the held and the fresh token), or its refusal."""
        if not self.join_limit.allow(client):
            return refused(429, "Too many code attempts from this phone; wait a minute and try again.")
        code = fields.join_code(body)
        if code is None:
            return refused(400, "Type the code from your private slip.")
        held = token if token and len(token) <= 128 else ""
        fresh = secrets.token_urlsafe(32)
        request = phone_codes.JoinRequest(code, phone_codes.device_hash(held) if held else "",
                                          phone_codes.device_hash(fresh))
        return request, (held, fresh)

    def _joined(self, tokens: tuple[str, str], bound: PhoneCode, view: Reply) -> Reply:
        """Return a joined phone's view with the device token it is bound to (the held one or the fresh one)."""
        held, fresh = tokens
        token = held if held and phone_codes.device_hash(held) == bound.bound_device else fresh
        if view.status != 200:
            return view
        self.on_join(bound.participant_id)
        return Reply(200, view.body, token)

    def _prepared(self, token: str | None, body: Any) -> Reply | phone_votes.PhoneVote:
        """Return the vote a request asks for, or the refusal when its body, phone or nonce will not do."""
        asked = fields.vote_fields(body)  # strict types first, before the phone or its nonce is looked at
        if asked is None:
            return refused(400, "That vote could not be read; reload the page and choose again.")
        device = _device(token)
        if not device:
            return self.not_joined(device)
        if not self.nonces.use(device, asked.nonce):  # a phone that never joined holds no nonce either
            return self._stale(device)
        return phone_votes.PhoneVote(device, asked.round_id, asked.choice, asked.reason)

    def _cast_reply(self, vote: phone_votes.PhoneVote, result: Ballot | Exception) -> Reply:
        """Return the reply to a cast vote: recorded, or why not (with the phone's fresh view when it helps)."""
        if isinstance(result, _Unexpected):
            return refused(500, UNEXPECTED)
        if isinstance(result, NotBoundError):
            return self.not_joined(vote.device)
        if isinstance(result, NotAVoterError):
            return refused(403, str(result))
        if isinstance(result, Exception):
            status = 409 if isinstance(result, ClosedVoteError) else 422
            return self._with_error(vote.device, status, str(result))
        return Reply(200, {"recorded": True, "round": vote.round_id, "mine": vote.choice,
                           "nonce": self.nonces.issue(vote.device)})

    def _stale(self, device: str) -> Reply:
        """Refuse a used or unknown nonce, with a fresh one so the page can send again at once."""
        return self._with_error(device, 409, "That was sent with an old permission; send it again.", stale=True)

    def not_joined(self, device: str) -> Reply:
        """Refuse a phone that is not joined, saying so plainly when its code was reissued."""
        if read(self.uow_factory, phone_codes.was_cut_off, self.workshop_id, device):
            return refused(401, CUT_OFF, cut=True)
        return refused(401, JOIN_FIRST)

    def _bound(self, token: str | None) -> tuple[PhoneCode | None, str]:
        """Return the active code bound to this phone's token, and the token's hash."""
        device = _device(token)
        return (read(self.uow_factory, phone_codes.code_for_device, self.workshop_id, device) if device
                else None), device

    def _state_of(self, participant_id: int, device: str) -> Reply:
        """Return the phone's view as JSON data with a new nonce, or a refusal for a non-voter (read afresh)."""
        return self.views([(participant_id, device)], fresh=True)[0]

    def _with_error(self, device: str, status: int, sentence: str, **extra: Any) -> Reply:
        """Return a refusal that still carries the phone's fresh view, so the page can recover (or, for a phone
        bound to nobody now, the sentence that says so)."""
        bound = read(self.uow_factory, phone_codes.code_for_device, self.workshop_id, device)
        if bound is None:
            return self.not_joined(device)
        reply = self._state_of(bound.participant_id, device)
        if reply.status != 200:
            return reply
        return Reply(status, {**reply.body, "error": sentence, **extra})


class _Unexpected(Exception):
    """A vote that failed for a reason no check foresaw (already logged)."""


def _device(token: str | None) -> str:
    """Return the stored form of a phone's device token ("" for no token, or one too long to be ours)."""
    return phone_codes.device_hash(token) if token and len(token) <= 128 else ""


def _view(state: phone_votes.PhoneState, rating: OpenRating | None, nonce: str) -> dict[str, Any]:
    """Return a phone's view as JSON data: its name, the open vote, the closed one or the outcome, the rating."""
    vote = None if state.round_id is None else {
        "round": state.round_id, "proposal": state.proposal, "principle": principle_name(state.principle),
        "secret": state.secret, "mine": state.my_choice,
    }
    closed = None if state.closed_round is None else {"round": state.closed_round, "proposal": state.proposal}
    outcome = {"proposal": state.outcome_proposal, "text": state.outcome} if state.outcome else None
    return {"name": state.name, "vote": vote, "closed": closed, "outcome": outcome, "rating": _rating_view(rating),
            "nonce": nonce}


def _rating_view(rating: OpenRating | None) -> dict[str, Any] | None:
    """Return the open rating as JSON data (the person's own latest score only), or None when closed."""
    if rating is None:
        return None
    return {"principle": rating.principle, "name": rating.name, "question": rating.question,
            "low": rating.low, "high": rating.high, "mine": rating.mine}
