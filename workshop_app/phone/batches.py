"""Requests of one kind that arrive together, handled in one call (one transaction) on the loop's next turn."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Generic, TypeVar

MAX_BATCH = 50  # joins or votes handled in one transaction at most
T = TypeVar("T")
R = TypeVar("R")


class Batches(Generic[T, R]):
    """Queues requests and answers each with its own reply from one call over the whole batch."""

    def __init__(self, handle: Callable[[list[T]], list[R]]) -> None:
        self.handle = handle
        self.queued: list[tuple[T, asyncio.Future[R]]] = []

    async def submit(self, item: T) -> R:
        """Queue one request and wait for its reply."""
        answer: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self.queued.append((item, answer))
        if len(self.queued) == 1:
            asyncio.get_running_loop().call_soon(self._run)
        return await answer

    def _run(self) -> None:
        """Handle up to MAX_BATCH queued requests together and answer each; the rest go in the next turn."""
        batch, self.queued = self.queued[:MAX_BATCH], self.queued[MAX_BATCH:]
        if self.queued:
            asyncio.get_running_loop().call_soon(self._run)
        try:
            replies = self.handle([item for item, _answer in batch])
        except Exception as error:  # noqa: BLE001 - each waiting request must end (with a 500), whatever went wrong
            for _item, answer in batch:
                if not answer.done():
                    answer.set_exception(error)
            return
        for (_item, answer), reply in zip(batch, replies, strict=True):
            if not answer.done():
                answer.set_result(reply)
