"""The composition root builds every long-lived object with fakes at its seams, and no service
or adapter (app/, services/) knows a widget: not by import, not by constructor, not by a
reference it holds."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FunctionType, ModuleType

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

import backcare_desktop
from backcare_desktop.app.sound.jobs import InlineJobs
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.reminders.scheduler import InMemoryReminderState
from backcare_desktop.core.routine import Library
from backcare_desktop.gui.shell.root import AppRoot
from backcare_desktop.paths import resolve_paths
from backcare_desktop.services.audio.player import NullAudio
from backcare_desktop.storage.store import PreferencesStore

PACKAGE = Path(backcare_desktop.__file__).parent
WIDGET_FREE = ("app", "services")


class FakeNotifier:
    def __init__(self) -> None:
        self.shown: list[str] = []

    def notify(
        self,
        title: str,
        body: str,
        actions: Sequence[tuple[str, str]],
        on_action: Callable[[str], None],
    ) -> bool:
        self.shown.append(title)
        return True

    def close(self) -> None:
        return None


@pytest.fixture
def root(
    qtbot: QtBot, isolated_home: Path, library: Library, clock: FakeClock
) -> Iterator[AppRoot]:
    paths = resolve_paths(isolated_home).ensure()
    PreferencesStore.in_data_dir(paths).apply(
        lambda prefs: prefs.with_changes(first_run_acknowledged=True)
    )
    made = AppRoot(
        paths,
        library,
        clock,
        notifier=FakeNotifier(),
        reminder_state=InMemoryReminderState,
        open_player=lambda _settings: NullAudio("no sound in this test"),
        sound_jobs=InlineJobs(),
        tray_available=lambda: False,
    )
    yield made
    if made.has_window:
        made.window().close()
    made.close()
    made.deleteLater()


def test_the_root_builds_every_part_with_fakes_at_the_seams(root: AppRoot, qtbot: QtBot) -> None:
    window = root.window()
    qtbot.addWidget(window)
    root.start_services()
    window.finish_startup()
    assert {"home", "guide", "reminders", "breathe", "oils", "progress"} <= set(window.header.nav)
    assert isinstance(root.reminders().delivery.notifier, FakeNotifier)
    sound = root.sound()
    sound.engine.open_soon()
    assert isinstance(sound.audio, NullAudio)
    assert root.tray is None
    window.show_settings()  # the Settings dialog's factory came in through the constructor


def test_the_window_follows_the_reminders_it_was_built_after(root: AppRoot, qtbot: QtBot) -> None:
    root.start_services()
    window = root.window()
    qtbot.addWidget(window)
    root.reminders().nextReminderChanged.emit("Next reminder: Tue 19:00")
    assert window.home.next_reminder.text() == "Next reminder: Tue 19:00"


# -- no widget below gui/ ----------------------------------------------------------------------


def widget_free_modules() -> list[str]:
    names = []
    for layer in WIDGET_FREE:
        package = importlib.import_module(f"backcare_desktop.{layer}")
        names.append(package.__name__)
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            names.append(info.name)
    return sorted(names)


def imported_names(module: ModuleType) -> set[str]:
    """Every module named in an import statement, TYPE_CHECKING blocks and functions included."""
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("name", widget_free_modules())
def test_services_and_the_app_layer_import_no_widgets_and_no_gui(name: str) -> None:
    module = importlib.import_module(name)
    forbidden = [
        imported
        for imported in imported_names(module)
        if imported.startswith(("PySide6.QtWidgets", "backcare_desktop.gui"))
    ]
    assert forbidden == []


def widget_class_names() -> set[str]:
    """The names of every widget class: Qt's own and those BackCare's GUI defines."""
    from PySide6 import QtWidgets

    names = {
        name
        for name, value in vars(QtWidgets).items()
        if isinstance(value, type) and issubclass(value, QWidget)
    }
    gui = importlib.import_module("backcare_desktop.gui")
    for info in pkgutil.walk_packages(gui.__path__, "backcare_desktop.gui."):
        module = importlib.import_module(info.name)
        names.update(
            name
            for name, value in vars(module).items()
            if isinstance(value, type) and issubclass(value, QWidget)
        )
    return names


def signatures(module: ModuleType) -> Iterator[tuple[str, Callable[..., object]]]:
    """The module's own functions, and the constructor and methods of the classes it defines."""
    for name, value in vars(module).items():
        if getattr(value, "__module__", None) != module.__name__:
            continue
        if isinstance(value, FunctionType):
            yield name, value
        elif isinstance(value, type):
            for method_name, method in vars(value).items():
                if isinstance(method, FunctionType):
                    yield f"{name}.{method_name}", method


def test_no_constructor_or_method_in_services_or_the_app_layer_takes_a_widget() -> None:
    widgets = widget_class_names()
    offenders = []
    for name in widget_free_modules():
        for where, function in signatures(importlib.import_module(name)):
            for annotation in function.__annotations__.values():
                if set(re.findall(r"\w+", str(annotation))) & widgets:
                    offenders.append(f"{name}.{where}: {annotation}")
    assert offenders == []


def held_references(obj: object) -> Iterator[object]:
    """What an object keeps: its attributes, the items of its containers, what its functions
    close over (a lambda capturing the window counts)."""
    values: list[object] = list(getattr(obj, "__dict__", {}).values())
    while values:
        value = values.pop()
        yield value
        if isinstance(value, (list, tuple, set, frozenset)):
            values.extend(value)
        elif isinstance(value, dict):
            values.extend(value.values())
        elif isinstance(value, FunctionType) and value.__closure__:
            values.extend(cell.cell_contents for cell in value.__closure__)


def test_no_service_or_adapter_holds_a_widget(root: AppRoot, qtbot: QtBot) -> None:
    window = root.window()
    qtbot.addWidget(window)
    root.start_services()
    window.finish_startup()
    start: list[object] = [root.reminders(), root.sound(), root.persistence]
    seen: set[int] = set()
    holders = []
    while start:
        obj = start.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        for value in held_references(obj):
            if isinstance(value, QWidget):
                holders.append(f"{type(obj).__module__}.{type(obj).__name__} holds {value!r}")
            elif type(value).__module__.startswith(
                tuple(f"backcare_desktop.{layer}" for layer in WIDGET_FREE)
            ):
                start.append(value)
    assert holders == []


def test_home_shows_today_at_a_glance_and_follows_a_session_just_recorded(
    root: AppRoot, qtbot: QtBot, clock: FakeClock
) -> None:
    from backcare_desktop.core.session import SessionOutcome, SessionSummary, StepOutcome

    window = root.window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.home.streak_line.isVisible())  # read after the first paint
    assert window.home.today_line.text().startswith("Not yet today")
    assert window.home.streak_line.text() == "This week: 0 of 7 days this week"
    summary = SessionSummary(
        "desk_break", "Desk break", clock.now(), 300, 300.0, (StepOutcome.DONE,) * 6, True
    )
    window.sessionRecorded.emit(SessionOutcome(summary, None, None, None))
    qtbot.waitUntil(lambda: window.home.today_line.text().startswith("✓ You practised today"))
    assert window.home.streak_line.text() == "Kind streak: 1 day · 1 of 7 days this week"
