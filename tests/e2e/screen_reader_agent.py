"""A screen reader's view of BackCare, over the real AT-SPI bus, driven by JSON lines.

Runs under Debian's system Python (pyatspi is a system package the project's venv cannot
import). The test starts it once and sends one JSON command per line on stdin; each answer is
one JSON line on stdout. Everything it reports is what Orca would get: roles, names, values,
states, and the events the app sends.

Commands (fields besides "do"):
  wait_app     timeout                      -> {"ok": bool}
  nodes        (none)                       -> {"nodes": [node, ...]} every node visible
               (on the open page, scrolled into view or not)
  press        name, role (optional)        -> {"ok": bool} run the node's first action
               (a name ending in "…" matches every name that starts with the rest)
  wait_showing / wait_gone / wait_checked / wait_selected   name, role, timeout -> {"ok": bool}
  wait_focus   timeout                      -> {"ok": bool} some node of the app has focus
  select       name, role, index                -> {"ok": bool, "count": n} pick a list's row
  focus_window title (optional), timeout    -> {"ok": bool} that window (the main one unless
               a title is given) has the keyboard
  windows      (none)                       -> {"windows": [title, ...]} the app's windows
               showing (tooltips aside), the main one first
  wait_windows known (titles), timeout      -> {"windows": [...]} once they differ from known
  wait_away    known (titles), name, role, timeout -> {"windows": [...], "left": bool} once
               a window not in known opened, or the node named went away
  wait_closed  title, timeout               -> {"ok": bool} that window no longer shows
  wait_title   title, timeout               -> {"ok": bool} a window of that title shows
  rows         name, timeout                -> {"rows": [[cell, ...], ...]} a table's or
               tree's rows as a screen reader reads them, cell by cell
  chord        keys (xdotool's words, "ctrl+comma")  -> {"ok": true}
  key          key ("Tab", "ISO_Left_Tab", "Return", "Escape", "space", "Down") -> {"ok": true}
  grab_focus   name, role, timeout          -> {"ok": bool} the node (or a row of it) has the
               keyboard focus
  focused      (none)                       -> {"node": node | null}
  wait_focused name, timeout                -> {"ok": bool} the node named has the focus
  menu_items   (none)                       -> {"items": [node, ...]} the entries of the
               pop-up menu the focus is in (its separators aside); [] when it is in none
  next_focus   key, previous (node id), timeout -> {"node": node | null} after pressing key,
               the first node announced as focused since, and still focused, that is not
               `previous`
  record       (none)                       -> {"ok": true} start keeping events
  events       (none)                       -> {"events": [event, ...]} kept since `record`
  wait_event   kind, text, timeout          -> {"event": event | null}
A node is {"id", "role", "name", "description", "value", "label", "focusable", "focused",
"checked", "window"}.

Under load the app can be slow to answer and its widgets come and go (a page rebuilt, a
dialog closed) while the agent reads them, so:
- every call to the app may take up to the command's timeout (libatspi's default gives up
  after 0.8 s and reports an error, which made a busy app look absent and could make a press
  that did arrive look failed, so it was sent again);
- a node is found afresh for every attempt, and a node that vanished between being found and
  being used ("The application no longer exists": libatspi disposed it when the app said it
  was destroyed) counts as not found yet, never as an answer;
- the application is looked up on the desktop afresh each time, skipping entries that are gone.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time

import pyatspi
from gi.repository import GLib

APP_NAME = "BackCare Desktop"
KEYSYMS = {
    "Tab": 0xFF09,
    "ISO_Left_Tab": 0xFE20,
    "Return": 0xFF0D,
    "Escape": 0xFF1B,
    "space": 0x20,
    "Down": 0xFF54,
    "BackSpace": 0xFF08,
}
EVENT_KINDS = (
    "object:announcement",
    "object:property-change:accessible-name",
    "object:property-change:accessible-description",
    "object:state-changed:focused",
)

recording: list[dict[str, object]] = []
keeping = False
focus_moves: list[object] = []
"""Every node that said it took the focus, newest last (a list's rows keep saying they are
focused after the list lost it, so the newest event, not the state, tells where focus is)."""


def pump(seconds: float = 0.0) -> None:
    """Let pyatspi deliver the events that arrived (and wait up to `seconds` for more)."""
    context = GLib.MainContext.default()
    deadline = time.monotonic() + seconds
    while True:
        while context.pending():
            context.iteration(False)
        if time.monotonic() >= deadline:
            return
        time.sleep(0.01)


def on_event(event: object) -> None:
    if str(event.type).startswith("object:state-changed:focused") and event.detail1:  # type: ignore[attr-defined]
        focus_moves.append(event.source)  # type: ignore[attr-defined]
    if not keeping:
        return
    try:
        source = event.source  # type: ignore[attr-defined]
        entry = {
            "kind": str(event.type),  # type: ignore[attr-defined]
            "source_role": source.getRoleName() if source is not None else "",
            "source_name": (source.name or "") if source is not None else "",
            "text": str(event.any_data or ""),  # type: ignore[attr-defined]
            "detail": int(event.detail1),  # type: ignore[attr-defined]
        }
    except Exception as error:  # a widget gone before we read it: keep what we know
        entry = {"kind": str(getattr(event, "type", "")), "error": str(error), "text": ""}
    recording.append(entry)


TABLE_ROLES = ("tree table", "table", "tree")
PASSING_WINDOWS = ("tool tip",)
"""Windows that come and go with the pointer, not with what the person opened."""
CALL_TIMEOUT_MS = 120_000
"""How long one call to the app may take before libatspi gives up on it: longer than any
command's own deadline, so only the command's deadline decides (a fast app costs nothing)."""


def the_app() -> object | None:
    desktop = pyatspi.Registry.getDesktop(0)
    try:
        desktop.clearCache()  # the list of apps as the registry has it now
        apps = list(desktop)
    except Exception:  # the registry is still starting: not there yet
        return None
    for app in apps:
        try:
            if app is not None and app.name == APP_NAME:
                return app
        except Exception:  # an app that left the bus while we looked
            continue
    return None


def act(find: object, use: object, deadline: float) -> object | None:
    """`use(node)` on the node `find()` returns, found afresh for each attempt until one works
    or the deadline passes; a node that went away before it could be used is not an answer."""
    while True:
        node = find()  # type: ignore[operator]
        if node is not None:
            try:
                return use(node)  # type: ignore[operator]
            except Exception:  # gone between found and used: look again
                pass
        if time.monotonic() >= deadline:
            return None
        pump(0.2)


def value_of(node: object, role: str) -> str:
    """What a screen reader reads as the control's value (compared with its name)."""
    try:
        if role == "combo box":
            for child in node:  # type: ignore[attr-defined]
                if child is None:
                    continue
                selection = child.querySelection()
                if selection.nSelectedChildren:
                    return str(selection.getSelectedChild(0).name or "")
        if role in ("text", "entry", "spin button", "password text"):
            text = node.queryText()  # type: ignore[attr-defined]
            return str(text.getText(0, -1))
        if role in ("slider", "spin button", "progress bar", "scroll bar", "dial"):
            value = node.queryValue()  # type: ignore[attr-defined]
            return f"{value.currentValue:g}"
    except Exception:
        return ""
    return ""


