"""The app's preferences: every change is applied to the latest file, so nobody's is lost."""

from __future__ import annotations

import threading
from datetime import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backcare_desktop.app.jobs import JobRunner
from backcare_desktop.app.preferences_model import PreferencesModel, SaveProblem
from backcare_desktop.app.settings_watch import SettingsFileWatcher
from backcare_desktop.core.reminders.reminder_list import add, remove
from backcare_desktop.core.reminders.rules import ReminderRule
from backcare_desktop.core.settings.preferences import Preferences, PreferencesChange
from backcare_desktop.storage.lock import FileLock
from backcare_desktop.storage.notices import StoreNotice
from backcare_desktop.storage.store import PreferencesStore, shipped_defaults


def rule(rule_id: str, hour: int) -> ReminderRule:
    return ReminderRule(rule_id, time(hour, 0), frozenset(range(7)))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "preferences.json"


def app_model(path: Path, retry_ms: int = 2000, lock_timeout: float = 5.0) -> PreferencesModel:
    store = PreferencesStore(path, shipped_defaults(), lock_timeout=lock_timeout)
    prefs, _notices = store.load()
    return PreferencesModel(prefs, store, retry_ms=retry_ms)


def cli_add(path: Path, new: ReminderRule) -> None:
    """What `backcare remind add` does: its own store, one change, applied to the file."""
    PreferencesStore(path, shipped_defaults()).apply(
        lambda prefs: prefs.with_reminders(lambda rules: add(rules, new))
    )


def saved(path: Path) -> tuple[str, tuple[str, ...], bool]:
    prefs = PreferencesStore(path, shipped_defaults()).load()[0]
    return prefs.theme, tuple(r.id for r in prefs.reminders), prefs.muted


def test_a_cli_add_survives_a_setting_changed_in_the_app(path: Path) -> None:
    model = app_model(path)
    cli_add(path, rule("cli", 19))  # the app has not seen it yet
    model.update(theme="dark")
    assert saved(path) == ("dark", ("cli",), False)


def test_a_reminder_change_in_the_app_keeps_one_another_process_added(path: Path) -> None:
    model = app_model(path)
    model.change_reminders(lambda rules: add(rules, rule("app", 8)))
    cli_add(path, rule("cli", 19))
    model.change_reminders(lambda rules: remove(rules, "app"))
    assert saved(path)[1] == ("cli",)


def test_two_apps_writing_never_undo_each_other(path: Path) -> None:
    first, second = app_model(path), app_model(path)
    first.update(theme="dark")
    second.update(muted=True)
    first.change_reminders(lambda rules: add(rules, rule("one", 7)))
    second.change_reminders(lambda rules: add(rules, rule("two", 9)))
    assert saved(path) == ("dark", ("one", "two"), True)


def test_a_busy_lock_keeps_the_change_tells_the_person_and_saves_it_later(
    path: Path, qtbot: QtBot
) -> None:
    model = app_model(path, retry_ms=20, lock_timeout=0.05)
    problems: list[SaveProblem] = []
    model.saveProblem.connect(problems.append)
    holder = FileLock(path.with_name("preferences.json.lock"))
    with holder:
        model.update(theme="dim")
        assert model.value.theme == "dim"  # the screen follows at once
        assert model.unsaved == 1
        assert problems and problems[0].busy
    with qtbot.waitSignal(model.saved, timeout=5000):
        pass
    assert model.unsaved == 0
    assert saved(path)[0] == "dim"


def test_what_the_app_remembers_is_written_quietly_or_not_at_all(path: Path) -> None:
    """`remember` (the desktop's theme): written like any change; one that cannot be written
    is logged, not told, and the person's own changes after it are saved as usual."""
    model = app_model(path)
    problems: list[SaveProblem] = []
    model.saveProblem.connect(problems.append)
    model.remember(desktop_theme="dark")
    assert PreferencesStore(path, shipped_defaults()).load()[0].desktop_theme == "dark"

    class ReadOnly:
        def apply(self, change: PreferencesChange) -> object:
            raise PermissionError(13, "Permission denied")

    quiet = PreferencesModel(model.value, ReadOnly())
    quiet.saveProblem.connect(problems.append)
    quiet.remember(desktop_theme="contrast")
    assert problems == [] and quiet.unsaved == 0 and quiet.value.desktop_theme == "contrast"
    quiet.update(muted=True)
    assert [problem.busy for problem in problems] == [False]


def test_changes_still_queued_stay_on_top_of_what_another_process_saved(
    path: Path, qtbot: QtBot
) -> None:
    model = app_model(path, retry_ms=60_000, lock_timeout=0.05)
    with FileLock(path.with_name("preferences.json.lock")):
        model.update(theme="light")
    cli_add(path, rule("cli", 19))
    model.follow(PreferencesStore(path, shipped_defaults()).load()[0])
    assert model.value.theme == "light"
    assert [r.id for r in model.value.reminders] == ["cli"]
    assert model.flush()
    assert saved(path) == ("light", ("cli",), False)


