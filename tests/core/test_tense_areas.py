"""The body map's picks in the journal: recorded with a composed session, read back from old
and new records, exported, and counted for Progress."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.composer import compose
from backcare_desktop.core.composition import Request
from backcare_desktop.core.content.fields import ContentError
from backcare_desktop.core.content.loader import load_library
from backcare_desktop.core.journal import SessionRecord, record_from_dict, record_to_dict, to_csv
from backcare_desktop.core.session import SessionMachine
from backcare_desktop.core.tense_areas import AreaCount, tense_areas
from backcare_desktop.resources import assets_dir

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 3, 20)


def record(day: date, areas: tuple[str, ...] = ()) -> SessionRecord:
    started = datetime(day.year, day.month, day.day, 9, tzinfo=BERLIN)
    return SessionRecord(
        f"{day.isoformat()}-{'-'.join(areas)}", "composed", "Today's routine", started,
        600, 600, 8, 0, None, None, None, True, areas,
    )  # fmt: skip


def test_a_composed_routine_carries_the_areas_into_the_session_summary() -> None:
    library = load_library(assets_dir())
    composition = compose(library, Request(("lower_back", "neck"), 10))
    assert composition.routine.areas == ("lower_back", "neck")
    clock = FakeClock(datetime(2026, 3, 20, 9, tzinfo=BERLIN))
    machine = SessionMachine(composition.routine, clock)
    machine.start()
    assert machine.summary().areas == ("lower_back", "neck")


def test_a_record_keeps_its_areas_through_the_file_and_an_old_record_reads_without_them() -> None:
    picked = record(TODAY, ("shoulders", "neck"))
    assert record_from_dict(record_to_dict(picked)) == picked
    old = record_to_dict(record(TODAY))
    del old["areas"]
    assert record_from_dict(old).areas == ()


def test_an_area_a_later_version_added_is_kept_and_a_bad_one_is_named() -> None:
    data = record_to_dict(record(TODAY)) | {"areas": ["neck", "knees"]}
    assert record_from_dict(data).areas == ("neck", "knees")
    with pytest.raises(ContentError, match="areas"):
        record_from_dict(data | {"areas": "neck"})
    with pytest.raises(ContentError, match=r"areas\[0\]"):
        record_from_dict(data | {"areas": [3]})


def test_the_csv_export_has_the_areas_in_one_cell() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv([record(TODAY, ("neck", "glutes"))]))))
    assert rows[0]["areas"] == "neck;glutes"


def test_progress_counts_each_area_once_per_session_most_often_first() -> None:
    records = [
        record(TODAY, ("lower_back", "neck")),
        record(TODAY - timedelta(days=3), ("neck",)),
        record(TODAY - timedelta(days=9), ("shoulders", "lower_back")),
        record(TODAY - timedelta(days=10)),
        record(TODAY - timedelta(days=11), ("knees",)),
    ]
    assert tense_areas(records, TODAY, tz=BERLIN) == (
        AreaCount("neck", 2),
        AreaCount("lower_back", 2),
        AreaCount("shoulders", 1),
    )


def test_progress_counts_only_the_last_weeks() -> None:
    old = record(TODAY - timedelta(weeks=12), ("neck",))
    recent = replace(old, started_at=old.started_at + timedelta(days=1))
    assert tense_areas([old], TODAY, tz=BERLIN) == ()
    assert tense_areas([recent], TODAY, tz=BERLIN) == (AreaCount("neck", 1),)
