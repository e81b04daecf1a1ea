"""BackCare as a screen reader meets it: the real app on the real AT-SPI bus.

The rig (desktop_rig.private_desktop): Xvfb, a private session bus, at-spi-bus-launcher, and
the app started with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1. What Orca would see is read by
screen_reader_agent.py under the system Python (pyatspi is a Debian package), which also
presses keys and records the events the app sends. Every wait is on something the agent
observes (a node showing, the focus moving, an event arriving), with generous timeouts.

Debian packages: xvfb dbus-daemon xdotool at-spi2-core python3-pyatspi gir1.2-atspi-2.0.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from desktop_rig import SYSTEM_PYTHON, accessibility_missing, private_desktop

from backcare_desktop.core.journal import SessionRecord
from backcare_desktop.paths import resolve_paths
from backcare_desktop.storage.journal_store import JournalStore
from backcare_desktop.storage.store import PreferencesStore, shipped_defaults

pytestmark = pytest.mark.xvfb

AGENT = Path(__file__).with_name("screen_reader_agent.py")
WAIT_S = 60.0
PAGES = ("Routines", "Guide", "Reminders", "Breathe", "Oils", "Progress")
MAX_TABS = 80
ITEM_ROLES = {"list item", "table cell", "tree item", "column header", "row header"}
"""Rows and cells: their list or table is one focus stop, and arrows move among them."""


class Agent:
    """The screen reader's side, one JSON line per command."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [SYSTEM_PYTHON, str(AGENT)],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def __call__(self, do: str, **fields: object) -> dict[str, object]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"do": do, "timeout": WAIT_S, **fields}) + "\n")
        self.process.stdin.flush()
        answer: dict[str, object] = json.loads(self.process.stdout.readline())
        assert "error" not in answer, answer
        return answer

    def nodes(self) -> list[dict[str, str | bool]]:
        return self("nodes")["nodes"]  # type: ignore[return-value]

    def press(self, name: str, role: str | None = None) -> None:
        assert self("press", name=name, role=role)["ok"], f"nothing named {name!r} showing"

    def wait_showing(self, name: str, role: str | None = None) -> None:
        assert self("wait_showing", name=name, role=role)["ok"], f"{name!r} never showed"

    first_dialog: list[dict[str, str | bool]]
    """What the safety notice showed at the first start, before it was closed."""

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


def seed_home(home: Path) -> None:
    """One reminder and three weeks of sessions for the charts; the safety notice not yet read
    (so the app starts with that dialog, the one a screen reader meets first)."""
    paths = resolve_paths(home).ensure()
    rule = {"id": "evening", "time": "19:30", "weekdays": list(range(7))}
    prefs = shipped_defaults().with_changes(reminders=[rule], tension_rating=True)
    PreferencesStore.in_data_dir(paths).apply(lambda _old: prefs)
    today = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    records = [
        SessionRecord(
            id=f"s{day}",
            routine_id="daily_back_reset",
            routine_name="Daily back reset",
            started_at=today - timedelta(days=day),
            planned_seconds=720,
            completed_seconds=720,
            steps_done=15,
            steps_skipped=0,
            oil=None,
            tension_before=6,
            tension_after=3,
            completed=True,
        )
        for day in (1, 2, 4, 8, 15)
    ]
    JournalStore.in_data_dir(paths).add_many(records)


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Agent]:
    missing = [p for p in ("Xvfb", "dbus-daemon", "xdotool") if shutil.which(p) is None]
    unavailable = accessibility_missing()
    if missing or unavailable:
        reason = unavailable or f"{', '.join(missing)} not installed"
        print(reason)
        pytest.skip(reason)
    home = tmp_path_factory.mktemp("reader") / "backcare"
    seed_home(home)
    with private_desktop() as desktop:
        desktop.env["TZ"] = "UTC"
        desktop.env["BACKCARE_HOME"] = str(home)
        desktop.start([sys.executable, "-m", "backcare_desktop", "--home", str(home)])
        agent = Agent(desktop.env)
        try:
            assert agent("wait_app")["ok"], "BackCare never showed on the accessibility bus"
            agent.wait_showing("I understand", "push button")
            agent.first_dialog = agent.nodes()
            agent.press("I understand", "push button")
            assert agent("wait_gone", name="I understand", role="push button")["ok"]
            assert agent("focus_window")["ok"], "the window never took the keyboard"
            yield agent
        finally:
            agent.close()


def spoken_name(node: dict[str, str | bool]) -> str:
    """What Orca says the control is: its tied label (Qt on Linux names a combo box by its
    value and ties the label instead), else its name."""
    return str(node["label"] or node["name"]).strip()


def unnamed(nodes: list[dict[str, str | bool]], where: str) -> list[str]:
    problems = []
    for node in nodes:
        if not node["focusable"]:
            continue
        name, value = spoken_name(node), str(node["value"]).strip()
        if not name:
            problems.append(f"{where}: a {node['role']} with no name ({node['id']})")
        elif value and name.casefold() == value.casefold():
            problems.append(f"{where}: a {node['role']} named by its value {value!r}")
    return problems


