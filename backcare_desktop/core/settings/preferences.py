"""The person's settings: one frozen value, validated key by key, versioned, migrated.

Why key by key: a settings file is something people sometimes edit by hand. One bad value
(say `"routine_minutes": 45`) should cost that one setting, never the whole file, so each key
is checked on its own and falls back to its shipped default with a message saying why.

The default *values* are data (assets/preferences_defaults.json, read with `load_defaults`);
this module holds what no data file can: the types, ranges and migrations.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import reprlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

SCHEMA_VERSION: Final = 2
THEMES: Final = ("system", "light", "dark", "dim")
ROUTINE_MINUTES_MIN: Final = 5
ROUTINE_MINUTES_MAX: Final = 30
GRACE_MINUTES_MAX: Final = 24 * 60
MAX_FAVOURITES: Final = 100
MAX_REMINDERS: Final = 50
MAX_REMINDER_BYTES: Final = 16_384
MAX_TEXT: Final = 4096

_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_VOLUME_NAMES: Final = ("music", "cues", "chimes")


class DefaultsError(ValueError):
    """The shipped defaults file is broken: an install problem, not a user mistake."""


class UnknownSchemaError(ValueError):
    """A settings document whose schema version cannot be read, so it cannot be interpreted."""


@dataclass(frozen=True)
class Volumes:
    """Loudness of each sound layer, 0 (silent) to 1 (full)."""

    music: float
    cues: float
    chimes: float


@dataclass(frozen=True)
class Preferences:
    """Everything the person can set. Build one with `validate` or `with_changes`."""

    favourite_oils: tuple[str, ...]
    routine_minutes: int
    default_routine: str
    breathing_pattern: str
    volumes: Volumes
    muted: bool
    music_track: str | None
    music_folder: str | None
    chimes_enabled: bool
    reduced_motion: bool
    theme: str
    tension_rating: bool
    start_minimized: bool
    start_at_login: bool
    # Reminder rules as read-only JSON-like mappings; core/reminders.py gives them meaning.
    # Use `reminder_dicts()` for plain, mutable copies.
    reminders: tuple[Mapping[str, Any], ...]
    reminder_grace_minutes: int
    first_run_acknowledged: bool

    def with_changes(self, **changes: Any) -> Preferences:
        """A copy with some settings changed; raises ValueError naming a bad key or value.

        Unlike `validate`, nothing falls back silently here: a value the GUI offers that does
        not fit is a programming mistake and should be seen.
        """
        checked: dict[str, Any] = {}
        for name, value in changes.items():
            check = _CHECKS.get(name)
            if check is None:
                raise ValueError(f"'{name}' is not a setting")
            try:
                checked[name] = check(value)
            except ValueError as error:
                raise ValueError(f"'{name}': {error}") from None
        return dataclasses.replace(self, **checked)

    def reminder_dicts(self) -> list[dict[str, Any]]:
        """The reminder rules as fresh plain dicts (lists, not tuples), safe to modify."""
        return [_thaw(rule) for rule in self.reminders]

    def to_dict(self) -> dict[str, Any]:
        """The settings as JSON-ready data in the current schema (without the version)."""
        data: dict[str, Any] = {}
        for field in dataclasses.fields(self):
            data[field.name] = _thaw(getattr(self, field.name))
        return data


def to_document(prefs: Preferences) -> dict[str, Any]:
    """The JSON document a store writes: the settings plus `schema_version`."""
    return {"schema_version": SCHEMA_VERSION, **prefs.to_dict()}


# ----------------------------------------------------------------------------- value checks
# Each check takes a raw value (from JSON or from Python code) and returns the normalised value,
# or raises ValueError with a reason a person could act on.


def _check_bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {_show(value)}")
    return value


def _check_int_range(low: int, high: int) -> Callable[[object], int]:
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"expected a whole number from {low} to {high}, got {_show(value)}")
        return value

    return check


def _check_id(value: object) -> str:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise ValueError(f"expected an id such as 'daily_back_reset', got {_show(value)}")
    return value


def _check_text_or_none(value: object) -> str | None:
    if value is None:
        return None
    if (
        not isinstance(value, str)
        or not value.strip()
        or len(value) > MAX_TEXT
        or any(ord(c) < 32 for c in value)
    ):
        raise ValueError(f"expected a short text or null, got {_show(value)}")
    return value


def _check_theme(value: object) -> str:
    if value not in THEMES:
        raise ValueError(f"expected one of {', '.join(THEMES)}, got {_show(value)}")
    assert isinstance(value, str)
    return value


def _check_volume(value: object) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not 0 <= value <= 1
    ):
        raise ValueError(f"expected a number from 0 to 1, got {_show(value)}")
    return float(value)


def _check_volumes(value: object) -> Volumes:
    if isinstance(value, Volumes):
        value = dataclasses.asdict(value)
    if not isinstance(value, Mapping) or set(value) != set(_VOLUME_NAMES):
        raise ValueError(f"expected music, cues and chimes volumes, got {_show(value)}")
    return Volumes(*(_check_volume(value[name]) for name in _VOLUME_NAMES))


def _check_favourites(value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or len(value) > MAX_FAVOURITES:
        raise ValueError(f"expected a list of up to {MAX_FAVOURITES} oil ids, got {_show(value)}")
    ids = [_check_id(item) for item in value]
    return tuple(dict.fromkeys(ids))


def _check_reminders(value: object) -> tuple[Mapping[str, Any], ...]:
    """A list of JSON objects; their meaning is core/reminders.py's business."""
    if not isinstance(value, list | tuple) or len(value) > MAX_REMINDERS:
        raise ValueError(f"expected a list of up to {MAX_REMINDERS} reminders, got {_show(value)}")
    rules = []
    for item in value:
        if not isinstance(item, Mapping) or not all(isinstance(k, str) for k in item):
            raise ValueError(f"expected each reminder to be an object, got {_show(item)}")
        try:
            text = json.dumps(_thaw(item), allow_nan=False)
            if len(text) > MAX_REMINDER_BYTES:
                raise ValueError("a reminder is far larger than any real one")
            rules.append(_freeze(json.loads(text)))
        except (TypeError, RecursionError):
            raise ValueError("a reminder holds a value that cannot be saved") from None
    return tuple(rules)


