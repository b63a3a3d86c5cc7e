"""The phone server's rules, apart from HTTP: join with a code, read the open vote or rating, vote or rate.

Every request is checked against the phone's bound code, the participant, the open vote and its round;
every vote must carry a one-time nonce. Replies are plain data; the server turns them into HTTP.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from workshop_app.core import phone_codes, phone_ratings, phone_votes
from workshop_app.core.errors import ClosedVoteError, WorkshopError
from workshop_app.core.model import Choice, PhoneCode
from workshop_app.core.phone_ratings import OpenRating, RatingClosedError
from workshop_app.core.phone_votes import NotAVoterError, NotBoundError
from workshop_app.core.plans import Stage
from workshop_app.core.ports import UnitOfWorkFactory
from workshop_app.ui.phone.guard import NonceBook, RateLimiter

MAX_CODE_CHARS = 64
MAX_REASON_CHARS = 500
MAX_PRINCIPLE_CHARS = 64
CHOICES = frozenset(c.value for c in Choice)


@dataclass(frozen=True)
class Reply:
    """An answer to one request: an HTTP status, a JSON body, and a device token to set, if any."""

    status: int
    body: dict[str, Any] = field(default_factory=dict)
    device_token: str | None = None


def refused(status: int, sentence: str) -> Reply:
    """Return a refusal carrying one sentence for the person holding the phone."""
    return Reply(status, {"error": sentence})


class PhoneService:
    """Join, state, vote and rate for one workshop.

    `on_ballot(round_id)` is called after each recorded vote, `on_rating(principle)` after each recorded score.
    """

    def __init__(self, uow_factory: UnitOfWorkFactory, workshop_id: int,
                 on_ballot: Callable[[int], None] = lambda _round_id: None,
                 on_rating: Callable[[str], None] = lambda _principle: None) -> None:
        self.uow_factory = uow_factory
        self.workshop_id = workshop_id
        self.on_ballot = on_ballot
        self.on_rating = on_rating
        self._stages: tuple[Stage, ...] | None = None  # the workshop's plan, read once
        self.nonces = NonceBook()
        self.join_limit = RateLimiter(per_second=1 / 30, burst=10)
        # One store call at a time from the server's threads: SQLite takes one writer anyway, and queueing
        # here is far quicker than many threads retrying against the database's busy timeout.
        self._store_lock = threading.Lock()
        # Device hash -> participant it was last seen bound to: a hint that saves a lookup per vote. It is
        # never trusted: each ballot's own transaction checks the binding again (phone_votes.NotBoundError).
        self._voters: dict[str, int] = {}

    def join(self, client: str, body: Any, token: str | None) -> Reply:
        """Bind this phone to the participant whose code it presents, and return the phone's view."""
        return self.joins([(client, body, token)])[0]

    def joins(self, requests: list[tuple[str, Any, str | None]]) -> list[Reply]:
        """Join several phones (client, body, token) in order, binding them in one transaction."""
        with self._store_lock:
            return self._joins(requests)

    def state(self, token: str | None) -> Reply:
        """Return what this phone may show now, with a fresh nonce for its next vote."""
        with self._store_lock:
            return self._state(token)

    def vote(self, token: str | None, body: Any) -> Reply:
        """Record this phone's choice in the open vote, once per nonce."""
        return self.votes([(token, body)])[0]

    def votes(self, requests: list[tuple[str | None, Any]]) -> list[Reply]:
        """Record several phones' votes (token, body) in order, in one transaction; one reply for each."""
        with self._store_lock:
            replies, rounds = self._votes(requests)
        for round_id in rounds:
            self.on_ballot(round_id)
        return replies

    def rate(self, token: str | None, body: Any) -> Reply:
        """Record this phone's 1-5 score for the open rating, once per nonce; re-rating adds a newer score."""
        with self._store_lock:
            reply = self._rate(token, body)
        if reply.status == 200:
            self.on_rating(str(reply.body["principle"]))
        return reply

    def _rate(self, token: str | None, body: Any) -> Reply:
        """Check and record one score; return the reply."""
        participant_id, device = self._voter_of(token)
        if participant_id is None:
            return refused(401, "Type the code printed on your badge to join.")
        fields = _rate_fields(body)
        if fields is None:
            return refused(400, "That rating could not be read; reload the page and choose a number from 1 to 5.")
        principle, score, nonce = fields
        if not self.nonces.use(device, nonce):
            return refused(409, "That rating was already sent once; reload the page to rate again.")
        try:
            phone_ratings.rate_from_phone(self.uow_factory, self.workshop_id, participant_id, device, principle,
                                          score, self.stages())
        except NotBoundError:
            self._voters.pop(device, None)
            return refused(401, "Type the code printed on your badge to join.")
        except NotAVoterError as error:
            return refused(403, str(error))
        except WorkshopError as error:
            status = 409 if isinstance(error, RatingClosedError) else 422
            return self._with_error(participant_id, device, status, str(error))
        return Reply(200, {"recorded": True, "principle": principle, "mine": score,
                           "nonce": self.nonces.issue(device)})

    def stages(self) -> tuple[Stage, ...]:
        """Return the workshop plan's stages (read from the plan once)."""
        if self._stages is None:
            self._stages = phone_ratings.workshop_stages(self.uow_factory, self.workshop_id)
        return self._stages

    def _ratings(self, participant_ids: list[int]) -> list[OpenRating | None]:
        """Return each participant's view of the open rating, or None for each when none is open."""
        return phone_ratings.open_ratings(self.uow_factory, self.workshop_id, participant_ids, self.stages())

    def _joins(self, requests: list[tuple[str, Any, str | None]]) -> list[Reply]:
        """Check, bind and answer join requests; one reply for each."""
        prepared = [self._join_request(client, body, token) for client, body, token in requests]
        asks = [p for p in prepared if not isinstance(p, Reply)]
        try:
            bound: list[Any] = phone_codes.bind_devices(self.uow_factory, self.workshop_id,
                                                        [(code, phone_codes.device_hash(t)) for code, t in asks])
        except WorkshopError as error:
            bound = [error] * len(asks)
        joined = [(t, b) for (_code, t), b in zip(asks, bound, strict=True) if isinstance(b, PhoneCode)]
        states = iter(phone_votes.phone_states(self.uow_factory, self.workshop_id,
                                               [b.participant_id for _t, b in joined]) if joined else [])
        ratings = iter(self._ratings([b.participant_id for _t, b in joined]) if joined else [])
        outcome = iter(bound)
        replies = []
        for item in prepared:
            if isinstance(item, Reply):
                replies.append(item)
                continue
            code = next(outcome)
            replies.append(refused(403, str(code)) if isinstance(code, WorkshopError)
                           else self._joined(item[1], code, next(states), next(ratings)))
        return replies

    def _join_request(self, client: str, body: Any, token: str | None) -> Reply | tuple[str, str]:
        """Return (code, device token) for a join request, or its refusal."""
        if not self.join_limit.allow(client):
            return refused(429, "Too many code attempts from this phone; wait a minute and try again.")
        code = body.get("code") if isinstance(body, dict) else None
        if not isinstance(code, str) or not code.strip() or len(code) > MAX_CODE_CHARS:
            return refused(400, "Type the code printed on your badge.")
        return code, token or secrets.token_urlsafe(32)

    def _joined(self, token: str, bound: PhoneCode, state: Any, rating: OpenRating | None) -> Reply:
        """Return a joined phone's view with its device token, or the refusal when its person cannot vote."""
        if isinstance(state, NotAVoterError):
            return refused(403, str(state))
        device = phone_codes.device_hash(token)
        self._voters[device] = bound.participant_id
        return Reply(200, _view(state, rating, self.nonces.issue(device)), token)

    def _state(self, token: str | None) -> Reply:
        bound, device = self._bound(token)
        if bound is None:
            return refused(401, "Type the code printed on your badge to join.")
        return self._state_of(bound.participant_id, device)

    def _votes(self, requests: list[tuple[str | None, Any]]) -> tuple[list[Reply], list[int]]:
        """Check and cast votes; return the replies and the rounds voted in."""
        prepared = [self._prepared(token, body) for token, body in requests]
        casts = [p for p in prepared if isinstance(p, phone_votes.PhoneVote)]
        try:
            results: list[Any] = phone_votes.cast_from_phones(self.uow_factory, self.workshop_id, casts)
        except WorkshopError as error:  # the store failed: none of them was kept
            results = [error] * len(casts)
        outcome = iter(results)
        replies = [p if isinstance(p, Reply) else self._cast_reply(p, next(outcome)) for p in prepared]
        return replies, [p.round_id for p, r in zip(casts, results, strict=True) if not isinstance(r, Exception)]

    def _prepared(self, token: str | None, body: Any) -> Reply | phone_votes.PhoneVote:
        """Return the vote a request asks for, or the refusal when its phone, body or nonce will not do."""
        participant_id, device = self._voter_of(token)
        if participant_id is None:
            return refused(401, "Type the code printed on your badge to join.")
        fields = _vote_fields(body)
        if fields is None:
            return refused(400, "That vote could not be read; reload the page and choose again.")
        round_id, choice, reason, nonce = fields
        if not self.nonces.use(device, nonce):
            return refused(409, "That vote was already sent once; reload the page to vote again.")
        return phone_votes.PhoneVote(participant_id, device, round_id, choice, reason)

    def _cast_reply(self, vote: phone_votes.PhoneVote, result: Any) -> Reply:
        """Return the reply to a cast vote: recorded, or why not (with the phone's fresh view when it helps)."""
        if isinstance(result, NotBoundError):
            self._voters.pop(vote.device, None)
            return refused(401, "Type the code printed on your badge to join.")
        if isinstance(result, NotAVoterError):
            return refused(403, str(result))
        if isinstance(result, WorkshopError):
            status = 409 if isinstance(result, ClosedVoteError) else 422
            return self._with_error(vote.participant_id, vote.device, status, str(result))
        return Reply(200, {"recorded": True, "round": vote.round_id, "mine": vote.choice,
                           "nonce": self.nonces.issue(vote.device)})

    def _bound(self, token: str | None) -> tuple[PhoneCode | None, str]:
        """Return the active code bound to this phone's token, and the token's hash."""
        if not token or len(token) > 128:
            return None, ""
        device = phone_codes.device_hash(token)
        bound = phone_codes.code_for_device(self.uow_factory, self.workshop_id, device)
        if bound is None:
            self._voters.pop(device, None)
        else:
            self._voters[device] = bound.participant_id
        return bound, device

    def _voter_of(self, token: str | None) -> tuple[int | None, str]:
        """Return the participant this phone was last seen bound to (looked up if not known), and its hash."""
        if not token or len(token) > 128:
            return None, ""
        device = phone_codes.device_hash(token)
        if device in self._voters:
            return self._voters[device], device
        bound, device = self._bound(token)
        return (bound.participant_id if bound is not None else None), device

    def _state_of(self, participant_id: int, device: str) -> Reply:
        """Return the phone's view as JSON data with a new nonce, or a refusal for a non-voter."""
        try:
            state = phone_votes.phone_state(self.uow_factory, self.workshop_id, participant_id)
        except NotAVoterError as error:
            return refused(403, str(error))
        return Reply(200, _view(state, self._ratings([participant_id])[0], self.nonces.issue(device)))

    def _with_error(self, participant_id: int, device: str, status: int, sentence: str) -> Reply:
        """Return a refusal that still carries the phone's fresh view, so the page can recover."""
        reply = self._state_of(participant_id, device)
        body = dict(reply.body)
        body["error"] = sentence
        return Reply(status, body)


