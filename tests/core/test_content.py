"""The built-in content: it validates, keeps the safety rules, and broken copies fail clearly."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backcare_desktop.core.content.loader import ContentError, load_library
from backcare_desktop.core.regions import REGIONS
from backcare_desktop.core.routine import EQUIPMENT, Library
from backcare_desktop.resources import assets_dir

REAL_ASSETS = assets_dir()


# id: (family, regions, equipment, intensity, per side) — the agreed technique library.
PLAN: dict[str, tuple[str, set[str], set[str], int, bool]] = {
    "warm_up": (
        "warm_up", {"shoulders", "upper_back", "mid_back", "lower_back"}, {"none"}, 1, False
    ),
    "effleurage_back": ("effleurage", {"lower_back"}, {"none"}, 1, False),
    "neck_glide": ("effleurage", {"neck", "shoulders"}, {"none"}, 1, False),
    "kneading_shoulder": ("petrissage", {"shoulders"}, {"none"}, 2, True),
    "circular_friction": ("friction", {"lower_back"}, {"none"}, 2, False),
    "shoulder_tapping": ("tapotement", {"shoulders", "upper_back"}, {"none"}, 2, False),
    "knot_compression": ("compression", {"shoulders", "upper_back"}, {"none"}, 3, True),
    "ball_between_blades": (
        "tool_ball", {"between_shoulder_blades", "upper_back"}, {"massage_ball", "wall"}, 3, True
    ),
    "ball_beside_spine": ("tool_ball", {"lower_back"}, {"massage_ball", "wall"}, 3, True),
    "ball_glutes": ("tool_ball", {"glutes"}, {"massage_ball", "wall"}, 3, True),
    "roller_upper_back": (
        "tool_roller", {"upper_back", "between_shoulder_blades", "mid_back"},
        {"foam_roller", "mat"}, 3, False,
    ),
    "roller_extension": (
        "tool_roller", {"upper_back", "between_shoulder_blades"}, {"foam_roller", "mat"}, 2, False
    ),
    "seated_twist": ("stretch", {"mid_back", "upper_back", "lower_back"}, {"chair"}, 1, True),
    "side_bend": ("stretch", {"lower_back", "mid_back"}, {"none"}, 1, True),
    "seated_forward_fold": ("stretch", {"lower_back"}, {"chair"}, 1, False),
    "knee_hug": ("stretch", {"lower_back", "glutes"}, {"mat"}, 1, True),
    "deep_breathing": ("breathing", set(), {"none"}, 1, False),
    "towel_shoulder_press": ("compression", {"shoulders"}, {"none"}, 2, True),
    "doorway_chest_opener": (
        "stretch", {"between_shoulder_blades", "upper_back", "shoulders"}, {"wall"}, 1, True
    ),
    "chair_cat_cow": ("stretch", {"mid_back", "upper_back", "lower_back"}, {"chair"}, 1, False),
    "neck_side_glide": ("effleurage", {"neck"}, {"none"}, 1, True),
    "neck_friction": ("friction", {"neck"}, {"none"}, 2, False),
    "chin_tuck": ("stretch", {"neck"}, {"none"}, 1, False),
    "ear_to_shoulder": ("stretch", {"neck", "shoulders"}, {"none"}, 1, True),
    "ball_mid_back": ("tool_ball", {"mid_back"}, {"massage_ball", "wall"}, 3, True),
    "ball_glutes_floor": ("tool_ball", {"glutes"}, {"massage_ball", "mat"}, 3, True),
    "glute_circles": ("friction", {"glutes"}, {"none"}, 2, False),
}  # fmt: skip

STATED_MINUTES = {
    "daily_back_reset": 12,
    "desk_break": 5,
    "evening_wind_down": 15,
    "foam_roller_upper_back": 10,
    "hips_and_glutes": 10,
    "lower_back_after_driving": 10,
    "massage_ball_release": 10,
    "morning_wake_up": 5,
    "neck_after_screen_day": 10,
}

GUIDE_PAGES = [
    "benefits",
    "techniques",
    "warning_signs",
    "choosing_a_therapist",
    "safe_practice",
    "evidence",
    "safety_notice",
]


# --- The built-in content ----------------------------------------------------------------------


def test_the_built_in_assets_folder_validates_with_its_illustrations() -> None:
    library = load_library(assets_dir())
    assert len(library.routines) >= 9


def test_the_built_in_content_files_validate(library: Library) -> None:
    assert set(library.techniques) == set(PLAN)
    assert {r.id for r in library.routines} == set(STATED_MINUTES)


@pytest.mark.parametrize("technique_id", sorted(PLAN))
def test_each_technique_matches_the_agreed_library(library: Library, technique_id: str) -> None:
    family, areas, equipment, intensity, per_side = PLAN[technique_id]
    technique = library.techniques[technique_id]
    assert technique.family == family
    assert set(technique.regions) == areas
    assert set(technique.equipment) == equipment
    assert technique.intensity == intensity
    assert technique.per_side is per_side


def test_every_region_has_three_techniques_and_every_piece_of_equipment_two(
    library: Library,
) -> None:
    """Enough to compose from: the body map's every region, whatever is at hand."""
    for region in REGIONS:
        working = [t.id for t in library.techniques.values() if region in t.regions]
        assert len(working) >= 3, region
    for item in EQUIPMENT:
        using = [t.id for t in library.techniques.values() if item in t.equipment]
        assert len(using) >= 2, item