def open_page(agent: Agent, page: str) -> None:
    agent.press(page, "check box")
    opened = agent("wait_checked", name=page, role="check box")["ok"]
    assert opened, f"{page} never opened: {[(n['role'], n['name']) for n in agent.nodes()]}"


def test_every_focusable_control_on_every_page_and_dialog_has_a_name_that_is_not_its_value(
    reader: Agent,
) -> None:
    problems = unnamed(reader.first_dialog, "Safety notice")
    assert any(node["name"] == "Safety notice" for node in reader.first_dialog)
    for page in PAGES:
        open_page(reader, page)
        problems += unnamed(reader.nodes(), page)
    open_prepare(reader)
    problems += unnamed(reader.nodes(), "Prepare")
    reader.press("Back")
    reader.wait_showing("Your routines", "filler")

    open_page(reader, "Reminders")
    reader.press("Add a reminder")
    reader.wait_showing("New reminder", "dialog")
    problems += unnamed(reader.nodes(), "New reminder")
    reader.press("Cancel")
    assert reader("wait_gone", name="New reminder", role="dialog")["ok"]

    assert reader("focus_window")["ok"]
    reader("chord", keys="ctrl+comma")
    reader.wait_showing("Settings sections")
    sections = int(reader("select", name="Settings sections", index=0)["count"])  # type: ignore[call-overload]
    for index in range(sections):
        reader("select", name="Settings sections", index=index)
        problems += unnamed(reader.nodes(), f"Settings section {index + 1}")
    reader.press("Close")
    assert reader("wait_gone", name="Settings sections")["ok"]

    assert not problems, "\n".join(problems)


def focus_cycle(agent: Agent) -> list[dict[str, str | bool]]:
    """The controls Tab visits, in order, until it comes back to the first one."""
    visited: list[dict[str, str | bool]] = []
    previous = agent("focused")["node"]
    assert isinstance(previous, dict), "nothing has the keyboard focus"
    for _ in range(MAX_TABS):
        node = agent("next_focus", key="Tab", previous=previous["id"])["node"]
        assert isinstance(node, dict), f"Tab left {previous['name']!r} for nowhere"
        if visited and node["id"] == visited[0]["id"]:
            break
        visited.append(node)
        previous = node
    return visited


def open_prepare(agent: Agent) -> None:
    open_page(agent, "Routines")
    agent.press("Start Daily back reset")
    agent.wait_showing("Before you begin", "label")


def test_tab_reaches_every_control_on_every_page(reader: Agent) -> None:
    problems = []
    for page in (*PAGES, "Prepare"):
        if page == "Prepare":
            open_prepare(reader)
        else:
            open_page(reader, page)
        assert reader("focus_window")["ok"]
        reached = [str(node["id"]) for node in focus_cycle(reader)]
        for node in reader.nodes():
            if (
                node["focusable"]
                and node["role"] not in ITEM_ROLES
                and not any(r == node["id"] or r.startswith(f"{node['id']}/") for r in reached)
                and node["window"] == "BackCare Desktop"
            ):
                problems.append(
                    f"{page}: Tab never reaches the {node['role']} {spoken_name(node)!r}"
                )
    reader.press("Back", "push button")
    reader.wait_showing("Your routines", "filler")
    assert not problems, "\n".join(problems)


def announcements(agent: Agent) -> list[str]:
    events = agent("events")["events"]
    assert isinstance(events, list)
    return [str(event["text"]) for event in events if event["kind"] == "object:announcement"]


def test_a_step_change_pause_and_resume_are_announced_and_the_session_is_named(
    reader: Agent,
) -> None:
    from backcare_desktop.core.content.loader import load_library
    from backcare_desktop.resources import assets_dir

    routine = load_library(assets_dir()).routine("desk_break")
    open_page(reader, "Routines")
    reader.press(f"Start {routine.name}")
    reader.wait_showing("Before you begin", "label")
    reader("record")
    reader.press("Begin…", "push button")
    assert reader("wait_event", kind="object:announcement", text="Step 1 of")["event"]
    focused = reader("focused")["node"]
    assert isinstance(focused, dict) and focused["name"] == "Pause", focused
    started = announcements(reader)

    reader("record")
    reader.press("Skip step", "push button")
    second = routine.steps[1].technique.name
    event = reader("wait_event", kind="object:announcement", text=f"Step 2 of {len(routine.steps)}")
    assert event["event"], reader("events")
    assert second in str(event["event"]["text"])  # type: ignore[index]

    reader.press("Pause", "push button")
    assert reader("wait_event", kind="object:announcement", text="Paused")["event"]
    reader.press("Continue", "push button")
    assert reader("wait_event", kind="object:announcement", text="Continuing")["event"]
    print("At the start a screen reader is told:", started)
    print("Then:", announcements(reader))
    problems = unnamed(reader.nodes(), "Session")
    reader.press("Stop session", "push button")
    reader.wait_showing("Do it again", "push button")
    problems += unnamed(reader.nodes(), "Summary")
    reader.press("Done", "push button")
    reader.wait_showing("Your routines", "filler")
    assert not problems, "\n".join(problems)