def label_of(node: object) -> str:
    """The text of the labels tied to the node (Qt on Linux names a combo box by its value and
    ties its label this way; Orca reads the label first)."""
    try:
        for relation in node.getRelationSet():  # type: ignore[attr-defined]
            if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
                targets = (relation.getTarget(i) for i in range(relation.getNTargets()))
                return " ".join(str(target.name or "") for target in targets).strip()
    except Exception:
        return ""
    return ""


def describe(node: object, node_id: str, window: str) -> dict[str, object]:
    states = node.getState()  # type: ignore[attr-defined]
    role = node.getRoleName()  # type: ignore[attr-defined]
    return {
        "id": node_id,
        "role": role,
        "name": str(node.name or ""),  # type: ignore[attr-defined]
        "description": str(node.description or ""),  # type: ignore[attr-defined]
        "value": value_of(node, role),
        "label": label_of(node),
        "focusable": states.contains(pyatspi.STATE_FOCUSABLE)
        and states.contains(pyatspi.STATE_ENABLED),
        "focused": states.contains(pyatspi.STATE_FOCUSED),
        "checked": states.contains(pyatspi.STATE_CHECKED),
        "window": window,
    }


def walk(node: object, node_id: str, window: str, out: list[dict[str, object]]) -> None:
    try:
        states = node.getState()  # type: ignore[attr-defined]
        if not states.contains(pyatspi.STATE_VISIBLE):  # scrolled out of view still counts
            return
        out.append(describe(node, node_id, window))
        for index, child in enumerate(node):  # type: ignore[arg-type]
            if child is not None:
                walk(child, f"{node_id}/{index}", window, out)
    except Exception:  # a widget destroyed while we walk: the next look sees the rest
        return


