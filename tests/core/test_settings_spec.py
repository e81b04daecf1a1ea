"""Settings declared once: the spec gives defaults, checks and ranges; the file agrees."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcare_desktop.core.settings.preferences import (
    FIELD_NAMES,
    SCHEMA_VERSION,
    Preferences,
    load_defaults,
    spec_defaults,
    to_document,
    validate,
)
from backcare_desktop.core.settings.spec import BY_KEY, GRACE_MINUTES, SETTINGS, bounds_of

DEFAULTS_FILE = Path(__file__).resolve().parents[2] / "assets" / "preferences_defaults.json"


def test_the_shipped_defaults_file_and_the_spec_agree() -> None:
    assert load_defaults(DEFAULTS_FILE) == spec_defaults()


def test_every_setting_is_declared_once_with_a_label_and_help() -> None:
    assert tuple(setting.key for setting in SETTINGS) == FIELD_NAMES
    for setting in SETTINGS:
        assert setting.label and setting.help.endswith(".")
        assert setting.check(setting.default) == setting.default


def test_the_grace_range_is_declared_once() -> None:
    assert bounds_of("reminder_grace_minutes") == GRACE_MINUTES == (15, 240)
    prefs, problems = validate({"reminder_grace_minutes": 600}, spec_defaults())
    assert prefs.reminder_grace_minutes == 120 and problems


@pytest.mark.parametrize("key", ["music_track", "music_folder"])
def test_a_lone_surrogate_in_a_stored_text_falls_back_and_is_reported(key: str) -> None:
    prefs, problems = validate({key: "music \ud800"}, spec_defaults())
    assert getattr(prefs, key) is None
    assert len(problems) == 1 and key in problems[0]
    problems[0].encode("utf-8")  # the report itself can be written to the log
    json.dumps(to_document(prefs), ensure_ascii=False).encode("utf-8")


def test_a_reminder_with_nested_weekdays_is_left_out_and_the_rest_kept() -> None:
    raw = {
        "reminders": [
            {"id": "bad", "time": "08:00", "weekdays": [0, [1, 2]]},
            {"id": "good", "time": "09:00", "weekdays": [0, 1, 2]},
        ]
    }
    prefs, problems = validate(raw, spec_defaults())
    assert [rule.id for rule in prefs.reminders] == ["good"]
    assert len(problems) == 1 and "reminder 1" in problems[0]


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats()
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
reminder_like = st.fixed_dictionaries(
    {"id": st.text(max_size=4) | json_values, "time": st.sampled_from(["08:00", "7:5"])},
    optional={"weekdays": json_values, "label": json_values, "enabled": json_values},
)


@given(
    raw=st.dictionaries(
        st.sampled_from([*FIELD_NAMES, "mystery"]),
        json_values | st.lists(reminder_like, max_size=4),
        max_size=8,
    )
)
def test_any_json_gives_settings_that_save_and_read_back_unchanged(raw: dict[str, Any]) -> None:
    defaults = spec_defaults()
    prefs, _problems = validate(raw, defaults)
    text = json.dumps(to_document(prefs), ensure_ascii=False, allow_nan=False)
    doc = json.loads(text.encode("utf-8").decode("utf-8"))
    assert doc["schema_version"] == SCHEMA_VERSION
    assert validate(doc, defaults) == (prefs, [])
    for name in FIELD_NAMES:
        if name not in raw:
            assert getattr(prefs, name) == getattr(defaults, name)


def test_a_bad_value_from_code_is_refused_loudly() -> None:
    defaults = spec_defaults()
    with pytest.raises(ValueError, match="reminder_grace_minutes"):
        defaults.with_changes(reminder_grace_minutes=241)
    with pytest.raises(ValueError, match="music_track"):
        defaults.with_changes(music_track="\udfff")


def test_with_reminders_applies_one_list_operation() -> None:
    from datetime import time

    from backcare_desktop.core.reminders.reminder_list import add
    from backcare_desktop.core.reminders.rules import ReminderRule

    rule = ReminderRule("a", time(8, 0), frozenset({0}))
    prefs = spec_defaults().with_reminders(lambda rules: add(rules, rule))
    assert prefs.reminders == (rule,)
    assert dataclasses.replace(prefs, reminders=()) == spec_defaults()
    assert isinstance(BY_KEY["reminders"].default, tuple)
    assert Preferences.__dataclass_fields__["reminders"].type == "tuple[ReminderRule, ...]"
