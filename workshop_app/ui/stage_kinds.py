"""One table from a stage kind to its name in words, the console's stage controls and the shared screen's view."""

from __future__ import annotations

from dataclasses import dataclass

from workshop_app.core.plans import StageKind


@dataclass(frozen=True)
class StageScreens:
    """How both windows show one kind of stage: its plain words (agenda, stage panel), the StagePanel controls it
    needs, its SharedScreen view, and the view once results (or the ways to get there) are shown, if any."""

    words: str
    controls: str
    view: str
    shown_view: str | None = None


STAGE_SCREENS: dict[StageKind, StageScreens] = {
    StageKind.WELCOME: StageScreens("Welcome", "notes", "welcome"),
    StageKind.PARTIES: StageScreens("Parties", "notes", "stage"),
    StageKind.OVERVIEW: StageScreens("Big picture", "notes", "overview"),
    StageKind.FRAMING: StageScreens("Framing", "notes", "framing", shown_view="routes"),
    StageKind.ASSESSMENT: StageScreens("Where are we now?", "assessment", "assessment", shown_view="results"),
    StageKind.IDEAS: StageScreens("Ideas", "notes", "ideas"),
    StageKind.COMMITMENTS: StageScreens("Commitments", "proposals", "stage"),  # "voting" while a vote is on show
    StageKind.ACTIONS_REVIEW: StageScreens("Review actions", "actions_review", "actions"),
    StageKind.ACTIONS: StageScreens("Actions", "action_plan", "actions"),
    StageKind.CHARTER_REVIEW: StageScreens("Charter", "charter", "charter_review"),
    StageKind.SIGNOFF: StageScreens("Sign-off", "notes", "stage"),
    StageKind.CLOSE: StageScreens("Close", "notes", "stage"),
    StageKind.BREAK: StageScreens("Break", "nothing", "stage"),
}


def kind_words(kind: str) -> str:
    """Return a stage kind in plain words."""
    return STAGE_SCREENS[StageKind(kind)].words
