"""One routine of a person's own, shared by the tests of the book, the store, the command
line, the start and Home: what a physiotherapist might have shown, with a note and both sides."""

from __future__ import annotations

from backcare_desktop.core.routine_draft import DraftStep, RoutineDraft, StepSide

PHYSIO = RoutineDraft(
    "own_physio",
    "Physio’s routine",
    (
        DraftStep("warm_up", 60),
        DraftStep("kneading_shoulder", 40, StepSide.BOTH, note="physio: keep the elbow low"),
        DraftStep("effleurage_back", 45),
        DraftStep("deep_breathing", 120, breathing="box"),
    ),
)
