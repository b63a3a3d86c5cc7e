"""Which workshops a list shows, and in what order (kept light: `list` and the first start page import only this)."""

from __future__ import annotations

from workshop_app.core.model import Workshop, WorkshopStatus, require_id

# What the start page can show: its filters, each with the statuses it lists.
FILTERS: dict[str, frozenset[WorkshopStatus]] = {
    "Active": frozenset({WorkshopStatus.DRAFT, WorkshopStatus.IN_PROGRESS}),
    "Finished": frozenset({WorkshopStatus.CLOSED}),
    "Archived": frozenset({WorkshopStatus.ARCHIVED}),
    "All": frozenset({WorkshopStatus.DRAFT, WorkshopStatus.IN_PROGRESS, WorkshopStatus.CLOSED,
                      WorkshopStatus.ARCHIVED}),
}


def listed(workshops: list[Workshop]) -> list[Workshop]:
    """Return the workshops a list shows: every one but the deleted ones, newest date first."""
    kept = [w for w in workshops if w.status != WorkshopStatus.DELETED]
    return sorted(kept, key=lambda w: (w.date, require_id(w)), reverse=True)


def filtered(workshops: list[Workshop], filter_name: str) -> list[Workshop]:
    """Return the listed workshops a start-page filter shows, newest first."""
    wanted = FILTERS[filter_name]
    return [w for w in listed(workshops) if w.status in wanted]
