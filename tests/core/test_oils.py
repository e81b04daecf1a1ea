"""The oil library: shipped data, loader errors, search, dilution."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from backcare_desktop.core.oils import (
    DilutionLevel,
    OilDataError,
    OilLibrary,
    advise,
    carrier_for_one_drop,
    drops_for,
    load_library,
    parse_library,
    search,
)

OILS_FILE = Path(__file__).resolve().parents[2] / "assets" / "oils.json"


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(OILS_FILE.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def library() -> OilLibrary:
    return load_library(OILS_FILE)


def _cautions(library: OilLibrary, oil_id: str) -> str:
    oil = library.by_id(oil_id)
    assert oil is not None
    return " ".join(oil.cautions).lower()


# ----------------------------------------------------------------------------- shipped data


def test_the_library_has_at_least_the_twelve_oils_of_the_issue(library: OilLibrary) -> None:
    expected = {
        "lavender",
        "roman_chamomile",
        "eucalyptus",
        "peppermint",
        "bergamot",
        "sweet_orange",
        "frankincense",
        "cedarwood",
        "ylang_ylang",
        "marjoram",
        "rosemary",
        "clary_sage",
    }
    assert expected <= {oil.id for oil in library.oils}


def test_safety_facts_are_on_the_right_oils(library: OilLibrary) -> None:
    assert "sun" in _cautions(library, "bergamot") and "12 hours" in _cautions(library, "bergamot")
    assert "epilepsy" in _cautions(library, "rosemary")
    assert "blood pressure" in _cautions(library, "rosemary")
    assert "pregnancy" in _cautions(library, "clary_sage")
    for oil_id in ("eucalyptus", "peppermint"):
        assert "face" in _cautions(library, oil_id) and "children" in _cautions(library, oil_id)
    assert "old" in _cautions(library, "sweet_orange")


def test_general_cautions_cover_patch_tests_eyes_pets_and_never_undiluted(
    library: OilLibrary,
) -> None:
    text = " ".join(library.general_cautions).lower()
    for fact in ("patch test", "eyes", "swallow", "cats", "undiluted", "pregnant", "asthma"):
        assert fact in text


def test_ylang_ylang_and_bergamot_have_low_maximums(library: OilLibrary) -> None:
    for oil_id in ("ylang_ylang", "bergamot"):
        oil = library.by_id(oil_id)
        assert oil is not None and oil.max_dilution_percent < library.general_min_percent


def test_texts_speak_of_what_people_do_not_of_cures(library: OilLibrary) -> None:
    claims = re.compile(r"\b(cure|cures|treats?|heals?|remedy|therapeutic)\b", re.IGNORECASE)
    for oil in library.oils:
        assert oil.people_use_it.startswith("People")
        for text in (oil.people_use_it, oil.dilution_note, *oil.cautions):
            assert not claims.search(text), (oil.id, text)


# ----------------------------------------------------------------------------- loader errors


@pytest.mark.parametrize(
    ("change", "field", "expectation"),
    [
        (lambda d: d["oils"][2].pop("latin_name"), "oils[2].latin_name", "a value"),
        (lambda d: d["oils"][2].update(latin_name=" "), "oils[2].latin_name", "some text"),
        (lambda d: d["oils"][0].update(cautions=[]), "oils[0].cautions", "at least 1 item"),
        (lambda d: d["oils"][1].update(max_dilution_percent="3"), "oils[1].max_dilution", "number"),
        (lambda d: d["oils"][1].update(id="Lavender Oil"), "oils[1].id", "lower-case"),
        (lambda d: d["oils"][3].update(id="lavender"), "oils[3].id", "unique"),
        (lambda d: d.update(oils=[]), "oils", "at least 1 item"),
        (lambda d: d.update(general_min_percent=5), "general_min_percent", "no more than"),
        (
            lambda d: d["oils"][1].update(name_in_sentence="chamomile"),
            "oils[1].name_in_sentence",
            "only its capitals changed",
        ),
    ],
)
def test_loader_errors_name_the_file_the_field_and_the_expectation(
    raw: dict[str, Any], change: Any, field: str, expectation: str
) -> None:
    data = copy.deepcopy(raw)
    change(data)
    with pytest.raises(OilDataError) as caught:
        parse_library(data, "oils.json")
    message = str(caught.value)
    assert message.startswith("oils.json: ")
    assert field in message and expectation in message


def test_a_file_that_is_not_json_names_itself(tmp_path: Path) -> None:
    broken = tmp_path / "my-oils.json"
    broken.write_text("{ nope", encoding="utf-8")
    with pytest.raises(OilDataError, match=r"my-oils\.json"):
        load_library(broken)


# ----------------------------------------------------------------------------- search


def test_search_ignores_case_and_accents_and_ranks_name_matches_first(
    library: OilLibrary,
) -> None:
    assert [o.id for o in search(library.oils, "YLANG")] == ["ylang_ylang"]
    assert search(library.oils, "lávender")[0].id == "lavender"
    citrus = [o.id for o in search(library.oils, "citrus")]
    assert {"bergamot", "sweet_orange"} <= set(citrus)


def test_search_needs_every_word(library: OilLibrary) -> None:
    assert [o.id for o in search(library.oils, "citrus sweet")] == ["sweet_orange"]


def test_search_finds_latin_names_and_uses(library: OilLibrary) -> None:
    assert [o.id for o in search(library.oils, "Cananga")] == ["ylang_ylang"]
    assert "marjoram" in [o.id for o in search(library.oils, "muscles")]


def test_an_empty_search_lists_every_oil(library: OilLibrary) -> None:
    assert search(library.oils, "   ") == list(library.oils)


def test_a_search_with_no_match_is_empty(library: OilLibrary) -> None:
    assert search(library.oils, "motor oil") == []


# ----------------------------------------------------------------------------- dilution


@pytest.mark.parametrize(
    ("carrier_ml", "percent", "drops"),
    [(5, 1, 1), (10, 2, 4), (30, 2, 12), (10, 3, 6), (15, 1.5, 4), (2, 1, 0), (50, 0.8, 8)],
)
def test_drops_follow_one_drop_per_five_ml_per_percent_rounded_down(
    carrier_ml: float, percent: float, drops: int
) -> None:
    assert drops_for(carrier_ml, percent) == drops


def test_rounding_down_is_not_fooled_by_float_error() -> None:
    assert drops_for(35, 0.6) == 4  # 4.2
    assert drops_for(15, 2.2) == 6  # 6.6000000000000005
    assert drops_for(12.5, 2.4) == 6  # exactly 6, not 5.999...


@pytest.mark.parametrize(
    ("carrier_ml", "percent"), [(-1, 2), (10, -1), (10, 101), (float("nan"), 1)]
)
def test_impossible_amounts_are_refused(carrier_ml: float, percent: float) -> None:
    with pytest.raises(ValueError):
        drops_for(carrier_ml, percent)


def test_advice_marks_the_general_range_for_an_easy_oil(library: OilLibrary) -> None:
    advice = advise(library, library.by_id("lavender"), 10, 2)
    assert (advice.safe_low_percent, advice.safe_high_percent) == (1.0, 3.0)
    assert advice.level is DilutionLevel.TYPICAL and advice.drops == 4


def test_advice_caps_the_range_at_the_oils_own_maximum(library: OilLibrary) -> None:
    advice = advise(library, library.by_id("ylang_ylang"), 10, 2)
    assert advice.safe_high_percent == 0.8 and advice.safe_low_percent == 0.4
    assert advice.level is DilutionLevel.TOO_STRONG
    assert "0.8 %" in advice.message


def test_advice_calls_a_weak_blend_gentle(library: OilLibrary) -> None:
    assert advise(library, None, 30, 0.5).level is DilutionLevel.GENTLE


def test_advice_says_when_the_carrier_is_too_little_for_a_drop(library: OilLibrary) -> None:
    advice = advise(library, library.by_id("lavender"), 2, 1)
    assert advice.drops == 0 and advice.level is DilutionLevel.NOT_A_DROP
    assert "at least 5 ml of carrier oil" in advice.message
    assert "up to 3 % is fine for lavender" in advice.message


def test_bergamot_at_its_maximum_in_10_ml_is_never_called_comfortable_with_0_drops(
    library: OilLibrary,
) -> None:
    advice = advise(library, library.by_id("bergamot"), 10, 0.4)
    assert advice.drops == 0 and advice.level is DilutionLevel.NOT_A_DROP
    assert "comfortable" not in advice.message
    assert advice.message == (
        "At 0.4 %, 10 ml of carrier oil is too little for even one drop of bergamot. "
        "Use at least 13 ml of carrier oil, or choose an oil that is safe in a stronger blend."
    )


def test_the_carrier_suggested_for_one_drop_gives_one_drop(library: OilLibrary) -> None:
    for percent in (0.1, 0.3, 0.4, 0.8, 1.0, 2.5):
        needed = carrier_for_one_drop(percent)
        assert drops_for(needed, percent) == 1 and drops_for(needed - 1, percent) == 0
    advice = advise(library, library.by_id("bergamot"), 13, 0.4)
    assert advice.drops == 1 and advice.level is DilutionLevel.TYPICAL


def test_a_too_strong_blend_stays_too_strong_even_with_no_whole_drop(
    library: OilLibrary,
) -> None:
    advice = advise(library, library.by_id("peppermint"), 1, 3)
    assert advice.drops == 0 and advice.level is DilutionLevel.TOO_STRONG


def test_oil_names_inside_sentences_are_lower_case_except_proper_names(
    library: OilLibrary,
) -> None:
    names = {oil.id: oil.in_sentence for oil in library.oils}
    assert names["lavender"] == "lavender" and names["ylang_ylang"] == "ylang-ylang"
    assert names["roman_chamomile"] == "Roman chamomile"
    assert names["cedarwood"] == "cedarwood (Atlas)"


def test_carrier_oils_are_written_for_the_middle_of_a_sentence(library: OilLibrary) -> None:
    for carrier in library.carrier_oils:
        assert carrier[:1].islower() and carrier.endswith(" oil"), carrier
