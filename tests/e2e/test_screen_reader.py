"""BackCare as a screen reader meets it: the real app on the real AT-SPI bus.

The rig (desktop_rig.private_desktop): Xvfb, a private session bus, at-spi-bus-launcher (waited
for until it answers), and the app started with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1. What Orca
would see is read by screen_reader_agent.py under the system Python (pyatspi is a Debian
package), which also presses keys and records the events the app sends. Every wait is on
something the agent observes (a node showing, a window opening, the focus moving, an event
arriving), with generous deadlines that cost nothing when the app is quick.

The tour reaches every screen the way a keyboard user would, so nothing is left out when a
page or a dialog is added: the pages and dialogs are those Help → Keyboard shortcuts lists
(each opened by its own key, the menu's entries included), every button on the home screen
that leads to a page of its own, one routine's Prepare, each page's buttons that open a dialog,
each "Show as table", and every section of a dialog that has a list of sections (Settings).
Then the pop-ups and questions only a path leads to: every kind of menu on the home screen (a
button that says it "Opens a menu"; Tab to it, Return, Down through it) and each entry of it
that opens a dialog or a page (removing one's own routine asks first), the editor's question
when leaving with changes, and the question when the window is closed (Alt+F4, with a window
manager as a person has one) during a session, and at the start the offer of a session the
last run could not journal. Each question is closed with Escape, its answer that changes
nothing (the offer's records the session as stopped, as its Escape does for a person).

Debian packages: xvfb dbus-daemon xdotool openbox at-spi2-core python3-pyatspi
gir1.2-atspi-2.0.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from desktop_rig import SYSTEM_PYTHON, accessibility_missing, private_desktop
from own_routine_example import PHYSIO

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.content.loader import load_library
from backcare_desktop.core.journal import SessionRecord
from backcare_desktop.core.routine_book import adding
from backcare_desktop.core.session import SessionMachine
from backcare_desktop.core.session_snapshot import snapshot_of
from backcare_desktop.paths import resolve_paths
from backcare_desktop.resources import assets_dir
from backcare_desktop.storage.journal_store import JournalStore
from backcare_desktop.storage.routine_store import RoutineStore
from backcare_desktop.storage.session_recovery import SessionRecoveryFile
from backcare_desktop.storage.store import PreferencesStore, shipped_defaults

pytestmark = pytest.mark.xvfb

AGENT = Path(__file__).with_name("screen_reader_agent.py")
WAIT_S = 120.0
"""How long any one thing may take to happen; generous (a loaded machine is slow), and it
costs nothing when the app is quick: every wait ends as soon as what it waits for is seen."""
START_S = 240.0
"""How long the app may take to start and show on the accessibility bus."""
MAIN = "BackCare Desktop"
HOME_MARK = ("Your routines", "filler")
"""What shows only while the home screen does."""
MAX_TABS = 80
ITEM_ROLES = {"list item", "table cell", "tree item", "column header", "row header"}
"""Rows and cells: their list or table is one focus stop, and arrows move among them."""
NOT_CONTROLS = ITEM_ROLES | {"label"}
"""What Tab need not reach: rows and cells, and words (a message box's text takes the focus
from a click, to be selected, but a screen reader reads it out when the box opens)."""
NOT_OPENED = {
    "Quit BackCare",
    "Quit",
    "Add a routine from a file",
    "Import a routine",
    "Import routine…",
    "Export to a file…",
}
"""Keys listed in Help → Keyboard shortcuts, home-screen buttons and menu entries that the tour
does not press: Quit, and the ones that open Qt's own file dialog (not BackCare's to name)."""
OFFER = "An unfinished session"
"""The title of the question at start about a session the last run could not journal."""
MENU_MARK = "Opens a menu"
"""How a button that opens a menu says so (the start of its description, read after its
name): the tour opens one button of each description."""
OWN_ROUTINE = PHYSIO.name
"""A routine of the person's own: its More menu can also remove it."""
PAGE_DIALOGS = {
    "Reminders": ("Add a reminder", "Edit the reminder at 19:30"),
    "Progress": ("Delete all history…",),
}
"""Buttons on a page that open a dialog (Escape closes each without a change). Progress's
"Export CSV…" and Sound's folder choice open Qt's own file dialog, which is not BackCare's;
"About Kind streak" shows its words as a tooltip, read with the page."""
XDOTOOL_KEYS = {",": "comma", "/": "slash", ".": "period", "?": "question", "+": "plus"}