def showing_nodes() -> list[dict[str, object]]:
    app = the_app()
    out: list[dict[str, object]] = []
    if app is None:
        return out
    for index, window in enumerate(app):  # type: ignore[attr-defined]
        if window is None:
            continue
        try:
            title = str(window.name or "")
        except Exception:
            continue
        walk(window, str(index), title, out)
    return out


def find_node(name: str, role: str | None) -> object | None:
    app = the_app()
    if app is None:
        return None

    def search(node: object) -> object | None:
        try:
            if not node.getState().contains(pyatspi.STATE_VISIBLE):  # type: ignore[attr-defined]
                return None
            named = node.name == name or (name.endswith("…") and node.name.startswith(name[:-1]))
            if named and (role is None or node.getRoleName() == role):  # type: ignore[attr-defined]
                return node
            for child in node:  # type: ignore[attr-defined]
                if child is not None:
                    found = search(child)
                    if found is not None:
                        return found
        except Exception:
            return None
        return None

    for window in app:  # type: ignore[attr-defined]
        if window is not None:
            found = search(window)
            if found is not None:
                return found
    return None


def window_titles() -> list[str]:
    """The titles of the app's windows now showing, in the app's order (the main one first)."""
    app = the_app()
    titles: list[str] = []
    if app is None:
        return titles
    try:
        for window in app:  # type: ignore[attr-defined]
            if (
                window is not None
                and window.getRoleName() not in PASSING_WINDOWS
                and window.getState().contains(pyatspi.STATE_SHOWING)
            ):
                titles.append(str(window.name or ""))
    except Exception:  # a window closed while we looked: the caller asks again
        return []
    return titles


def table_rows(node: object) -> list[list[str]]:
    """A table's (or a tree's) rows, each as the names of its cells."""
    table = node.queryTable()  # type: ignore[attr-defined]
    rows = []
    for row in range(table.nRows):
        cells = (table.getAccessibleAt(row, column) for column in range(table.nColumns))
        rows.append([str(cell.name or "") if cell is not None else "" for cell in cells])
    return rows


def is_selected(node: object) -> bool:
    try:
        return bool(node.getState().contains(pyatspi.STATE_SELECTED))  # type: ignore[attr-defined]
    except Exception:
        return False


def is_checked(node: object) -> bool:
    try:
        return bool(node.getState().contains(pyatspi.STATE_CHECKED))  # type: ignore[attr-defined]
    except Exception:
        return False


def node_id(node: object) -> tuple[str, str]:
    """The node's path of child indexes from the app (as `walk` numbers it) and its window."""
    path: list[int] = []
    window = ""
    current = node
    while current is not None and current.getRoleName() != "application":  # type: ignore[attr-defined]
        window = str(current.name or "")  # type: ignore[attr-defined]
        path.append(current.getIndexInParent())  # type: ignore[attr-defined]
        current = current.parent  # type: ignore[attr-defined]
    return "/".join(str(index) for index in reversed(path)), window


