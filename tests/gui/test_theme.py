"""Every theme keeps text legible: contrast of at least 4.5:1 on every surface it sits on."""

from __future__ import annotations

import pytest

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