Node = dict[str, str | bool]


@dataclass
class AppProcess:
    process: subprocess.Popen[bytes] | None
    output: Path | None

    def state(self) -> str:
        """Whether BackCare still runs, and if not, its exit code and last words."""
        if self.process is None or self.output is None:
            return "BackCare's process is not known here"
        code = self.process.poll()
        if code is None:
            return "BackCare is still running"
        tail = self.output.read_text(errors="replace").splitlines()[-15:]
        return f"BackCare exited with code {code}; its output ended:\n" + "\n".join(tail)


class Agent:
    """The screen reader's side, one JSON line per command."""

    def __init__(self, env: dict[str, str], app: AppProcess | None = None) -> None:
        self.app = app or AppProcess(None, None)
        self.process = subprocess.Popen(
            [SYSTEM_PYTHON, str(AGENT)],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def __call__(self, do: str, **fields: object) -> dict[str, object]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"do": do, "timeout": WAIT_S} | fields) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, f"the screen reader's agent ended during {do!r}; {self.app.state()}"
        answer: dict[str, object] = json.loads(line)
        assert "error" not in answer, f"{answer}; {self.app.state()}"
        return answer

    def check(self, do: str, what: str, **fields: object) -> dict[str, object]:
        """A command that must answer ok; `what` says what failed to happen."""
        answer = self(do, **fields)
        assert answer["ok"], f"{what}; {self.app.state()}"
        return answer

    def nodes(self, window: str | None = None) -> list[Node]:
        found: list[Node] = self("nodes")["nodes"]  # type: ignore[assignment]
        return [n for n in found if window is None or n["window"] == window]

    def press(self, name: str, role: str | None = None) -> None:
        self.check("press", f"nothing named {name!r} showing", name=name, role=role)

    def wait_showing(self, name: str, role: str | None = None) -> None:
        self.check("wait_showing", f"{name!r} never showed", name=name, role=role)

    def wait_gone(self, name: str, role: str | None = None) -> None:
        self.check("wait_gone", f"{name!r} never went away", name=name, role=role)

    def focus(self, window: str = MAIN) -> None:
        self.check("focus_window", f"{window!r} never took the keyboard", title=window)

    def keys(self, keys: str) -> None:
        """Type a shortcut as Help → Keyboard shortcuts writes it ("Ctrl+,"), with xdotool."""
        first = keys.split(", ")[0]
        *modifiers, key = first.split("+") if first != "+" else ["+"]
        key = key.lower() if len(key) == 1 else key  # xdotool's "N" would add Shift
        words = [m.lower() for m in modifiers] + [XDOTOOL_KEYS.get(key, key)]
        self("chord", keys="+".join(words))

    def windows(self) -> list[str]:
        return self("windows")["windows"]  # type: ignore[return-value]

    first_dialog: list[Node]
    """What the safety notice showed at the first start, before it was closed."""
    at_start: Tour
    """What the app asked at the start after the safety notice (a session to take back)."""

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


