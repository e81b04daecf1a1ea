"""The reminder list: one order, one way to make ids and words, changes as pure functions."""

from __future__ import annotations

import json
from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcare_desktop.core.reminders import reminder_list
from backcare_desktop.core.reminders.reminder_list import (
    MAX_REMINDERS,
    ReminderListError,
    add,
    label_problem,
    new_id,
    number_of,
    numbered,
    offer_words,
    ordered,
    read_reminders,
    remove,
    replace,
    set_enabled,
)
from backcare_desktop.core.reminders.rules import ReminderRule, ReminderRuleError


def rule(at: str, rule_id: str = "", days: frozenset[int] = frozenset(range(7))) -> ReminderRule:
    hour, minute = (int(part) for part in at.split(":"))
    return ReminderRule(rule_id or f"r{hour:02d}{minute:02d}", time(hour, minute), days)


def test_added_reminders_take_their_place_in_order_of_time() -> None:
    rules = add(add(add((), rule("19:00")), rule("07:30")), rule("12:00"))
    assert [r.time_text for r in rules] == ["07:30", "12:00", "19:00"]


def test_a_twin_of_time_and_days_is_refused() -> None:
    with pytest.raises(ReminderListError, match="already have a reminder at 19:00"):
        add((rule("19:00", "a"),), rule("19:00", "b"))


def test_the_same_time_on_other_days_is_welcome() -> None:
    rules = add((rule("19:00", "a"),), rule("19:00", "b", frozenset({5, 6})))
    assert len(rules) == 2


def test_the_list_stops_at_its_most() -> None:
    full = tuple(rule(f"{n // 60:02d}:{n % 60:02d}") for n in range(MAX_REMINDERS))
    with pytest.raises(ReminderListError, match=str(MAX_REMINDERS)):
        add(full, rule("23:59"))


def test_remove_replace_and_pause_work_by_id_on_whatever_the_list_now_is() -> None:
    rules = ordered([rule("07:00", "a"), rule("19:00", "b")])
    assert [r.id for r in remove(rules, "a")] == ["b"]
    assert remove(rules, "gone") == rules
    moved = replace(rules, rule("06:00", "b"))
    assert [(r.id, r.time_text) for r in moved] == [("b", "06:00"), ("a", "07:00")]
    paused = set_enabled(rules, "b", False)
    assert [r.enabled for r in paused] == [True, False]


def test_replacing_a_reminder_removed_meanwhile_adds_it_back() -> None:
    assert replace((), rule("08:00", "a")) == (rule("08:00", "a"),)


def test_numbers_are_one_based_as_the_list_command_shows_them() -> None:
    rules = ordered([rule("07:00", "a"), rule("19:00", "b")])
    assert numbered(rules, 2).id == "b"
    assert number_of(rules, "b") == 2
    with pytest.raises(ReminderListError, match="you have no reminders"):
        numbered((), 1)


def test_a_new_id_never_repeats_one_in_use() -> None:
    tokens = iter(["ra", "ra", "rb"])
    assert new_id({"ra"}, lambda: next(tokens)) == "rb"
    assert new_id(()).startswith("r")


def test_the_offer_is_worded_label_then_routine() -> None:
    labelled = ReminderRule("a", time(19, 0), frozenset({0}), label="After work")
    assert offer_words(labelled, "Desk break") == "After work · Desk break"
    assert offer_words(rule("19:00"), "Desk break") == "Desk break"


@pytest.mark.parametrize(
    "weekdays",
    [[0, [1, 2]], [{"a": 1}], [True], [7], [-1], [0.5], {"mon": 1}, 3, None, [[]]],
)
def test_a_reminder_with_weekdays_of_the_wrong_shape_is_left_out_not_a_crash(
    weekdays: object,
) -> None:
    good = {"id": "ok", "time": "08:00", "weekdays": [0]}
    bad = {"id": "bad", "time": "09:00", "weekdays": weekdays}
    rules, problems = read_reminders([bad, good])
    assert [r.id for r in rules] == ["ok"]
    assert len(problems) == 1 and "reminder 1" in problems[0]


def test_unsaveable_text_in_a_reminder_leaves_that_reminder_out() -> None:
    rules, problems = read_reminders(
        [{"id": "a", "time": "08:00", "weekdays": [0], "label": "\ud800"}]
    )
    assert rules == () and "cannot be saved" in problems[0]


@pytest.mark.parametrize("label", ["\u202eevil", "a\u200fb", "bell\x07", "two\nlines", "\u2028"])
def test_no_front_end_can_make_or_add_a_reminder_with_a_control_or_bidi_label(label: str) -> None:
    with pytest.raises(ReminderRuleError, match="text-direction characters are not allowed"):
        ReminderRule("a", time(8, 0), frozenset({0}), label=label)
    assert label_problem(label) is not None and "U+" in (label_problem(label) or "")


def test_a_stored_reminder_with_a_bidi_label_is_left_out_and_named() -> None:
    rules, problems = read_reminders(
        [{"id": "a", "time": "08:00", "weekdays": [0], "label": "\u202eevil"}]
    )
    assert rules == () and "U+202E" in problems[0]


def test_a_second_reminder_with_the_same_id_is_left_out() -> None:
    same = {"id": "a", "time": "08:00", "weekdays": [0]}
    rules, problems = read_reminders([same, {**same, "time": "09:00"}])
    assert [r.time_text for r in rules] == ["08:00"]
    assert problems


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)
record_like = st.fixed_dictionaries(
    {"id": json_values, "time": st.sampled_from(["08:00", "25:00", 7]) | json_values},
    optional={
        "weekdays": json_values | st.lists(st.integers(-2, 9) | json_values, max_size=5),
        "enabled": json_values,
        "label": json_values,
        "routine_id": json_values,
    },
)


@given(raw=json_values | st.lists(record_like | json_values, max_size=6))
def test_any_json_reads_as_a_valid_list_that_can_be_saved(raw: object) -> None:
    rules, _problems = read_reminders(raw)
    assert len(rules) <= MAX_REMINDERS
    assert rules == ordered(rules)
    text = json.dumps([r.to_dict() for r in rules], allow_nan=False).encode("utf-8")
    again, problems = read_reminders(json.loads(text))
    assert (again, problems) == (rules, [])


def test_the_module_is_the_one_place_that_knows_the_limits() -> None:
    assert reminder_list.MAX_LABEL == 60