def focused_node(since: int = 0) -> dict[str, object] | None:
    """Where the keyboard focus is: the newest node that said it took it (after the first
    `since` moves) and still has it."""
    pump()
    for node in reversed(focus_moves[since:]):
        try:
            if node.getState().contains(pyatspi.STATE_FOCUSED):  # type: ignore[attr-defined]
                path, window = node_id(node)
                return describe(node, path, window)
        except Exception:  # gone: look further back
            continue
    return None


def menu_items() -> list[dict[str, object]]:
    """The entries of the menu that holds the focused menu item. A pop-up menu is no window
    of the app on the bus: it is found from its focused entry. Its entries are not
    "focusable" (the menu keeps the keyboard and moves its choice), so they count as such."""
    pump()
    for node in reversed(focus_moves):
        try:
            if node.getRoleName() != "menu item":  # type: ignore[attr-defined]
                return []
            if not node.getState().contains(pyatspi.STATE_FOCUSED):  # type: ignore[attr-defined]
                continue
            menu = node.parent  # type: ignore[attr-defined]
            items = []
            for child in menu:
                if child is None or child.getRoleName() == "separator":
                    continue
                path, window = node_id(child)
                item = describe(child, path, window)
                item["focusable"] = child.getState().contains(pyatspi.STATE_ENABLED)
                items.append(item)
            return items
        except Exception:  # gone: look further back
            continue
    return []


def press_key(key: str) -> None:
    pyatspi.Registry.generateKeyboardEvent(KEYSYMS[key], None, pyatspi.KEY_SYM)


