"""Settings: shipped defaults, key-by-key validation, migrations, with_changes."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from backcare_desktop.core.reminders.rules import ReminderRule
from backcare_desktop.core.settings import preferences as prefs_module
from backcare_desktop.core.settings.preferences import (
    FIELD_NAMES,
    SCHEMA_VERSION,
    DefaultsError,
    Preferences,
    UnknownSchemaError,
    Volumes,
    changed_keys,
    load_defaults,
    migrate,
    parse_defaults,
    read_document,
    to_document,
    validate,
)

DEFAULTS_FILE = Path(__file__).resolve().parents[2] / "assets" / "preferences_defaults.json"


@pytest.fixture
def defaults() -> Preferences:
    return load_defaults(DEFAULTS_FILE)


def test_shipped_defaults_match_the_issue(defaults: Preferences) -> None:
    assert defaults.routine_minutes == 12
    assert defaults.default_routine == "daily_back_reset"
    assert defaults.breathing_pattern == "resonance"
    assert defaults.theme == "system"
    assert defaults.tension_rating is True
    assert defaults.reminder_grace_minutes == 120
    assert defaults.first_run_acknowledged is False
    assert defaults.reminders == ()


def test_a_complete_valid_document_round_trips_without_problems(defaults: Preferences) -> None:
    changed = defaults.with_changes(theme="dim", routine_minutes=20, music_folder="/music")
    again, problems = validate(json.loads(json.dumps(to_document(changed))), defaults)
    assert again == changed
    assert problems == []


@pytest.mark.parametrize(
    ("key", "bad"),
    [
        ("routine_minutes", 45),
        ("routine_minutes", 4),
        ("routine_minutes", "12"),
        ("routine_minutes", True),
        ("routine_minutes", 12.5),
        ("theme", "purple"),
        ("muted", "yes"),
        ("favourite_oils", "lavender"),
        ("favourite_oils", ["Not An Id!"]),
        ("default_routine", ""),
        ("music_track", 7),
        ("music_folder", "x" * 5000),
        ("reminder_grace_minutes", -1),
        ("reminders", {"not": "a list"}),
        ("reminders", [1, 2]),
    ],
)
def test_a_bad_value_falls_back_to_its_default_alone(
    defaults: Preferences, key: str, bad: object
) -> None:
    raw: dict[str, Any] = {key: bad, "theme": "dark"} if key != "theme" else {key: bad}
    result, problems = validate(raw, defaults)
    assert getattr(result, key) == getattr(defaults, key)
    assert len(problems) == 1 and key in problems[0]
    if key != "theme":
        assert result.theme == "dark"


def test_each_volume_falls_back_on_its_own(defaults: Preferences) -> None:
    result, problems = validate({"volumes": {"music": 0.25, "cues": 7, "chimes": "loud"}}, defaults)
    assert result.volumes == Volumes(0.25, defaults.volumes.cues, defaults.volumes.chimes)
    assert len(problems) == 2


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -0.1, 1.01])
def test_volumes_must_be_finite_and_between_zero_and_one(defaults: Preferences, bad: float) -> None:
    result, problems = validate({"volumes": {"music": bad}}, defaults)
    assert result.volumes.music == defaults.volumes.music
    assert problems


def test_missing_keys_take_defaults_quietly(defaults: Preferences) -> None:
    assert validate({}, defaults) == (defaults, [])


def test_unknown_keys_are_reported_and_ignored(defaults: Preferences) -> None:
    result, problems = validate({"sparkles": True}, defaults)
    assert result == defaults
    assert problems == ['unknown setting "sparkles" ignored']


def test_favourites_keep_their_order_without_duplicates(defaults: Preferences) -> None:
    result, _ = validate({"favourite_oils": ["rosemary", "lavender", "rosemary"]}, defaults)
    assert result.favourite_oils == ("rosemary", "lavender")


def test_reminders_are_typed_rules_and_handed_out_as_fresh_dicts(
    defaults: Preferences,
) -> None:
    rule = {
        "id": "morning",
        "time": "09:00",
        "weekdays": [0, 1, 2],
        "enabled": True,
        "label": "",
        "routine_id": None,
    }
    prefs = defaults.with_changes(reminders=[rule])
    assert prefs.reminders == (ReminderRule.from_dict(rule),)
    copies = prefs.reminder_dicts()
    assert copies == [rule]
    weekdays = copies[0]["weekdays"]
    assert isinstance(weekdays, list)
    weekdays.append(6)
    assert prefs.reminder_dicts() == [rule]
    with pytest.raises(dataclasses.FrozenInstanceError):
        prefs.reminders[0].label = "changed"  # type: ignore[misc]


def test_a_giant_reminder_is_refused(defaults: Preferences) -> None:
    result, problems = validate({"reminders": [{"note": "x" * 20_000}]}, defaults)
    assert result.reminders == ()
    assert problems


def test_with_changes_refuses_unknown_keys_and_bad_values(defaults: Preferences) -> None:
    with pytest.raises(ValueError, match="not a setting"):
        defaults.with_changes(colour="blue")
    with pytest.raises(ValueError, match="routine_minutes"):
        defaults.with_changes(routine_minutes=31)


def test_with_changes_accepts_python_values(defaults: Preferences) -> None:
    changed = defaults.with_changes(volumes=Volumes(0, 0.5, 1), favourite_oils=("bergamot",))
    assert changed.volumes == Volumes(0.0, 0.5, 1.0)
    assert changed.favourite_oils == ("bergamot",)
    assert list(changed_keys(defaults, changed)) == ["favourite_oils", "volumes"]


def test_version_one_renames_session_minutes_and_turns_dark_mode_into_a_theme(
    defaults: Preferences,
) -> None:
    old = {"schema_version": 1, "session_minutes": 20, "dark_mode": True, "muted": True}
    reading = read_document(old, defaults)
    assert reading.migrated and not reading.newer and reading.version == 1
    assert reading.preferences.routine_minutes == 20
    assert reading.preferences.theme == "dark"
    assert reading.preferences.muted is True
    assert reading.problems == ()


def test_a_file_without_a_version_is_read_as_version_one(defaults: Preferences) -> None:
    reading = read_document({"session_minutes": 8, "dark_mode": False}, defaults)
    assert reading.version == 1
    assert (reading.preferences.routine_minutes, reading.preferences.theme) == (8, "system")


def test_migration_leaves_its_input_untouched() -> None:
    old = {"schema_version": 1, "session_minutes": 20}
    assert migrate(old, 1) == {"schema_version": SCHEMA_VERSION, "routine_minutes": 20}
    assert old == {"schema_version": 1, "session_minutes": 20}


def test_every_older_version_has_a_migration_step() -> None:
    assert sorted(prefs_module.MIGRATIONS) == list(range(1, SCHEMA_VERSION))


def test_a_newer_document_is_read_as_far_as_understood(defaults: Preferences) -> None:
    newer = {"schema_version": SCHEMA_VERSION + 1, "routine_minutes": 25, "hologram": True}
    reading = read_document(newer, defaults)
    assert reading.newer and not reading.migrated
    assert reading.preferences.routine_minutes == 25
    assert reading.problems == ()


@pytest.mark.parametrize("version", ["2", 0, -3, 2.0, True, None])
def test_an_unreadable_version_is_an_error(defaults: Preferences, version: object) -> None:
    with pytest.raises(UnknownSchemaError):
        read_document({"schema_version": version}, defaults)


def test_defaults_file_errors_name_the_file_and_the_field() -> None:
    good = json.loads(DEFAULTS_FILE.read_text())
    good["preferences"]["routine_minutes"] = 99
    del good["preferences"]["theme"]
    with pytest.raises(DefaultsError) as caught:
        parse_defaults(good, "defaults.json")
    message = str(caught.value)
    assert "defaults.json: preferences.routine_minutes" in message
    assert "defaults.json: preferences.theme: missing" in message


def test_defaults_cover_every_setting() -> None:
    shipped = json.loads(DEFAULTS_FILE.read_text())["preferences"]
    assert set(shipped) == set(FIELD_NAMES)


def test_a_missing_defaults_file_is_a_defaults_error(tmp_path: Path) -> None:
    with pytest.raises(DefaultsError, match=r"nope\.json"):
        load_defaults(tmp_path / "nope.json")
