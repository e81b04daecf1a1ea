"""The person's settings: one frozen value, validated key by key, versioned, migrated.

Why key by key: a settings file is something people sometimes edit by hand. One bad value
(say `"routine_minutes": 45`) should cost that one setting, never the whole file, so each key
is checked on its own and falls back to its default with a message saying why. Reminders go
further, record by record: a damaged reminder is left out, the others are kept.

What each setting may hold is declared once in spec.py. The shipped default *values* are
also data (assets/preferences_defaults.json, read with `load_defaults`); a test keeps the file
and the spec's defaults in step. This module holds the value itself and the migrations.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final, cast

from backcare_desktop.core.json_data import JsonObject
from backcare_desktop.core.reminders.reminder_list import MAX_REMINDERS, ReminderChange
from backcare_desktop.core.reminders.rules import ReminderRule
from backcare_desktop.core.settings.shown import plain, shown
from backcare_desktop.core.settings.spec import (
    BY_KEY,
    GRACE_MINUTES,
    MAX_FAVOURITES,
    MAX_TEXT,
    ROUTINE_MINUTES,
    SETTINGS,
    TEXT_SCALE,
    THEMES,
    Volumes,
)
from backcare_desktop.core.settings.todays_choice import TodaysChoice

__all__ = [
    "FIELD_NAMES",
    "GRACE_MINUTES_MAX",
    "GRACE_MINUTES_MIN",
    "MAX_FAVOURITES",
    "MAX_REMINDERS",
    "MAX_TEXT",
    "ROUTINE_MINUTES_MAX",
    "ROUTINE_MINUTES_MIN",
    "SCHEMA_VERSION",
    "TEXT_SCALE_MAX",
    "TEXT_SCALE_MIN",
    "THEMES",
    "DefaultsError",
    "Preferences",
    "PreferencesChange",
    "PreferencesReading",
    "UnknownSchemaError",
    "Volumes",
    "changed_keys",
    "document_version",
    "load_defaults",
    "migrate",
    "parse_defaults",
    "read_document",
    "spec_defaults",
    "to_document",
    "validate",
]

SCHEMA_VERSION: Final = 2
ROUTINE_MINUTES_MIN, ROUTINE_MINUTES_MAX = ROUTINE_MINUTES
GRACE_MINUTES_MIN, GRACE_MINUTES_MAX = GRACE_MINUTES
TEXT_SCALE_MIN, TEXT_SCALE_MAX = TEXT_SCALE


class DefaultsError(ValueError):
    """The shipped defaults file is broken: an install problem, not a user mistake."""


class UnknownSchemaError(ValueError):
    """A settings document whose schema version cannot be read, so it cannot be interpreted."""


@dataclass(frozen=True)
class Preferences:
    """Everything the person can set. Build one with `validate` or `with_changes`."""

    favourite_oils: tuple[str, ...]
    routine_minutes: int
    default_routine: str
    breathing_pattern: str
    todays_choice: TodaysChoice | None
    """The body map's picks, with the day they were made (`.on(today)` for today's)."""
    volumes: Volumes
    muted: bool
    music_track: str | None
    music_folder: str | None
    chimes_enabled: bool
    reduced_motion: bool
    theme: str
    text_scale: int
    """Percent of the system's text size, 100 to 200."""
    tension_rating: bool
    pause_when_away: bool
    start_minimized: bool
    start_at_login: bool
    reminders: tuple[ReminderRule, ...]
    """In the order core/reminders/reminder_list.py keeps them (time of day first)."""
    reminder_grace_minutes: int
    first_run_acknowledged: bool
    window_geometry: str | None
    """The main window's last size, place and maximised state (Qt's saveGeometry, base64)."""
    desktop_theme: str
    """light, dark or contrast: what the desktop asked for when the app last looked."""

    def with_changes(self, **changes: object) -> Preferences:
        """A copy with some settings changed; raises ValueError naming a bad key or value.

        Unlike `validate`, nothing falls back silently here: a value the GUI offers that does
        not fit is a programming mistake and should be seen.
        """
        checked: dict[str, object] = {}
        for name, value in changes.items():
            setting = BY_KEY.get(name)
            if setting is None:
                raise ValueError(f"'{name}' is not a setting")
            try:
                checked[name] = setting.check(value)
            except ValueError as error:
                raise ValueError(f"'{name}': {error}") from None
        return _build({**_fields_of(self), **checked})

    def with_reminders(self, change: ReminderChange) -> Preferences:
        """A copy with the reminder list changed by one reminder_list operation."""
        return self.with_changes(reminders=change(self.reminders))

    def reminder_dicts(self) -> list[JsonObject]:
        """The reminder rules as fresh plain dicts, as they are stored."""
        return [rule.to_dict() for rule in self.reminders]

    def to_dict(self) -> JsonObject:
        """The settings as JSON-ready data in the current schema (without the version)."""
        return {name: plain(value) for name, value in _fields_of(self).items()}


