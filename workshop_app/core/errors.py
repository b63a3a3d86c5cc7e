"""Errors meant for people: each carries one clear sentence saying what to do."""


class WorkshopError(Exception):
    """A problem a person can act on; str(error) is the sentence to show."""


class PlanError(WorkshopError):
    """A session plan file has a mistake."""


class StoreError(WorkshopError):
    """The workshop store cannot be opened or written."""


class ImportError_(WorkshopError):
    """An imported file cannot be used; the sentence is kept on one line (a quoted value may hold line breaks)."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


class ClosedVoteError(WorkshopError):
    """A closed vote cannot change."""