def test_the_watcher_follows_any_setting_another_process_saved(path: Path, qtbot: QtBot) -> None:
    model = app_model(path)
    model.update(theme="dark")
    store = PreferencesStore(path, shipped_defaults())
    watcher = SettingsFileWatcher(store, model)
    watcher.start()
    other = app_model(path)
    other.update(muted=True)
    other.change_reminders(lambda rules: add(rules, rule("other", 6)))
    qtbot.waitUntil(lambda: model.value.muted and len(model.value.reminders) == 1, timeout=5000)
    assert model.value.theme == "dark"


def test_a_change_saved_before_the_watch_began_is_still_followed(path: Path, qtbot: QtBot) -> None:
    """The app reads its settings at start-up and watches only later: a `remind add` run in
    between is caught up on when the watch begins, not lost."""
    model = app_model(path)
    other = app_model(path)
    other.change_reminders(lambda rules: add(rules, rule("early", 6)))
    watcher = SettingsFileWatcher(PreferencesStore(path, shipped_defaults()), model)
    watcher.start()
    qtbot.waitUntil(lambda: [r.id for r in model.value.reminders] == ["early"], timeout=5000)


def test_a_value_that_does_not_fit_is_refused_where_it_was_asked_for(path: Path) -> None:
    model = app_model(path)
    with pytest.raises(ValueError, match="routine_minutes"):
        model.update(routine_minutes=99)
    assert model.unsaved == 0


class LaterWriter:
    """Saves only when told, as the job runner's writer does on its worker."""

    def __init__(self, store: PreferencesStore) -> None:
        self.store = store
        self.waiting: list[PreferencesChange] = []

    def apply(self, change: PreferencesChange) -> None:
        self.waiting.append(change)

    def write_all(self, model: PreferencesModel) -> None:
        while self.waiting:
            change = self.waiting.pop(0)
            self.store.apply(change)
            model.confirm(change)


def test_a_change_still_on_its_way_stays_on_screen_when_another_process_saves(
    path: Path,
) -> None:
    store = PreferencesStore(path, shipped_defaults())
    writer = LaterWriter(store)
    model = PreferencesModel(store.load()[0], writer, confirmed_later=True)
    model.update(theme="dark")
    cli_add(path, rule("cli", 19))
    model.follow(store.load()[0])  # the file changed before the worker wrote the theme
    assert model.value.theme == "dark"
    assert [r.id for r in model.value.reminders] == ["cli"]
    writer.write_all(model)
    other = app_model(path)
    other.update(theme="light")  # once on disk, a later change elsewhere is followed
    model.follow(store.load()[0])
    assert model.value.theme == "light"


class HeldStore:
    """The settings store while another process holds its lock: a read waits until `release`."""

    def __init__(self, path: Path) -> None:
        self._store = PreferencesStore(path, shipped_defaults())
        self.path = path
        self.released = threading.Event()
        self.read_on: list[threading.Thread] = []

    def load(self) -> tuple[Preferences, list[StoreNotice]]:
        self.read_on.append(threading.current_thread())
        if not self.released.wait(timeout=30):
            raise TimeoutError("the test never released the lock")
        return self._store.load()


def test_a_file_change_is_read_off_the_gui_thread_and_followed_once_read(
    path: Path, qtbot: QtBot
) -> None:
    model = app_model(path)
    store = HeldStore(path)
    jobs = JobRunner(linger=0.1)
    watcher = SettingsFileWatcher(store, model, jobs=jobs)
    watcher.start()
    app_model(path).update(muted=True)  # another process saves

    assert watcher.check()  # returns at once although the read is stuck behind the lock
    assert watcher.reading and not model.value.muted
    qtbot.waitUntil(lambda: bool(store.read_on), timeout=5000)
    assert store.read_on[0] is not threading.main_thread()

    store.released.set()
    qtbot.waitUntil(lambda: model.value.muted, timeout=5000)
    assert not watcher.reading
    assert jobs.drain(5)


def test_a_read_queued_after_a_save_on_the_same_runner_sees_that_save(
    path: Path, qtbot: QtBot
) -> None:
    jobs = JobRunner(linger=0.1)
    store = PreferencesStore(path, shipped_defaults())
    model = app_model(path)
    watcher = SettingsFileWatcher(store, model, jobs=jobs)
    watcher.start()
    jobs.submit(lambda: cli_add(path, rule("queued", 7)))  # a save already queued on the runner
    path.touch()  # a new stamp, so the watcher reads
    watcher.check()
    qtbot.waitUntil(lambda: not watcher.reading, timeout=5000)
    assert [r.id for r in model.value.reminders] == ["queued"]