def test_only_breathing_works_no_region_in_particular(library: Library) -> None:
    without = {t.id for t in library.techniques.values() if not t.regions}
    assert without == {"deep_breathing"}


def test_every_technique_is_used_by_some_routine(library: Library) -> None:
    used = {step.technique.id for routine in library.routines for step in routine.steps}
    assert used == set(library.techniques)


@pytest.mark.parametrize(("routine_id", "minutes"), sorted(STATED_MINUTES.items()))
def test_each_routine_lasts_about_its_stated_length(
    library: Library, routine_id: str, minutes: int
) -> None:
    assert abs(library.routine(routine_id).total_seconds - minutes * 60) <= 30


def test_only_the_five_minute_breaks_keep_their_own_length(library: Library) -> None:
    keeps_own = {r.id for r in library.routines if not r.follows_length_preference}
    assert keeps_own == {"desk_break", "morning_wake_up"}


LENGTH_WORDS = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty)\b[\w\s-]*\b(min|minutes?|hours?)\b|\bquarter of an hour\b|\bhalf an hour\b",
    re.IGNORECASE,
)


def test_a_routine_that_follows_the_length_setting_names_no_length_in_its_summary(
    library: Library,
) -> None:
    """The card shows the length the person chose (say 20 min); a summary saying "ten
    minutes" beside it would contradict it."""
    for routine in library.routines:
        if routine.follows_length_preference:
            assert not LENGTH_WORDS.search(routine.summary), routine.id
    assert LENGTH_WORDS.search("Ten unhurried minutes for the back")
    assert LENGTH_WORDS.search("A slow quarter of an hour")


def test_every_routine_starts_warm_builds_gently_and_ends_gliding_then_breathing(
    library: Library,
) -> None:
    for routine in library.routines:
        families = [step.technique.family for step in routine.steps]
        assert families[0] == "warm_up", routine.id
        assert families[-2:] == ["effleurage", "breathing"], routine.id
        assert routine.steps[-1].technique.id == "deep_breathing"
        assert routine.steps[-1].breathing in library.breathing_patterns
        firmest = 0
        for step in routine.steps:
            assert step.technique.intensity <= firmest + 1, (routine.id, step.title)
            firmest = max(firmest, step.technique.intensity)


def test_no_routine_rolls_or_taps_the_lower_back(library: Library) -> None:
    for routine in library.routines:
        for step in routine.steps:
            if step.technique.family in {"tool_roller", "tapotement"}:
                assert "lower_back" not in step.technique.regions, (routine.id, step.title)


def test_nothing_presses_on_the_spine(library: Library) -> None:
    for technique in library.techniques.values():
        texts = " ".join(technique.instructions + technique.cautions)
        for match in re.finditer(r"on (the|your) spine", texts):
            assert texts[: match.start()].endswith(("never ", "not ")), technique.id
        pressing = technique.family in {"friction", "compression", "tool_ball"}
        back = {"upper_back", "between_shoulder_blades", "mid_back", "lower_back"}
        if pressing and set(technique.regions) & back:
            assert "beside the spine" in texts and "never on it" in texts, technique.id


def test_the_prepare_checklist_is_short_and_reminds_about_pressure() -> None:
    prepare = json.loads((REAL_ASSETS / "prepare.json").read_text(encoding="utf-8"))
    assert set(prepare) == {"schema", "title", "items"}
    assert prepare["schema"] == 1 and prepare["title"].strip()
    items = prepare["items"]
    assert 5 <= len(items) <= 7
    assert len({item["id"] for item in items}) == len(items)
    assert all(set(item) == {"id", "text"} and item["text"].strip() for item in items)
    texts = [item["text"] for item in items]
    assert "Pressure should feel good — about 5 out of 10 at most." in texts