def seed_home(home: Path) -> None:
    """One reminder, three weeks of sessions for the charts, a routine of the person's own and
    a session the last run could not journal; the safety notice not yet read (so the app starts
    with that dialog, the one a screen reader meets first, and the offer of the session)."""
    paths = resolve_paths(home).ensure()
    library = load_library(assets_dir())
    RoutineStore.in_data_dir(paths, library).apply(adding(PHYSIO))
    cut_short = SessionMachine(library.routine("desk_break"), FakeClock(datetime.now(UTC)))
    cut_short.start()  # and the last run died in its first step: the app offers it back
    SessionRecoveryFile.in_data_dir(paths).write(snapshot_of(cut_short, "cut-short", 5, None))
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
    needed = ("Xvfb", "dbus-daemon", "xdotool", "openbox")
    missing = [p for p in needed if shutil.which(p) is None]
    unavailable = accessibility_missing()
    if missing or unavailable:
        reason = unavailable or f"{', '.join(missing)} not installed"
        print(reason)
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("reader")
    home = folder / "backcare"
    seed_home(home)
    with private_desktop() as desktop:
        desktop.env["TZ"] = "UTC"
        desktop.env["BACKCARE_HOME"] = str(home)
        desktop.start(["openbox"])  # a person's desktop has one: it closes a window on Alt+F4
        output = folder / "app-output.txt"
        command = [sys.executable, "-m", "backcare_desktop", "--home", str(home)]
        app = AppProcess(desktop.start(command, output), output)
        agent = Agent(desktop.env, app)
        try:
            agent.check(
                "wait_app", "BackCare never showed on the accessibility bus", timeout=START_S
            )
            agent.wait_showing("I understand", "push button")
            agent.first_dialog = agent.nodes()
            agent.press("I understand", "push button")
            agent.wait_gone("I understand", "push button")
            agent.at_start = Tour(agent)  # then the offer of the session cut short
            agent.check("wait_title", "no unfinished session was offered", title=OFFER)
            agent.at_start.look_at_dialog(OFFER)  # Escape: record it as stopped
            agent.focus()
            yield agent
        finally:
            agent.close()


def spoken_name(node: Node) -> str:
    """What Orca says the control is: its tied label (Qt on Linux names a combo box by its
    value and ties the label instead), else its name."""
    return str(node["label"] or node["name"]).strip()


def unnamed(nodes: list[Node], where: str) -> list[str]:
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


def sections(node: Node) -> int:
    """How many fields a control has that Tab visits one by one before it leaves (Qt's time
    fields: "19:30" is two); a key's events arrive in order, so no wait is needed between."""
    value = str(node["value"])
    return value.count(":") + 1 if node["role"] == "spin button" else 1


def focus_cycle(agent: Agent) -> list[Node]:
    """The controls Tab visits, in order, until it comes back to the first one."""
    visited: list[Node] = []
    previous = agent("focused")["node"]
    assert isinstance(previous, dict), "nothing has the keyboard focus"
    for _ in range(MAX_TABS):
        for _section in range(sections(previous) - 1):  # Tab first crosses a time's fields
            agent("key", key="Tab")
        node = agent("next_focus", key="Tab", previous=previous["id"])["node"]
        assert isinstance(node, dict), f"Tab left {previous['name']!r} for nowhere"
        if visited and node["id"] == visited[0]["id"]:
            break
        visited.append(node)
        previous = node
    return visited


def unreached(nodes: list[Node], reached: list[str], where: str) -> list[str]:
    """The focusable controls Tab never landed on (nor on anything inside them). Radio
    buttons side by side are one stop, as Qt and every desktop make them: Tab lands on the
    chosen one, and the arrows choose among them."""
    radio_groups = {
        str(node["id"]).rsplit("/", 1)[0]
        for node in nodes
        if node["role"] == "radio button" and node["id"] in reached
    }
    return [
        f"{where}: Tab never reaches the {node['role']} {spoken_name(node)!r}"
        for node in nodes
        if node["focusable"]
        and node["role"] not in NOT_CONTROLS
        and not any(r == node["id"] or r.startswith(f"{node['id']}/") for r in reached)
        and not (
            node["role"] == "radio button" and str(node["id"]).rsplit("/", 1)[0] in radio_groups
        )
    ]


