"""Every theme keeps text legible and graphics visible: text at least 4.5:1 on every surface
it sits on (7:1 in high contrast), the colours of graphics and outlines at least 3:1."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from backcare_desktop.gui.look.theme import THEME_NAMES, contrast_ratio, load_theme

PAIRS = [
    ("text", "background"),
    ("text", "surface"),
    ("text", "surface_alt"),
    ("text_secondary", "background"),
    ("text_secondary", "surface"),
    ("text_secondary", "surface_alt"),
    ("on_accent", "accent"),
    ("danger", "background"),
    ("danger", "surface"),
    ("accent", "background"),
]


@pytest.mark.parametrize("name", THEME_NAMES)
@pytest.mark.parametrize(("foreground", "background"), PAIRS)
def test_text_contrast_is_at_least_4_5(name: str, foreground: str, background: str) -> None:
    theme = load_theme(name)
    ratio = contrast_ratio(theme[foreground], theme[background])
    assert ratio >= 4.5, f"{name}: {foreground} on {background} is only {ratio:.2f}:1"


def test_the_dim_theme_has_no_bright_white_or_blue_light() -> None:
    theme = load_theme("dim")
    for token, value in theme.tokens.items():
        red, green, blue = (int(value[i : i + 2], 16) for i in (1, 3, 5))
        assert blue <= max(red, green), f"dim {token} {value} leans blue"
        assert max(red, green, blue) < 0xE0, f"dim {token} {value} is too bright"


def test_illustrations_recolour_every_art_token() -> None:
    light, dim = load_theme("light"), load_theme("dim")
    svg = " ".join(v for k, v in light.tokens.items() if k.startswith("art_")).encode()
    recoloured = dim.recolor_art(svg).decode()
    for key, value in light.tokens.items():
        if key.startswith("art_") and value != dim[key]:
            assert value not in recoloured


@pytest.mark.parametrize("name", THEME_NAMES)
def test_drop_down_and_spin_arrows_are_drawn_in_the_theme_s_own_colour(name: str) -> None:
    import re
    from pathlib import Path

    from backcare_desktop.gui.look.theme import stylesheet

    theme = load_theme(name)
    images = [Path(p) for p in re.findall(r'image: url\("([^"]+)"\)', stylesheet(theme, 10.0))]
    assert len(images) >= 2
    for image in images:
        assert image.is_file(), image
        assert theme["text_secondary"] in image.read_text(encoding="utf-8")


SURFACES = ("background", "surface", "surface_alt")
TEXT_TOKENS = ("text", "text_secondary", "danger")
NON_TEXT_TOKENS = ("accent", "breath", "chart_before", "highlight", "outline")
"""Colours that carry meaning as shapes: buttons, the pacer's ring, chart marks, the heart on
a favourite oil, heat-map cells and other outlines."""


def needed_for_text(name: str) -> float:
    return 7.0 if name == "contrast" else 4.5


@pytest.mark.parametrize("name", THEME_NAMES)
def test_text_tokens_reach_4_5_to_1_or_7_to_1_in_high_contrast(name: str) -> None:
    theme = load_theme(name)
    pairs = [(text, surface) for text in TEXT_TOKENS for surface in SURFACES]
    pairs.append(("on_accent", "accent"))
    low = {
        f"{fg} on {bg}": round(contrast_ratio(theme[fg], theme[bg]), 2)
        for fg, bg in pairs
        if contrast_ratio(theme[fg], theme[bg]) < needed_for_text(name)
    }
    assert not low, f"{name}: {low}"


@pytest.mark.parametrize("name", THEME_NAMES)
def test_non_text_tokens_reach_3_to_1_on_every_surface(name: str) -> None:
    theme = load_theme(name)
    tokens = [*NON_TEXT_TOKENS, *(["border", "focus"] if name == "contrast" else [])]
    tokens += ["focus"] if "focus" in theme.tokens and "focus" not in tokens else []
    low = {
        f"{token} on {surface}": round(contrast_ratio(theme[token], theme[surface]), 2)
        for token in tokens
        for surface in SURFACES
        if contrast_ratio(theme[token], theme[surface]) < 3.0
    }
    assert not low, f"{name}: {low}"


@pytest.mark.parametrize("name", THEME_NAMES)
def test_movement_arrows_stand_3_to_1_from_their_halo_whatever_they_cross(name: str) -> None:
    theme = load_theme(name)
    assert contrast_ratio(theme["art_arrow"], theme["art_arrow_halo"]) >= 3.0


def test_every_theme_has_the_same_tokens() -> None:
    keys = {name: set(load_theme(name).tokens) for name in THEME_NAMES}
    common = set.intersection(*keys.values())
    assert all(own - common <= {"focus"} for own in keys.values()), keys


def test_following_the_system_picks_high_contrast_when_the_desktop_asks_for_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from backcare_desktop.gui.look import theme as theme_module

    monkeypatch.setattr(theme_module, "system_prefers_contrast", lambda: True)
    assert theme_module.resolve_theme_name("system") == "contrast"
    monkeypatch.setattr(theme_module, "system_prefers_contrast", lambda: False)
    assert theme_module.resolve_theme_name("system") in ("light", "dark")
    assert theme_module.resolve_theme_name("contrast") == "contrast"


@pytest.mark.parametrize("name", THEME_NAMES)
def test_every_heat_map_square_stands_3_to_1_from_the_card(name: str, qtbot: QtBot) -> None:
    from PySide6.QtGui import QPen

    from backcare_desktop.gui.widgets.heatmap import HeatMap

    theme = load_theme(name)
    heatmap = HeatMap(theme)
    qtbot.addWidget(heatmap)
    for minutes in (0, 1, 5, 10, 20, 60):  # an empty day and every level
        fill = heatmap.colour_for(minutes)
        edge = heatmap.edge_for(fill)
        seen = edge.color().name() if isinstance(edge, QPen) else fill.name()
        assert contrast_ratio(seen, theme["surface"]) >= 3.0, (minutes, seen)