_CHECKS: Final[dict[str, Callable[[Any], Any]]] = {
    "favourite_oils": _check_favourites,
    "routine_minutes": _check_int_range(ROUTINE_MINUTES_MIN, ROUTINE_MINUTES_MAX),
    "default_routine": _check_id,
    "breathing_pattern": _check_id,
    "volumes": _check_volumes,
    "muted": _check_bool,
    "music_track": _check_text_or_none,
    "music_folder": _check_text_or_none,
    "chimes_enabled": _check_bool,
    "reduced_motion": _check_bool,
    "theme": _check_theme,
    "tension_rating": _check_bool,
    "start_minimized": _check_bool,
    "start_at_login": _check_bool,
    "reminders": _check_reminders,
    "reminder_grace_minutes": _check_int_range(0, GRACE_MINUTES_MAX),
    "first_run_acknowledged": _check_bool,
}
FIELD_NAMES: Final = tuple(f.name for f in dataclasses.fields(Preferences))
assert set(FIELD_NAMES) == set(_CHECKS), "every setting needs a check"


# ----------------------------------------------------------------------------- validation


def validate(raw: Mapping[str, Any], defaults: Preferences) -> tuple[Preferences, list[str]]:
    """Settings from a current-schema mapping, and the problems found on the way.

    A missing key takes its default quietly (older files simply lack newer settings); a bad
    value takes its default and is reported; unknown keys are reported and ignored. Volumes
    fall back one by one. Never raises for any JSON-like input.
    """
    problems: list[str] = []
    values: dict[str, Any] = {}
    for name in FIELD_NAMES:
        default = getattr(defaults, name)
        if name not in raw:
            values[name] = default
        elif name == "volumes":
            values[name] = _validate_volumes(raw[name], default, problems)
        else:
            try:
                values[name] = _CHECKS[name](raw[name])
            except ValueError as error:
                problems.append(f"'{name}': {error}; using the default ({_show(default)})")
                values[name] = default
    for name in raw:
        if name not in _CHECKS and name != "schema_version":
            problems.append(f"unknown setting {_show(name)} ignored")
    return Preferences(**values), problems


def _validate_volumes(value: object, default: Volumes, problems: list[str]) -> Volumes:
    if not isinstance(value, Mapping):
        problems.append(f"'volumes': expected an object, got {_show(value)}; using the defaults")
        return default
    levels = []
    for name in _VOLUME_NAMES:
        fallback = getattr(default, name)
        if name not in value:
            levels.append(fallback)
            continue
        try:
            levels.append(_check_volume(value[name]))
        except ValueError as error:
            problems.append(f"'volumes.{name}': {error}; using the default ({fallback})")
            levels.append(fallback)
    return Volumes(*levels)


# ----------------------------------------------------------------------------- versions