@pytest.mark.parametrize("page", GUIDE_PAGES)
def test_each_guide_page_has_a_title_and_stays_short(page: str) -> None:
    text = (REAL_ASSETS / "guide" / f"{page}.md").read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert len(text.split()) < 450


def test_the_safety_notice_is_a_few_short_lines() -> None:
    text = (REAL_ASSETS / "guide" / "safety_notice.md").read_text(encoding="utf-8")
    bullets = [line for line in text.splitlines() if line.startswith("- ")]
    assert 4 <= len(bullets) <= 6
    assert "never replaces" in text


def test_the_guide_says_massage_complements_care_and_never_replaces_it() -> None:
    for page in ("benefits", "safe_practice", "evidence"):
        text = (REAL_ASSETS / "guide" / f"{page}.md").read_text(encoding="utf-8")
        assert "complements medical care" in text, page


def test_warning_signs_list_the_emergencies_first() -> None:
    text = (REAL_ASSETS / "guide" / "warning_signs.md").read_text(encoding="utf-8")
    assert text.index("emergency") < text.index("See a doctor soon")
    for sign in ("groin", "bladder", "weakness", "fever", "fall", "cancer", "weight loss", "night"):
        assert sign in text


def test_the_evidence_page_names_its_sources() -> None:
    text = (REAL_ASSETS / "guide" / "evidence.md").read_text(encoding="utf-8")
    for source in ("Furlan", "2015", "CD001929", "3,096", "Qaseem", "2017", "NG59"):
        assert source in text
    assert "no lasting effect" in text


# --- Broken copies fail with a message naming file, field and expectation ----------------------


Edit = Callable[[Path], None]


def edit_json(path: Path, change: Callable[[Any], object]) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")


def technique_edit(technique_id: str, change: Callable[[dict[str, Any]], object]) -> Edit:
    def apply(assets: Path) -> None:
        def find_and_change(document: Any) -> None:
            for raw in document["techniques"]:
                if raw["id"] == technique_id:
                    change(raw)

        edit_json(assets / "techniques.json", find_and_change)

    return apply


def routine_edit(routine_id: str, change: Callable[[dict[str, Any]], object]) -> Edit:
    def apply(assets: Path) -> None:
        edit_json(assets / "routines" / f"{routine_id}.json", change)

    return apply


def steps_edit(routine_id: str, change: Callable[[list[dict[str, Any]]], object]) -> Edit:
    return routine_edit(routine_id, lambda document: change(document["steps"]))


