"""What the editor's rules say, shown beside the steps: the steps a safety rule removed, and
advice the person may dismiss ("Consider a warm-up first").

A removed step is told once and stays told while the routine is open (the person may have
looked away when it happened); a piece of advice goes away when it no longer applies or is
dismissed, and a dismissed kind stays dismissed for this routine.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from backcare_desktop.core.routine_rules import Problem
from backcare_desktop.gui.look.text import tr, translated
from backcare_desktop.gui.widgets.layout_helpers import SPACE, card, label


def problem_text(problem: Problem) -> str:
    """The rule's words in the person's language, with its values filled in."""
    return translated(problem.template, *problem.values)


class RuleNotes(QWidget):
    """See the module docstring; `dismissed(code)` when the person dismisses a piece of advice."""

    dismissed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACE["s"])
        self.removed_frame, removed_column = card("banner")
        self.removed_frame.setFrameShape(QFrame.Shape.NoFrame)
        self.removed = label("", "field")
        removed_column.addWidget(self.removed)
        self.removed_frame.hide()
        column.addWidget(self.removed_frame)
        self._advice_column = QVBoxLayout()
        self._advice_column.setSpacing(SPACE["xs"])
        column.addLayout(self._advice_column)
        self.advice_rows: list[tuple[QWidget, QPushButton]] = []
        self._shown: tuple[str, ...] = ()
        self._removed_texts: list[str] = []

    def clear(self) -> None:
        """A routine opened afresh: nothing removed yet, no advice."""
        self._removed_texts = []
        self.removed_frame.hide()
        self.show_advice(())

    def tell_removed(self, problems: Sequence[Problem]) -> str:
        """Add what the rules removed; returns the new words (for a screen reader), or ""."""
        new = [problem_text(p) for p in problems]
        new = [text for text in dict.fromkeys(new) if text not in self._removed_texts]
        if not new:
            return ""
        self._removed_texts.extend(new)
        self.removed.setText("\n".join(self._removed_texts))
        self.removed_frame.show()
        return " ".join(new)

    def show_advice(self, advice: Sequence[Problem]) -> bool:
        """Show these pieces of advice (already without the dismissed kinds); True when what is
        shown changed, so the page can set its Tab order again."""
        texts = tuple(dict.fromkeys((p.code.value, problem_text(p)) for p in advice))
        keys = tuple(f"{code}\n{text}" for code, text in texts)
        if keys == self._shown:
            return False
        self._shown = keys
        for row, _button in self.advice_rows:
            self._advice_column.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.advice_rows = []
        for code, text in texts:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(SPACE["s"])
            words = label(text, "secondary")
            line.addWidget(words, 1)
            button = QPushButton(tr("Dismiss"))
            button.setAccessibleName(tr("Dismiss: %1", text))
            button.setToolTip(tr("Hide this advice for this routine"))
            button.clicked.connect(lambda _=False, kind=code: self.dismissed.emit(kind))
            line.addWidget(button)
            self._advice_column.addWidget(row)
            self.advice_rows.append((row, button))
        return True

    def advice_texts(self) -> list[str]:
        return [key.split("\n", 1)[1] for key in self._shown]

    def buttons(self) -> list[QPushButton]:
        return [button for _row, button in self.advice_rows]