def _view(state: phone_votes.PhoneState, rating: OpenRating | None, nonce: str) -> dict[str, Any]:
    """Return a phone's view as JSON data: its name, the open vote or the outcome, the open rating, a nonce."""
    vote = None if state.round_id is None else {
        "round": state.round_id, "proposal": state.proposal, "principle": state.principle,
        "secret": state.secret, "mine": state.my_choice,
    }
    return {"name": state.name, "vote": vote, "outcome": state.outcome, "rating": _rating_view(rating),
            "nonce": nonce}


def _rating_view(rating: OpenRating | None) -> dict[str, Any] | None:
    """Return the open rating as JSON data (the person's own latest score only), or None when closed."""
    if rating is None:
        return None
    return {"principle": rating.principle, "name": rating.name, "question": rating.question,
            "low": rating.low, "high": rating.high, "mine": rating.mine}


def _rate_fields(body: Any) -> tuple[str, int, str] | None:
    """Return (principle, score, nonce) from a rating body, or None if any is missing or malformed."""
    if not isinstance(body, dict) or set(body) != {"principle", "score", "nonce"}:
        return None
    principle, score, nonce = body["principle"], body["score"], body["nonce"]
    if not isinstance(principle, str) or len(principle) > MAX_PRINCIPLE_CHARS or type(score) is not int:
        return None
    if not isinstance(nonce, str) or len(nonce) > 64:
        return None
    return principle, score, nonce


def _vote_fields(body: Any) -> tuple[int, str, str, str] | None:
    """Return (round, choice, reason, nonce) from a vote body, or None if any is missing or malformed."""
    if not isinstance(body, dict) or set(body) - {"round", "choice", "reason", "nonce"}:
        return None
    round_id, choice = body.get("round"), body.get("choice")
    reason, nonce = body.get("reason", ""), body.get("nonce")
    if type(round_id) is not int or choice not in CHOICES or not isinstance(nonce, str):
        return None
    if not isinstance(reason, str) or len(reason) > MAX_REASON_CHARS or len(nonce) > 64:
        return None
    return round_id, str(choice), reason, nonce