@dataclass(frozen=True)
class Screen:
    """One page or dialog as the screen reader found it, and where Tab went on it."""

    name: str
    nodes: list[Node]
    reached: list[str]


class Tour:
    """Every screen, each looked at once: its controls, then a full round of Tab."""

    def __init__(self, agent: Agent) -> None:
        self.agent = agent
        self.screens: list[Screen] = []
        self._seen: set[object] = set()

    def look(self, name: str, window: str = MAIN) -> None:
        """Read the screen now showing in `window` and Tab round it (once per screen: a page
        reached a second way is not looked at again)."""
        self.agent.focus(window)
        nodes = self.agent.nodes(window)
        key = (window, frozenset((n["role"], n["name"]) for n in nodes if n["focusable"]))
        if key in self._seen:
            return
        self._seen.add(key)
        stops = [n for n in nodes if n["focusable"] and n["role"] not in NOT_CONTROLS]
        if len(stops) > 1:
            reached = [str(node["id"]) for node in focus_cycle(self.agent)]
        else:  # one control (an OK): Tab stays on it once there, so no focus move to wait for
            focused = self.agent("focused")["node"]
            assert isinstance(focused, dict), f"nothing has the keyboard focus on {name}"
            reached = [str(focused["id"])]
            if stops and stops[0]["id"] != focused["id"]:  # the words have it: Tab to the OK
                moved = self.agent("next_focus", key="Tab", previous=focused["id"])["node"]
                reached += [str(moved["id"])] if isinstance(moved, dict) else []
        self.screens.append(Screen(name, nodes, reached))

    def go_home(self, keys: str) -> None:
        self.agent.focus()
        self.agent.keys(keys)
        self.agent.wait_showing(*HOME_MARK)

    def open_dialog(self, button: str) -> str:
        """Press `button`; the title of the window that opens."""
        before = self.agent.windows()
        self.agent.press(button)
        after: list[str] = self.agent("wait_windows", known=before)["windows"]  # type: ignore[assignment]
        opened = [title for title in after if title not in before]
        assert opened, f"{button} opened no window; {self.agent.app.state()}"
        return opened[0]

    def look_at_dialog(self, title: str) -> None:
        """The dialog, then each of its sections if it has a list of them; Escape closes it."""
        if title not in self._seen:
            self._seen.add(title)
            self.look(title, title)
            nodes = self.agent.nodes(title)
            for section_list in (n for n in nodes if n["role"] == "list"):
                name, list_id = str(section_list["name"]), str(section_list["id"])
                rows = [n for n in nodes if str(n["id"]).startswith(f"{list_id}/")]
                for index in range(1, len(rows)):  # the first is showing: looked at above
                    self.agent.check("grab_focus", f"{name} never took the focus", name=name)
                    self.agent("key", key="Down")  # as a keyboard moves through a list
                    row = str(rows[index]["name"])
                    self.agent.check(
                        "wait_selected", f"Down never chose {row}", name=row, role="list item"
                    )
                    self.look(f"{title}, {rows[index]['name']}", title)
        self.agent.focus(title)
        self.agent("key", key="Escape")
        self.agent.check("wait_closed", f"Escape left {title!r} open", title=title)

    def page_dialogs_and_tables(self, page: str) -> None:
        for button in PAGE_DIALOGS.get(page, ()):
            self.look_at_dialog(self.open_dialog(button))
        tables = [
            str(n["name"])
            for n in self.agent.nodes(MAIN)
            if n["role"] == "check box" and str(n["name"]).endswith(" as a table")
        ]
        pictures = [table.removesuffix(" as a table") + " as a picture" for table in tables]
        for table, picture in zip(tables, pictures, strict=True):
            self.agent.press(table, "check box")
            self.agent.wait_showing(picture, "check box")  # the button now swaps back
        if tables:
            self.look(f"{page}, as tables")
            for picture in pictures:
                self.agent.press(picture, "check box")


