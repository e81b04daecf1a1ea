"""The app icon in every desktop format, drawn from the one SVG (packaging/render_icons.py)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from packaging_scripts import load_script
from PySide6.QtGui import QImage, QImageReader

from backcare_desktop import APP_ID

render_icons = load_script("render_icons")


@pytest.fixture(scope="module")
def pngs(qapp: object) -> dict[int, bytes]:
    """Rendered once for the module; pytest-qt's QApplication first, so Qt widgets keep working."""
    sizes = {16, 24, 32, 48, 64, 128, 256, 512, 1024}
    return render_icons.render_pngs(render_icons.SOURCE_SVG.read_bytes(), sizes)


def test_every_hicolor_size_is_rendered_at_its_exact_size(tmp_path: Path, qapp: object) -> None:
    render_icons.write_hicolor(render_icons.SOURCE_SVG, tmp_path, APP_ID)
    apps = tmp_path / "hicolor"
    assert (apps / "scalable" / "apps" / f"{APP_ID}.svg").read_bytes() == (
        render_icons.SOURCE_SVG.read_bytes()
    )
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        image = QImage(str(apps / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        assert (image.width(), image.height()) == (size, size)


def test_the_16_px_icon_is_opaque_in_the_middle_and_clear_in_the_corners(
    pngs: dict[int, bytes],
) -> None:
    image = QImage.fromData(pngs[16])
    assert image.pixelColor(8, 8).alpha() == 255
    assert image.pixelColor(0, 0).alpha() < 64


def test_the_ico_holds_one_png_per_size_that_qt_reads_back(
    tmp_path: Path, pngs: dict[int, bytes]
) -> None:
    sizes = render_icons.ICO_SIZES
    data = render_icons.ico_bytes({size: pngs[size] for size in sizes})
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(sizes))
    target = tmp_path / "backcare.ico"
    target.write_bytes(data)
    reader = QImageReader(str(target))
    read_sizes = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        read_sizes.append(reader.read().width())
    assert sorted(read_sizes) == sorted(sizes)


def test_the_icns_lists_each_entry_with_its_length(pngs: dict[int, bytes]) -> None:
    data = render_icons.icns_bytes(pngs)
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    offset, kinds = 8, []
    while offset < len(data):
        kind, length = (
            data[offset : offset + 4],
            struct.unpack(">I", data[offset + 4 : offset + 8])[0],
        )
        assert data[offset + 8 : offset + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.append(kind)
        offset += length
    assert offset == len(data)
    assert kinds == [kind for kind, _ in render_icons.ICNS_TYPES]


def test_an_ico_entry_larger_than_256_px_is_refused(pngs: dict[int, bytes]) -> None:
    with pytest.raises(ValueError, match="1-256 px"):
        render_icons.ico_bytes({512: pngs[512]})
