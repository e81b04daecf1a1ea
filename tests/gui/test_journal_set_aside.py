"""An unreadable journal is set aside (the store does that); the person is told once, and the
Progress page keeps saying where the old file went."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backcare_desktop.app.jobs import JobRunner
from backcare_desktop.app.persistence import QueuedJournal
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.gui.pages import progress as progress_module
from backcare_desktop.gui.pages.progress import ProgressPage
from backcare_desktop.storage.journal_store import JournalStore

NOW = datetime(2026, 3, 12, 20, 0, tzinfo=UTC)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    dialogs: list[str] = []
    monkeypatch.setattr(
        progress_module, "show_history_notice", lambda _parent, text: dialogs.append(text)
    )
    return dialogs


def test_an_unreadable_journal_is_told_once_and_the_page_says_where_it_went(
    tmp_path: Path, qtbot: QtBot, shown: list[str]
) -> None:
    journal = JournalStore(tmp_path / "journal", FakeClock(NOW))
    journal.folder.mkdir(parents=True, exist_ok=True)
    journal.year_file(2026).write_bytes(b"{ this is not json")
    runner = JobRunner()
    page = ProgressPage(QueuedJournal(lambda: journal, runner), FakeClock(NOW), tz=UTC)
    runner.setParent(page)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loaded)
    assert len(shown) == 1
    kept = [path for path in journal.folder.iterdir() if path.name != "2026.json"]
    assert kept, "the unreadable file was kept aside"
    moved = next(path for path in kept if path.read_bytes() == b"{ this is not json")
    assert str(moved) in shown[0]
    assert str(moved) in page.status.text()
    with qtbot.waitSignal(page.refreshed):
        page.refresh()  # shown again later: no second dialog, the page still says it
    assert len(shown) == 1
    assert str(moved) in page.status.text()