class PathTour(Tour):
    """The pop-ups and questions that only a path leads to, each reached by keys alone."""

    def tab_to(self, name: str) -> Node:
        """Tab, as a person would, until the control named `name` has the focus."""
        node = self.agent("focused")["node"]
        for _ in range(2 * MAX_TABS):
            assert isinstance(node, dict), f"Tab went nowhere on the way to {name!r}"
            if node["name"] == name:
                return node
            for _section in range(sections(node) - 1):
                self.agent("key", key="Tab")
            node = self.agent("next_focus", key="Tab", previous=node["id"])["node"]
        raise AssertionError(f"Tab never reached {name!r}")

    def open_menu(self, button: str) -> list[Node]:
        """Tab to `button` and press Return: the menu's entries, with the focus on its first."""
        on_button = self.tab_to(button)
        entry = self.agent("next_focus", key="Return", previous=on_button["id"])["node"]
        assert isinstance(entry, dict) and entry["role"] == "menu item", (
            f"Return on {button!r} put the focus in no menu: {entry}; {self.agent.app.state()}"
        )
        items: list[Node] = self.agent("menu_items")["items"]  # type: ignore[assignment]
        assert items and items[0]["id"] == entry["id"], (entry, items)
        return items

    def down_to(self, items: list[Node], name: str) -> None:
        """Down from the menu's first entry to the one named `name`."""
        previous = items[0]
        for item in items[1 : [i["name"] for i in items].index(name) + 1]:
            if not item["focusable"]:  # a disabled entry: Down passes over it
                continue
            node = self.agent("next_focus", key="Down", previous=previous["id"])["node"]
            assert isinstance(node, dict) and node["id"] == item["id"], (item, node)
            previous = item

    def look_at_menu(self, button: str) -> list[str]:
        """A menu as a screen: every entry's name, Down through all of them, and Escape back
        to its button. The entries' names."""
        items = self.open_menu(button)
        usable = [item for item in items if item["focusable"]]
        self.down_to(items, str(usable[-1]["name"]))
        self.screens.append(
            Screen(f"{button}: its menu", items, [str(item["id"]) for item in usable])
        )
        self.agent("key", key="Escape")
        self.agent.check("wait_focused", f"Escape left {button}'s menu open", name=button)
        return [str(item["name"]) for item in items]

    def open_from_menu(self, button: str, entry: str, home_keys: str) -> None:
        """Choose `entry` in `button`'s menu with Down and Return; look at what opens."""
        self.down_to(self.open_menu(button), entry)
        before = self.agent.windows()
        self.agent("key", key="Return")
        away = self.agent("wait_away", known=before, name=HOME_MARK[0], role=HOME_MARK[1])
        opened = [title for title in away["windows"] if title not in before]  # type: ignore[attr-defined]
        if opened:
            self.look_at_dialog(opened[0])
        else:
            assert away["left"], f"{entry} in {button}'s menu opened nothing"
            self.look(f"{button} → {entry}")
        self.go_home(home_keys)

    def menus(self, home_keys: str) -> None:
        """One button of each kind that opens a menu, on the home screen: its menu, and each
        entry that opens a dialog or a page."""
        self.go_home(home_keys)
        kinds: dict[str, str] = {}
        for node in self.agent.nodes(MAIN):
            description = str(node["description"])
            if node["focusable"] and description.startswith(MENU_MARK):
                kinds.setdefault(description, str(node["name"]))
        assert len(kinds) >= 3, kinds  # the header's Menu; a built-in's More; one's own More
        for button in kinds.values():
            self.go_home(home_keys)
            entries = self.look_at_menu(button)
            for entry in entries:
                if entry.endswith("…") and entry not in NOT_OPENED:
                    self.open_from_menu(button, entry, home_keys)

    def leaving_with_changes(self, new_routine_keys: str, home_keys: str) -> None:
        """The editor, a letter typed into the routine's name, and the way home: the question
        before the change is lost; Escape keeps editing, and with the letter gone home is one
        key away again."""
        self.go_home(home_keys)
        self.agent.keys(new_routine_keys)
        self.agent.wait_gone(*HOME_MARK)
        name = self.tab_to("Routine name")
        self.agent("chord", keys="x")
        before = self.agent.windows()
        self.agent.keys(home_keys)
        after: list[str] = self.agent("wait_windows", known=before)["windows"]  # type: ignore[assignment]
        asked = [title for title in after if title not in before]
        assert asked, "leaving the editor with a change asked nothing"
        self.look_at_dialog(asked[0])
        self.agent.check("wait_focused", "the name lost the focus", name=name["name"])
        self.agent("key", key="BackSpace")
        self.go_home(home_keys)

    def closing_mid_session(self, start_keys: str, home_keys: str) -> None:
        """A routine begun by keys, and the window closed as a person closes one (Alt+F4):
        the question; Escape keeps the session going, which then stops as usual."""
        self.go_home(home_keys)
        self.agent.keys(start_keys)
        self.agent.wait_showing("Begin…", "push button")
        self.agent("key", key="Return")  # the page's default button
        self.agent.wait_showing("Pause", "push button")
        before = self.agent.windows()
        self.agent("chord", keys="alt+F4")
        after: list[str] = self.agent("wait_windows", known=before)["windows"]  # type: ignore[assignment]
        asked = [title for title in after if title not in before]
        assert asked, f"closing the window mid-session asked nothing; {self.agent.app.state()}"
        self.look_at_dialog(asked[0])
        self.agent.wait_showing("Pause", "push button")  # going again, not paused
        self.agent.press("Stop session", "push button")
        self.agent.wait_showing("Done", "push button")
        self.agent.press("Done", "push button")
        self.agent.wait_showing(*HOME_MARK)


