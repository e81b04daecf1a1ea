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
  wait_showing / wait_gone / wait_checked    name, role, timeout -> {"ok": bool}
  wait_focus   timeout                      -> {"ok": bool} some node of the app has focus
  select       name, role, index                -> {"ok": bool, "count": n} pick a list's row
  focus_window timeout                      -> {"ok": bool} the main window has the keyboard
  chord        keys (xdotool's words, "ctrl+comma")  -> {"ok": true}
  key          key ("Tab", "ISO_Left_Tab", "Return", "Escape", "space")  -> {"ok": true}
  focused      (none)                       -> {"node": node | null}
  next_focus   key, previous (node id), timeout -> {"node": node | null} after pressing key,
               the first focused node that is not `previous`
  record       (none)                       -> {"ok": true} start keeping events
  events       (none)                       -> {"events": [event, ...]} kept since `record`
  wait_event   kind, text, timeout          -> {"event": event | null}
A node is {"id", "role", "name", "description", "value", "label", "focusable", "focused",
"window"}.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pyatspi
from gi.repository import GLib

APP_NAME = "BackCare Desktop"
KEYSYMS = {"Tab": 0xFF09, "ISO_Left_Tab": 0xFE20, "Return": 0xFF0D, "Escape": 0xFF1B, "space": 0x20}
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


def the_app() -> object | None:
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.name == APP_NAME:
            return app
    return None


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


def focused_node() -> dict[str, object] | None:
    """Where the keyboard focus is: the newest node that said it took it and still has it."""
    pump()
    for node in reversed(focus_moves):
        try:
            if node.getState().contains(pyatspi.STATE_FOCUSED):  # type: ignore[attr-defined]
                path, window = node_id(node)
                return describe(node, path, window)
        except Exception:  # gone: look further back
            continue
    return None


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
    if do in ("wait_showing", "wait_gone", "wait_checked"):
        name, role = str(command["name"]), command.get("role")
        while time.monotonic() < deadline:
            node = find_node(name, role)  # type: ignore[arg-type]
            if do == "wait_showing" and node is not None:
                return {"ok": True}
            if do == "wait_gone" and node is None:
                return {"ok": True}
            if do == "wait_checked" and node is not None and is_checked(node):
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
        while time.monotonic() < deadline:
            node = find_node(str(command["name"]), command.get("role"))  # type: ignore[arg-type]
            if node is not None:
                node.queryAction().doAction(0)  # type: ignore[attr-defined]
                return {"ok": True}
            pump(0.2)
        return {"ok": False}
    if do == "select":
        while time.monotonic() < deadline:
            node = find_node(str(command["name"]), command.get("role"))  # type: ignore[arg-type]
            if node is not None:
                count = node.childCount  # type: ignore[attr-defined]
                index = int(command["index"])  # type: ignore[arg-type]
                if index >= count:
                    return {"ok": False, "count": count}
                node.querySelection().selectChild(index)  # type: ignore[attr-defined]
                return {"ok": True, "count": count}
            pump(0.2)
        return {"ok": False, "count": 0}
    if do == "focus_window":  # no window manager here: give the window the keyboard
        subprocess.run(
            [
                "xdotool",
                "search",
                "--sync",
                "--onlyvisible",
                "--name",
                f"^{APP_NAME}$",
                "windowfocus",
                "--sync",
            ],
            check=True,
            timeout=timeout,
        )
        while time.monotonic() < deadline:
            if focused_node() is not None:
                return {"ok": True}
            pump(0.1)
        return {"ok": False}
    if do == "chord":  # a key with modifiers, typed through XTest as a keyboard would
        subprocess.run(["xdotool", "key", str(command["keys"])], check=True, timeout=timeout)
        return {"ok": True}
    if do == "key":
        press_key(str(command["key"]))
        return {"ok": True}
    if do == "focused":
        return {"node": focused_node()}
    if do == "next_focus":
        press_key(str(command["key"]))
        while time.monotonic() < deadline:
            node = focused_node()
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