def handle(command: dict[str, object]) -> dict[str, object]:
    global keeping
    do = command["do"]
    timeout = float(command.get("timeout", 30))  # type: ignore[arg-type]
    deadline = time.monotonic() + timeout
    if do == "wait_app":
        while time.monotonic() < deadline:
            if any(n["role"] == "frame" for n in showing_nodes()):
                return {"ok": True}
            pump(0.2)
        return {"ok": False}
    if do in ("wait_showing", "wait_gone", "wait_checked", "wait_selected"):
        name, role = str(command["name"]), command.get("role")
        while time.monotonic() < deadline:
            node = find_node(name, role)  # type: ignore[arg-type]
            if do == "wait_showing" and node is not None:
                return {"ok": True}
            if do == "wait_gone" and node is None:
                return {"ok": True}
            if do == "wait_checked" and node is not None and is_checked(node):
                return {"ok": True}
            if do == "wait_selected" and node is not None and is_selected(node):
                return {"ok": True}
            pump(0.1)
        return {"ok": False}
    if do == "wait_focus":
        while time.monotonic() < deadline:
            if focused_node() is not None:
                return {"ok": True}
            pump(0.1)
        return {"ok": False}
    if do == "nodes":
        return {"nodes": showing_nodes()}
    if do == "press":
        name, role = str(command["name"]), command.get("role")
        done = act(
            lambda: find_node(name, role),  # type: ignore[arg-type]
            lambda node: node.queryAction().doAction(0) or True,
            deadline,
        )
        return {"ok": bool(done)}
    if do == "select":
        name, role, index = str(command["name"]), command.get("role"), int(command["index"])  # type: ignore[call-overload]

        def select(node: object) -> dict[str, object]:
            count = int(node.childCount)  # type: ignore[attr-defined]
            if index >= count:
                return {"ok": False, "count": count}
            node.querySelection().selectChild(index)  # type: ignore[attr-defined]
            return {"ok": True, "count": count}

        chosen = act(lambda: find_node(name, role), select, deadline)  # type: ignore[arg-type]
        return chosen if isinstance(chosen, dict) else {"ok": False, "count": 0}
    if do == "focus_window":  # no window manager here: give the window the keyboard
        title = str(command.get("title") or APP_NAME)
        subprocess.run(
            [
                "xdotool",
                "search",
                "--sync",
                "--onlyvisible",
                "--name",
                f"^{re.escape(title)}$",
                "windowfocus",
                "--sync",
            ],
            check=True,
            timeout=timeout,
        )
        while time.monotonic() < deadline:
            node = focused_node()
            if node is not None and node["window"] == title:
                return {"ok": True}
            pump(0.1)
        return {"ok": False}
    if do == "windows":
        return {"windows": window_titles()}
    if do == "wait_windows":
        known = list(command["known"])  # type: ignore[call-overload]
        while time.monotonic() < deadline:
            titles = window_titles()
            if titles and titles != known:
                return {"windows": titles}
            pump(0.1)
        return {"windows": known}
    if do == "wait_away":
        known = list(command["known"])  # type: ignore[call-overload]
        name, role = str(command["name"]), command.get("role")
        while time.monotonic() < deadline:
            titles = window_titles()
            if any(title not in known for title in titles):
                return {"windows": titles, "left": False}
            if titles and find_node(name, role) is None:  # type: ignore[arg-type]
                return {"windows": titles, "left": True}
            pump(0.1)
        return {"windows": known, "left": False}
    if do == "grab_focus":
        name, role = str(command["name"]), command.get("role")

        def grab(node: object) -> str:
            node.queryComponent().grabFocus()  # type: ignore[attr-defined]
            return node_id(node)[0]

        path = act(lambda: find_node(name, role), grab, deadline)  # type: ignore[arg-type]
        while path is not None and time.monotonic() < deadline:
            focused = focused_node()
            if focused is not None and f"{focused['id']}/".startswith(f"{path}/"):
                return {"ok": True}
            pump(0.05)
        return {"ok": False}
    if do == "wait_title":
        while time.monotonic() < deadline:
            if str(command["title"]) in window_titles():
                return {"ok": True}
            pump(0.1)
        return {"ok": False}
    if do == "wait_closed":
        title = str(command["title"])
        while time.monotonic() < deadline:
            titles = window_titles()
            if titles and title not in titles:
                return {"ok": True}
            pump(0.1)
        return {"ok": False}
    if do == "rows":
        name = str(command["name"])

        def table() -> object | None:
            for role in TABLE_ROLES:
                node = find_node(name, role)
                if node is not None:
                    return node
            return None

        found = act(table, table_rows, deadline)
        return {"rows": found if isinstance(found, list) else []}
    if do == "chord":  # a key with modifiers, typed through XTest as a keyboard would
        subprocess.run(["xdotool", "key", str(command["keys"])], check=True, timeout=timeout)
        return {"ok": True}
    if do == "key":
        press_key(str(command["key"]))
        return {"ok": True}
    if do == "focused":
        return {"node": focused_node()}
    if do == "wait_focused":
        while time.monotonic() < deadline:
            node = focused_node()
            if node is not None and node["name"] == command["name"]:
                return {"ok": True}
            pump(0.05)
        return {"ok": False}
    if do == "menu_items":
        return {"items": menu_items()}
    if do == "next_focus":  # only a move announced after the key counts: a list's row
        since = len(focus_moves)  # that lost the focus may still say it has it
        press_key(str(command["key"]))
        while time.monotonic() < deadline:
            node = focused_node(since)
            if node is not None and node["id"] != command.get("previous"):
                return {"node": node}
            pump(0.05)
        return {"node": None}
    if do == "record":
        recording.clear()
        keeping = True
        return {"ok": True}
    if do == "events":
        pump()
        return {"events": list(recording)}
    if do == "wait_event":
        wanted_kind, wanted_text = str(command["kind"]), str(command["text"])
        while time.monotonic() < deadline:
            pump(0.05)
            for event in recording:
                if event["kind"] == wanted_kind and wanted_text in str(event.get("text", "")):
                    return {"event": event}
        return {"event": None}
    return {"error": f"unknown command {do!r}"}


def main() -> None:
    pyatspi.setTimeout(CALL_TIMEOUT_MS, CALL_TIMEOUT_MS)
    for kind in EVENT_KINDS:
        pyatspi.Registry.registerEventListener(on_event, kind)
    pump(0.2)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            answer = handle(json.loads(line))
        except Exception as error:
            answer = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