def truncate(path: str) -> Edit:
    def apply(assets: Path) -> None:
        text = (assets / path).read_text(encoding="utf-8")
        (assets / path).write_text(text[: len(text) // 2], encoding="utf-8")

    return apply


def set_item(container: Any, key: Any, value: Any) -> None:
    container[key] = value


def duplicate_first_technique(assets: Path) -> None:
    edit_json(
        assets / "techniques.json",
        lambda d: d["techniques"].append(dict(d["techniques"][0])),
    )


def repeat_a_key(assets: Path) -> None:
    path = assets / "routines" / "desk_break.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"seconds": 45}', '"seconds": 45, "seconds": 50}', 1))


def remove_picture(assets: Path) -> None:
    (assets / "illustrations" / "knee_hug-right.svg").unlink()


def remove_routines(assets: Path) -> None:
    shutil.rmtree(assets / "routines")
    (assets / "routines").mkdir()


T = "techniques.json"
DESK = "routines/desk_break.json"

BROKEN: dict[str, tuple[Edit, str, str, str]] = {
    # name: (edit, file, field, part of what was expected)
    "bad JSON": (truncate("techniques.json"), T, "line ", "valid JSON"),
    "bad JSON in a routine": (truncate(DESK), DESK, "line ", "valid JSON"),
    "missing techniques file": (
        lambda a: (a / T).unlink(), T, "(file)", "a JSON file",
    ),
    "missing field": (
        technique_edit("warm_up", lambda t: t.pop("summary")),
        T, "techniques[warm_up].summary", "required",
    ),
    "misspelt field": (
        technique_edit("warm_up", lambda t: set_item(t, "sumary", "x")),
        T, "techniques[warm_up].sumary", "only the fields",
    ),
    "wrong type": (
        technique_edit("warm_up", lambda t: set_item(t, "intensity", "1")),
        T, "techniques[warm_up].intensity", "whole number from 1 to 5",
    ),
    "intensity out of range": (
        technique_edit("ball_glutes", lambda t: set_item(t, "intensity", 6)),
        T, "techniques[ball_glutes].intensity", "whole number from 1 to 5",
    ),
    "per_side not a flag": (
        technique_edit("knee_hug", lambda t: set_item(t, "per_side", "yes")),
        T, "techniques[knee_hug].per_side", "true or false",
    ),
    "schema version": (
        lambda a: edit_json(a / T, lambda d: set_item(d, "schema", 2)), T, "schema", "1",
    ),
    "duplicate technique id": (duplicate_first_technique, T, "techniques[27].id", "unique id"),
    "repeated key": (repeat_a_key, DESK, "seconds", "each key once"),
    "unknown family": (
        technique_edit("side_bend", lambda t: set_item(t, "family", "yoga")),
        T, "techniques[side_bend].family", "one of",
    ),
    "unknown body area": (
        technique_edit("side_bend", lambda t: set_item(t, "regions", ["hips"])),
        T, "techniques[side_bend].regions[0]", "one of",
    ),
    "unknown equipment": (
        technique_edit("side_bend", lambda t: set_item(t, "equipment", ["towel"])),
        T, "techniques[side_bend].equipment[0]", "one of",
    ),
    "none with other equipment": (
        technique_edit("side_bend", lambda t: set_item(t, "equipment", ["none", "wall"])),
        T, "techniques[side_bend].equipment", '"none" alone',
    ),
    "too few instructions": (
        technique_edit("warm_up", lambda t: set_item(t, "instructions", ["Roll slowly."])),
        T, "techniques[warm_up].instructions", "2 to 4 short sentences",
    ),
    "too many instructions": (
        technique_edit("warm_up", lambda t: set_item(t, "instructions", ["Roll."] * 5)),
        T, "techniques[warm_up].instructions", "2 to 4 short sentences",
    ),
    "instruction is not one sentence": (
        technique_edit(
            "warm_up", lambda t: set_item(t["instructions"], 1, "Roll. Then turn. Then rest.")
        ),
        T, "techniques[warm_up].instructions[1]", "one short sentence",
    ),
    "no cautions": (
        technique_edit("warm_up", lambda t: set_item(t, "cautions", [])),
        T, "techniques[warm_up].cautions", "1 to 3 short sentences",
    ),
    "default outside min and max": (
        technique_edit("warm_up", lambda t: set_item(t["duration"], "default", 150)),
        T, "techniques[warm_up].duration.default", "between min and max",
    ),
    "max below min": (
        technique_edit("warm_up", lambda t: set_item(t["duration"], "max", 20)),
        T, "techniques[warm_up].duration.max", "min (30) to 120 seconds",
    ),
    "tapping too long": (
        technique_edit("shoulder_tapping", lambda t: set_item(t["duration"], "max", 90)),
        T, "techniques[shoulder_tapping].duration.max", "to 30 seconds (usual for tapotement)",
    ),
    "missing illustration": (
        remove_picture, "illustrations/", "knee_hug-right.svg", "a picture for every technique",
    ),
    "foam roller on the lower back": (
        technique_edit("roller_upper_back", lambda t: t["regions"].append("lower_back")),
        T, "techniques[roller_upper_back].regions", "foam roller never rolls the lower back",
    ),
    "tapping over the kidneys": (
        technique_edit("shoulder_tapping", lambda t: t["regions"].append("lower_back")),
        T, "techniques[shoulder_tapping].regions", "never tap over the kidneys",
    ),
    "pressing on the spine": (
        technique_edit(
            "circular_friction",
            lambda t: set_item(t["instructions"], 0, "Press your knuckles on the spine."),
        ),
        T, "techniques[circular_friction].instructions[0]", "no pressure on the spine",
    ),
    "no beside-the-spine reminder": (
        technique_edit("ball_beside_spine", lambda t: set_item(t, "cautions", ["Go gently."])),
        T, "techniques[ball_beside_spine].cautions", "beside the spine, never on it",
    ),
    "roller without a lower-back caution": (
        technique_edit("roller_extension", lambda t: set_item(t, "cautions", ["Go gently."])),
        T, "techniques[roller_extension].cautions", "off the lower back",
    ),
    "unknown technique in a routine": (
        steps_edit("desk_break", lambda s: set_item(s[1], "technique", "neck_glyde")),
        DESK, "steps[1].technique", "a technique id from techniques.json",
    ),
    "step longer than its technique allows": (
        steps_edit("desk_break", lambda s: set_item(s[1], "seconds", 600)),
        DESK, "steps[1].seconds", "30 to 120 seconds",
    ),
    "misspelt step field": (
        steps_edit("desk_break", lambda s: set_item(s[1], "secs", 60)),
        DESK, "steps[1].secs", "only the fields",
    ),
    "unknown breathing pattern": (
        steps_edit("desk_break", lambda s: set_item(s[-1], "breathing", "panting")),
        DESK, "steps[5].breathing", "one of box,",
    ),
    "breathing pattern on a massage step": (
        steps_edit("desk_break", lambda s: set_item(s[1], "breathing", "box")),
        DESK, "steps[1].breathing", "not a breathing technique",
    ),
    "empty routine": (
        routine_edit("desk_break", lambda d: set_item(d, "steps", [])),
        DESK, "steps", "at least 1 item",
    ),
    "routine id differs from its file name": (
        routine_edit("desk_break", lambda d: set_item(d, "id", "desk")),
        DESK, "id", "'desk_break' (the file's name)",
    ),
    "missing length preference flag": (
        routine_edit("desk_break", lambda d: d.pop("follows_length_preference")),
        DESK, "follows_length_preference", "required",
    ),
    "breathing patterns without a list": (
        lambda a: edit_json(a / "breathing_patterns.json", lambda d: d.update(patterns={})),
        "breathing_patterns.json", "patterns", "a list",
    ),
    "no routines at all": (remove_routines, "routines/", "*.json", "at least one routine"),
    "no warm-up first": (
        steps_edit("desk_break", lambda s: s.pop(0)),
        DESK, "steps[0].technique", "a warm-up first",
    ),
    "too short to be a routine": (
        steps_edit("desk_break", lambda s: s.__delitem__(slice(1, -1))),
        DESK, "steps", "at least 3 steps",
    ),
    "not ending with breathing": (
        steps_edit("desk_break", lambda s: s.pop()),
        DESK, "steps[4].technique", "a breathing step last",
    ),
    "no gliding before the breathing": (
        steps_edit("desk_break", lambda s: s.pop(-2)),
        DESK, "steps[3].technique", "gliding (effleurage)",
    ),
    "pressure jumps": (
        steps_edit("desk_break", lambda s: set_item(s[1], "technique", "knot_compression")),
        DESK, "steps[1].technique", "pressure building gradually (intensity at most 2)",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_copy_names_the_file_the_field_and_the_expectation(
    assets: Path, case: str
) -> None:
    edit, file, field, expected = BROKEN[case]
    edit(assets)
    with pytest.raises(ContentError) as caught:
        load_library(assets)
    error = caught.value
    assert error.file == file
    assert field in error.field
    assert expected in error.expected
    assert str(error).startswith(f"{file}: {error.field}: expected ")
    assert ", got " in str(error)


def test_bad_json_reports_line_and_column(assets: Path) -> None:
    path = assets / "routines" / "desk_break.json"
    path.write_text('{\n  "schema": 1,\n  "id": "desk_break"\n  "name": "x"\n}\n')
    with pytest.raises(ContentError, match=r"desk_break.json: line 4, column 3: expected valid"):
        load_library(assets)


class CountingTree:
    """The assets folder seen through a wrapper that counts each file's reads."""

    def __init__(self, path: Path, reads: dict[str, int]) -> None:
        self.path = path
        self.reads = reads

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def stem(self) -> str:
        return self.path.stem

    def __truediv__(self, key: str) -> CountingTree:
        return CountingTree(self.path / key, self.reads)

    def read_bytes(self) -> bytes:
        relative = self.path.relative_to(REAL_ASSETS).as_posix()
        self.reads[relative] = self.reads.get(relative, 0) + 1
        return self.path.read_bytes()

    def is_file(self) -> bool:
        return self.path.is_file()

    def glob(self, pattern: str) -> list[CountingTree]:
        return [CountingTree(p, self.reads) for p in self.path.glob(pattern)]


def test_each_content_file_is_read_once_and_the_breathing_patterns_come_with_it() -> None:
    reads: dict[str, int] = {}
    library = load_library(CountingTree(REAL_ASSETS, reads))
    assert set(reads.values()) == {1}
    assert "breathing_patterns.json" in reads and "techniques.json" in reads
    assert library.breathing_patterns == frozenset(library.patterns)
    assert library.patterns["box"].hold_in == 4