PreferencesChange = Callable[[Preferences], Preferences]
"""One change to the settings, applied to whatever they are on disk when it is written."""


def _fields_of(prefs: Preferences) -> dict[str, object]:
    return {field.name: getattr(prefs, field.name) for field in dataclasses.fields(prefs)}


_make: Final = cast(Callable[..., Preferences], Preferences)


def _build(values: Mapping[str, object]) -> Preferences:
    """Preferences from values every one of which has passed its setting's check."""
    return _make(**values)


def to_document(prefs: Preferences) -> JsonObject:
    """The JSON document a store writes: the settings plus `schema_version`."""
    return {"schema_version": SCHEMA_VERSION, **prefs.to_dict()}


FIELD_NAMES: Final = tuple(f.name for f in dataclasses.fields(Preferences))
assert tuple(setting.key for setting in SETTINGS) == FIELD_NAMES, "the spec and fields differ"


def spec_defaults() -> Preferences:
    """The defaults as declared in spec.py."""
    return _build({setting.key: setting.default for setting in SETTINGS})


# ----------------------------------------------------------------------------- validation


def validate(raw: Mapping[str, object], defaults: Preferences) -> tuple[Preferences, list[str]]:
    """Settings from a current-schema mapping, and the problems found on the way.

    A missing key takes its default quietly (older files simply lack newer settings); a bad
    value takes its default and is reported; unknown keys are reported and ignored. Volumes
    fall back one by one, reminders record by record. Never raises for any JSON-like input.
    """
    problems: list[str] = []
    values: dict[str, object] = {}
    for setting in SETTINGS:
        name = setting.key
        if name not in raw:
            values[name] = getattr(defaults, name)
            continue
        fallback = dataclasses.replace(setting, default=getattr(defaults, name))
        values[name], found = fallback.read(raw[name])
        problems += [f"'{name}': {problem}" for problem in found]
    for name in raw:
        if name not in BY_KEY and name != "schema_version":
            problems.append(f"unknown setting {shown(name)} ignored")
    return _build(values), problems


# ----------------------------------------------------------------------------- versions


def _v1_to_v2(doc: dict[str, object]) -> dict[str, object]:
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


Migration = Callable[[dict[str, object]], dict[str, object]]
MIGRATIONS: Final[dict[int, Migration]] = {1: _v1_to_v2}
"""MIGRATIONS[n] turns a version-n document into a version-(n+1) one."""


def document_version(doc: Mapping[str, object]) -> int:
    """The schema version a settings document declares; version 1 files had none."""
    version = doc.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise UnknownSchemaError(f"the schema version {shown(version)} is not a whole number ≥ 1")
    return version


def migrate(doc: Mapping[str, object], from_version: int) -> dict[str, object]:
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


def read_document(doc: Mapping[str, object], defaults: Preferences) -> PreferencesReading:
    """Interpret a stored settings document of any version.

    Older versions are migrated. A newer version is read as well as this version can (its
    known keys are used, unknown ones ignored) and flagged `newer`. Raises UnknownSchemaError
    only when the version itself is unreadable.
    """
    version = document_version(doc)
    newer = version > SCHEMA_VERSION
    current = doc if newer or version == SCHEMA_VERSION else migrate(doc, version)
    if newer:
        current = {k: v for k, v in doc.items() if k in BY_KEY}
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
    errors += [f"{where}.{name}: not a setting" for name in values if name not in BY_KEY]
    checked: dict[str, object] = {}
    for name in FIELD_NAMES:
        if name in values:
            try:
                checked[name] = BY_KEY[name].check(values[name])
            except ValueError as error:
                errors.append(f"{source}: preferences.{name}: {error}")
    if errors:
        raise DefaultsError("; ".join(errors))
    return _build(checked)


def load_defaults(path: Path) -> Preferences:
    """Read and check the shipped defaults file (assets/preferences_defaults.json)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DefaultsError(f"{path.name}: cannot be read ({error})") from error
    return parse_defaults(data, path.name)


def changed_keys(before: Preferences, after: Preferences) -> list[str]:
    """The settings that differ, so the GUI applies only what changed."""
    return [name for name in FIELD_NAMES if getattr(before, name) != getattr(after, name)]
