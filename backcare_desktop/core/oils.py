"""The essential-oil library: what each oil smells like, how people use it, how to dilute it.

The oils themselves are data (assets/oils.json); this module checks that data strictly — a
caution that went missing would be a safety bug — and offers search and a dilution calculator.
Nothing here claims an oil treats anything; the texts speak of aromas and of what people do.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Final

from backcare_desktop.core.content.fields import (
    ContentError,
    ReadableFile,
    check_schema,
    join,
    parse_json,
    read_list,
    read_number,
    read_object,
    read_text,
    read_texts,
    read_unique_ids,
)
from backcare_desktop.core.translatable import QT_TR_NOOP, fill

DROPS_PER_ML_AT_ONE_PERCENT: Final = 0.2
"""1 % is about 1 drop of essential oil per 5 ml of carrier oil (a drop is about 0.05 ml)."""
MAX_CARRIER_ML: Final = 1000.0
MAX_PERCENT: Final = 100.0

_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


OilDataError = ContentError
"""The oil library file does not hold what the app expects; the message says where."""
OILS_FILE: Final = "oils.json"


@dataclass(frozen=True)
class Oil:
    """One essential oil, as the Oils page shows it."""

    id: str
    name: str
    latin_name: str
    aroma_notes: tuple[str, ...]
    people_use_it: str
    max_dilution_percent: float
    dilution_note: str
    cautions: tuple[str, ...]
    name_in_sentence: str = ""
    """The name as written inside a sentence ("a massage with lavender"); see `in_sentence`."""

    @property
    def in_sentence(self) -> str:
        """The name for the middle of a sentence: lower case, but proper names ("Roman
        chamomile") kept as the data spells them in `name_in_sentence`."""
        return self.name_in_sentence or self.name[:1].lower() + self.name[1:]


@dataclass(frozen=True)
class OilLibrary:
    """All oils plus the advice that holds for every oil."""

    oils: tuple[Oil, ...]
    general_cautions: tuple[str, ...]
    carrier_oils: tuple[str, ...]
    general_min_percent: float
    general_max_percent: float

    def by_id(self, oil_id: str) -> Oil | None:
        return next((oil for oil in self.oils if oil.id == oil_id), None)


def load_library(path: ReadableFile) -> OilLibrary:
    """Read and check an oil library file; raises OilDataError naming file, field, expectation."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise OilDataError(path.name, "(file)", "a readable file", str(error)) from None
    return parse_library(parse_json(raw, path.name), path.name)


_TOP_KEYS: Final = (
    "schema",
    "general_min_percent",
    "general_max_percent",
    "general_cautions",
    "carrier_oils",
    "oils",
)
_OIL_KEYS: Final = (
    "id",
    "name",
    "latin_name",
    "aroma_notes",
    "people_use_it",
    "max_dilution_percent",
    "dilution_note",
    "cautions",
)


def parse_library(data: object, source: str = OILS_FILE) -> OilLibrary:
    """Check already-decoded library data (see `load_library`)."""
    top = read_object(data, source, "", _TOP_KEYS)
    check_schema(top["schema"], source)
    low = read_number(top["general_min_percent"], source, "general_min_percent", 0.1, 10)
    high = read_number(top["general_max_percent"], source, "general_max_percent", 0.1, 10)
    if low > high:
        raise OilDataError(
            source, "general_min_percent", "no more than general_max_percent", f"{low:g}"
        )
    general = read_texts(top["general_cautions"], source, "general_cautions")
    carriers = read_texts(top["carrier_oils"], source, "carrier_oils")
    raw_oils = read_list(top["oils"], source, "oils", minimum=1)
    oils = tuple(_read_oil(item, source, f"oils[{index}]") for index, item in enumerate(raw_oils))
    read_unique_ids((oil.id for oil in oils), source, "oils")
    return OilLibrary(oils, general, carriers, low, high)


def _read_oil(value: object, file: str, path: str) -> Oil:
    data = read_object(value, file, path, _OIL_KEYS, {"name_in_sentence"})
    oil_id = read_text(data["id"], file, join(path, "id"))
    if not _ID.fullmatch(oil_id):
        raise OilDataError(
            file, join(path, "id"), "lower-case letters, digits, _ or -", repr(oil_id)
        )
    name = read_text(data["name"], file, join(path, "name"))
    in_sentence = ""
    if "name_in_sentence" in data:
        in_sentence = read_text(data["name_in_sentence"], file, join(path, "name_in_sentence"))
        if in_sentence.casefold() != name.casefold():
            expected = f"the name '{name}' with only its capitals changed"
            raise OilDataError(file, join(path, "name_in_sentence"), expected, repr(in_sentence))
    return Oil(
        id=oil_id,
        name=name,
        latin_name=read_text(data["latin_name"], file, join(path, "latin_name")),
        aroma_notes=read_texts(data["aroma_notes"], file, join(path, "aroma_notes")),
        people_use_it=read_text(data["people_use_it"], file, join(path, "people_use_it")),
        max_dilution_percent=read_number(
            data["max_dilution_percent"], file, join(path, "max_dilution_percent"), 0.1, 5
        ),
        dilution_note=read_text(data["dilution_note"], file, join(path, "dilution_note")),
        cautions=read_texts(data["cautions"], file, join(path, "cautions")),
        name_in_sentence=in_sentence,
    )


def _fold(text: str) -> str:
    """Lower case without accents, so "ylang" finds "Ylang-ylang" and "creme" finds "crème"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search(oils: Iterable[Oil], text: str) -> list[Oil]:
    """Oils matching every word of `text` in name, Latin name, aroma or use.

    Case and accents are ignored. Oils whose name starts with the first word come first, then
    the rest in library order; an empty search returns every oil.
    """
    words = _fold(text).split()
    all_oils = list(oils)
    if not words:
        return all_oils
    matches = []
    for oil in all_oils:
        haystack = _fold(" ".join((oil.name, oil.latin_name, oil.people_use_it, *oil.aroma_notes)))
        if all(word in haystack for word in words):
            matches.append(oil)
    return sorted(matches, key=lambda oil: not _fold(oil.name).startswith(words[0]))


def drops_for(carrier_ml: float, percent: float) -> int:
    """Drops of essential oil for `carrier_ml` of carrier at `percent` strength.

    1 % ≈ 1 drop per 5 ml. The result is rounded *down* to a whole drop, so the blend is
    never stronger than chosen; 0 means there is too little carrier for one drop at that
    strength. Raises ValueError for amounts outside 0–1000 ml or strengths outside 0–100 %.
    """
    if not (math.isfinite(carrier_ml) and 0 <= carrier_ml <= MAX_CARRIER_ML):
        raise ValueError(f"carrier_ml: expected 0 to {MAX_CARRIER_ML:g} ml, got {carrier_ml!r}")
    if not (math.isfinite(percent) and 0 <= percent <= MAX_PERCENT):
        raise ValueError(f"percent: expected 0 to {MAX_PERCENT:g} %, got {percent!r}")
    exact = carrier_ml * percent * DROPS_PER_ML_AT_ONE_PERCENT
    return math.floor(round(exact, 6))


class DilutionLevel(Enum):
    """Where a chosen strength sits against the guidance."""

    GENTLE = "gentle"  # below the usual range: fine, just mild
    TYPICAL = "typical"  # inside the safe range
    TOO_STRONG = "too_strong"  # above this oil's maximum or the general range
    NOT_A_DROP = "not_a_drop"  # a fine strength, but too little carrier for one whole drop


@dataclass(frozen=True)
class DilutionAdvice:
    """A blend worked out, with the safe range the calculator marks."""

    carrier_ml: float
    percent: float
    drops: int
    safe_low_percent: float
    safe_high_percent: float
    level: DilutionLevel
    wording: str
    """The message with %1.. placeholders, marked for translation (the GUI translates it)."""
    values: tuple[str, ...]

    @property
    def message(self) -> str:
        """The message in English, `values` filled in."""
        return fill(self.wording, *self.values)


def advise(
    library: OilLibrary, oil: Oil | None, carrier_ml: float, percent: float
) -> DilutionAdvice:
    """Drops for a blend and how it compares with the safe range for this oil.

    The range is the general body-massage range (1–3 %), capped by the oil's own maximum;
    when that maximum is at or below the general minimum (ylang-ylang, peppermint), the range
    runs from half the maximum up to the maximum. A safe strength that comes to less than one
    whole drop is NOT_A_DROP, never "comfortable": the blend would hold no oil at all.
    """
    drops = drops_for(carrier_ml, percent)
    high = library.general_max_percent
    if oil is not None:
        high = min(high, oil.max_dilution_percent)
    low = library.general_min_percent if library.general_min_percent < high else high / 2
    name = oil.in_sentence if oil is not None else QT_TR_NOOP("an essential oil")
    values: tuple[str, ...]
    if percent > high:
        level = DilutionLevel.TOO_STRONG
        wording = QT_TR_NOOP("That is stronger than we suggest for %1: stay at or below %2 %.")
        values = (name, f"{high:g}")
    elif drops == 0 and percent > 0:
        level = DilutionLevel.NOT_A_DROP
        values = (f"{percent:g}", f"{carrier_ml:g}", name, str(carrier_for_one_drop(percent)))
        if drops_for(carrier_ml, high) > 0:
            wording = QT_TR_NOOP(
                "At %1 %, %2 ml of carrier oil is too little for even one drop of %3. Use at "
                "least %4 ml of carrier oil, or a stronger blend: up to %5 % is fine for %3."
            )
            values = (*values, f"{high:g}")
        else:
            wording = QT_TR_NOOP(
                "At %1 %, %2 ml of carrier oil is too little for even one drop of %3. Use at "
                "least %4 ml of carrier oil, or choose an oil that is safe in a stronger blend."
            )
    elif percent >= low:
        level = DilutionLevel.TYPICAL
        wording = QT_TR_NOOP("A comfortable strength for a back massage with %1.")
        values = (name,)
    else:
        level = DilutionLevel.GENTLE
        wording = QT_TR_NOOP("A gentle blend. Up to %1 % is fine for %2 if you would like more.")
        values = (f"{high:g}", name)
    return DilutionAdvice(carrier_ml, percent, drops, low, high, level, wording, values)


def carrier_for_one_drop(percent: float) -> int:
    """The fewest whole millilitres of carrier that take one drop at `percent` (> 0)."""
    return math.ceil(round(1 / (percent * DROPS_PER_ML_AT_ONE_PERCENT), 6))
