"""Today's choice on the body map: kept as a setting with its day, stale on the next."""

from __future__ import annotations

import json
from datetime import date

import pytest

from backcare_desktop.core.settings.preferences import spec_defaults, to_document, validate
from backcare_desktop.core.settings.todays_choice import TodaysChoice, check_todays_choice

DAY = date(2026, 3, 20)


def test_the_choice_is_todays_only_on_the_day_it_was_made() -> None:
    choice = TodaysChoice(DAY, ("neck", "lower_back"), 10, ("wall",))
    assert choice.on(DAY) is choice
    assert choice.on(date(2026, 3, 21)) is None


def test_the_choice_is_saved_and_read_back_in_the_order_picked() -> None:
    prefs = spec_defaults().with_changes(
        todays_choice=TodaysChoice(DAY, ("lower_back", "neck"), 15, ("mat", "none", "chair"))
    )
    document = json.loads(json.dumps(to_document(prefs)))
    assert document["todays_choice"] == {
        "day": "2026-03-20",
        "regions": ["lower_back", "neck"],
        "minutes": 15,
        "equipment": ["chair", "mat"],
    }
    assert validate(document, spec_defaults()) == (prefs, [])


@pytest.mark.parametrize(
    "bad",
    [
        {"day": "yesterday", "regions": ["neck"], "minutes": 10, "equipment": []},
        {"day": "2026-03-20", "regions": [], "minutes": 10, "equipment": []},
        {"day": "2026-03-20", "regions": ["neck", "neck"], "minutes": 10, "equipment": []},
        {"day": "2026-03-20", "regions": ["knees"], "minutes": 10, "equipment": []},
        {"day": "2026-03-20", "regions": ["neck"], "minutes": 45, "equipment": []},
        {"day": "2026-03-20", "regions": ["neck"], "minutes": 10, "equipment": ["sofa"]},
        {"day": "2026-03-20", "regions": ["neck"], "minutes": 10},
        "neck",
    ],
)
def test_a_damaged_choice_falls_back_to_none_with_a_reason(bad: object) -> None:
    prefs, problems = validate({"todays_choice": bad}, spec_defaults())
    assert prefs.todays_choice is None
    assert len(problems) == 1 and "todays_choice" in problems[0]
    with pytest.raises(ValueError):
        check_todays_choice(bad)