def shortcut_rows(agent: Agent) -> list[tuple[str, str, str]]:
    """Help → Keyboard shortcuts as a screen reader reads it: (group, what, keys)."""
    agent.focus()
    agent.keys("Ctrl+/")
    agent.wait_showing("Keyboard shortcuts", "dialog")
    rows: list[list[str]] = agent("rows", name="Keyboard shortcuts")["rows"]  # type: ignore[assignment]
    listed, group = [], ""
    for cells in rows:
        if len(cells) < 2 or not cells[1]:
            group = cells[0]
        else:
            listed.append((group, cells[0], cells[1]))
    assert listed, f"Keyboard shortcuts lists nothing: {rows}"
    return listed


@pytest.fixture(scope="module")
def tour(reader: Agent) -> Tour:
    """Every page and dialog: the keys Help → Keyboard shortcuts lists, the home screen's ways
    to other pages, a routine's Prepare, and each page's dialogs and tables."""
    walk = PathTour(reader)
    rows = shortcut_rows(reader)
    walk.look_at_dialog("Keyboard shortcuts")
    pages = [(what.removeprefix("Open "), keys) for group, what, keys in rows if group == "Pages"]
    assert pages and pages[0][0] == "Routines", pages
    home_keys = pages[0][1]
    for page, keys in pages:
        reader.focus()
        reader.keys(keys)
        reader.check("wait_checked", f"{keys} never opened {page}", name=page, role="check box")
        walk.look(page)
        walk.page_dialogs_and_tables(page)

    walk.go_home(home_keys)
    header = {page for page, _keys in pages} | {"Menu"}
    buttons = [
        str(n["name"])
        for n in reader.nodes(MAIN)
        if n["role"] == "push button" and n["focusable"] and n["name"] not in header
    ]
    routines = [name.removeprefix("Start ") for name in buttons if name.startswith("Start ")]
    assert routines, buttons
    ways_out = [  # a card's own buttons (star, its menu) stay on the card: Start is enough
        name
        for name in buttons
        if not any(routine in name for routine in routines) and name not in NOT_OPENED
    ]
    for button in [f"Start {routines[0]}", *ways_out]:
        reader.press(button)
        reader.wait_gone(*HOME_MARK)
        current = [
            n["name"] for n in reader.nodes(MAIN) if n["role"] == "check box" and n["checked"]
        ]
        if not set(current) & (header - {"Routines"}):  # not one of the header's pages
            walk.look(f"Home → {button}")
        walk.go_home(home_keys)

    for group, what, keys in rows:  # the menu's entries, and any other key that opens a screen
        if group != "Anywhere" or what in NOT_OPENED:  # pages are done; the rest are a
            continue  # session's keys or a control's own
        walk.go_home(home_keys)
        before = reader.windows()
        reader.keys(keys)
        away = reader("wait_away", known=before, name=HOME_MARK[0], role=HOME_MARK[1])
        opened = [title for title in away["windows"] if title not in before]  # type: ignore[attr-defined]
        if opened:
            walk.look_at_dialog(opened[0])
        else:
            assert away["left"], f"{keys} ({what}) opened nothing; {reader.app.state()}"
            walk.look(what)  # a page (Start routine: Prepare)
    keys_for = {what: keys for _group, what, keys in rows}
    walk.menus(home_keys)
    walk.leaving_with_changes(keys_for["Write a routine of your own"], home_keys)
    walk.closing_mid_session(keys_for["Prepare your default routine"], home_keys)
    walk.go_home(home_keys)
    return walk