def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 1 named the routine length `session_minutes` and had a `dark_mode` switch.

    Version 2 calls it `routine_minutes` and replaces the switch with `theme`, which also
    knows "system" and "dim"; a person who had dark mode on keeps a dark app.
    """
    if "session_minutes" in doc:
        doc.setdefault("routine_minutes", doc["session_minutes"])
        del doc["session_minutes"]
    if "dark_mode" in doc:
        if "theme" not in doc:
            doc["theme"] = "dark" if doc["dark_mode"] is True else "system"
        del doc["dark_mode"]
    return doc


Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: Final[dict[int, Migration]] = {1: _v1_to_v2}
"""MIGRATIONS[n] turns a version-n document into a version-(n+1) one."""


def document_version(doc: Mapping[str, Any]) -> int:
    """The schema version a settings document declares; version 1 files had none."""
    version = doc.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise UnknownSchemaError(f"the schema version {_show(version)} is not a whole number ≥ 1")
    return version


def migrate(doc: Mapping[str, Any], from_version: int) -> dict[str, Any]:
    """An older document brought up to SCHEMA_VERSION, one step at a time (input untouched)."""
    if not 1 <= from_version <= SCHEMA_VERSION:
        raise ValueError(f"cannot migrate from schema version {from_version}")
    current = dict(doc)
    for version in range(from_version, SCHEMA_VERSION):
        current = MIGRATIONS[version](current)
    current["schema_version"] = SCHEMA_VERSION
    return current


@dataclass(frozen=True)
class PreferencesReading:
    """What reading a stored settings document found."""

    preferences: Preferences
    problems: tuple[str, ...]
    version: int
    migrated: bool
    newer: bool  # written by a newer app: show it, but never write over it


def read_document(doc: Mapping[str, Any], defaults: Preferences) -> PreferencesReading:
    """Interpret a stored settings document of any version.

    Older versions are migrated. A newer version is read as well as this version can (its
    known keys are used, unknown ones ignored) and flagged `newer`. Raises UnknownSchemaError
    only when the version itself is unreadable.
    """
    version = document_version(doc)
    newer = version > SCHEMA_VERSION
    current = doc if newer or version == SCHEMA_VERSION else migrate(doc, version)
    if newer:
        current = {k: v for k, v in doc.items() if k in _CHECKS}
    prefs, problems = validate(current, defaults)
    return PreferencesReading(prefs, tuple(problems), version, version < SCHEMA_VERSION, newer)


# ----------------------------------------------------------------------------- defaults


def parse_defaults(data: object, source: str = "preferences_defaults.json") -> Preferences:
    """The shipped defaults; strict, because a broken defaults file is a broken install."""
    if not isinstance(data, Mapping):
        raise DefaultsError(f"{source}: expected a JSON object at the top")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise DefaultsError(f"{source}: schema_version: expected {SCHEMA_VERSION}")
    values = data.get("preferences")
    if not isinstance(values, Mapping):
        raise DefaultsError(f"{source}: preferences: expected an object of settings")
    where = f"{source}: preferences"
    errors = [f"{where}.{name}: missing" for name in FIELD_NAMES if name not in values]
    errors += [f"{where}.{name}: not a setting" for name in values if name not in _CHECKS]
    checked: dict[str, Any] = {}
    for name in FIELD_NAMES:
        if name in values:
            try:
                checked[name] = _CHECKS[name](values[name])
            except ValueError as error:
                errors.append(f"{source}: preferences.{name}: {error}")
    if errors:
        raise DefaultsError("; ".join(errors))
    return Preferences(**checked)


def load_defaults(path: Path) -> Preferences:
    """Read and check the shipped defaults file (assets/preferences_defaults.json)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DefaultsError(f"{path.name}: cannot be read ({error})") from error
    return parse_defaults(data, path.name)


# ----------------------------------------------------------------------------- small pieces


def _freeze(value: Any) -> Any:
    """JSON data made read-only, so a frozen Preferences cannot be changed through it."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    """Frozen or dataclass values back to plain JSON types (dicts and lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _thaw(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_thaw(v) for v in value]
    return value


def _show(value: object) -> str:
    """A value as it would appear in the file, shortened so huge values keep logs readable."""
    try:
        text = json.dumps(_thaw(value), ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        try:
            text = reprlib.repr(value)
        except (ValueError, RecursionError):
            text = "(a value too large to show)"
    return text if len(text) <= 60 else text[:57] + "..."


def changed_keys(before: Preferences, after: Preferences) -> list[str]:
    """The settings that differ, so the GUI applies only what changed."""
    return [name for name in FIELD_NAMES if getattr(before, name) != getattr(after, name)]