def test_every_focusable_control_on_every_page_and_dialog_has_a_name_that_is_not_its_value(
    reader: Agent, tour: Tour
) -> None:
    assert any(node["name"] == "Safety notice" for node in reader.first_dialog)
    problems = unnamed(reader.first_dialog, "Safety notice")
    for screen in [*reader.at_start.screens, *tour.screens]:
        problems += unnamed(screen.nodes, screen.name)
    assert not problems, "\n".join(problems)


def test_the_tour_reaches_the_menus_dialogs_questions_and_every_settings_section(
    tour: Tour,
) -> None:
    names = [screen.name for screen in [*tour.agent.at_start.screens, *tour.screens]]
    print("Screens looked at:", names)
    for dialog in ("About BackCare", "Keyboard shortcuts", "Safety notice", "New reminder"):
        assert dialog in names, names
    for pop_up in (
        "Menu: its menu",
        "More for Daily back reset: its menu",
        f"More for {OWN_ROUTINE}: its menu",
        f"Remove “{OWN_ROUTINE}”?",
        "Discard changes?",
        "Your session is paused",
        OFFER,
    ):
        assert pop_up in names, names
    # Escape answered each question without a change: one's own routine is still there.
    tour.agent.wait_showing(f"Start {OWN_ROUTINE}", "push button")
    assert sum(name.startswith("Settings, ") for name in names) >= 4, names
    assert "Progress, as tables" in names, names


def test_tab_reaches_every_control_on_every_page_and_dialog(tour: Tour) -> None:
    problems = []
    for screen in [*tour.agent.at_start.screens, *tour.screens]:
        problems += unreached(screen.nodes, screen.reached, screen.name)
    assert not problems, "\n".join(problems)


def announcements(agent: Agent) -> list[str]:
    events = agent("events")["events"]
    assert isinstance(events, list)
    return [str(event["text"]) for event in events if event["kind"] == "object:announcement"]


def open_routines(agent: Agent) -> None:
    agent.press("Routines", "check box")
    agent.check("wait_checked", "Routines never opened", name="Routines", role="check box")


def test_a_step_change_pause_and_resume_are_announced_and_the_session_is_named(
    reader: Agent,
) -> None:
    routine = load_library(assets_dir()).routine("desk_break")
    open_routines(reader)
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
    reader.wait_showing(*HOME_MARK)
    assert not problems, "\n".join(problems)
