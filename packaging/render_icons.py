"""Render BackCare's one icon drawing (assets/icons/backcare.svg) into every format a desktop wants.

    python packaging/render_icons.py hicolor DIR   # DIR/hicolor/{scalable,16x16,...,512x512}/apps
    python packaging/render_icons.py ico FILE      # Windows: 16-256 px, PNG-compressed entries
    python packaging/render_icons.py icns FILE     # macOS: 16-1024 px, PNG-compressed entries

The SVG stays the single source: every bitmap is drawn from it by Qt's SVG renderer at its exact
size (no scaling of one big bitmap, which blurs the small sizes). The .ico and .icns containers
are written here rather than through Qt's image plugins: both are a short header and a table of
PNG images, and writing them ourselves gives byte-identical output on every machine whether or
not a Qt build carries the `ico` or `icns` writer.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE_SVG = REPO_ROOT / "assets" / "icons" / "backcare.svg"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS entry types that hold PNG data, by pixel size (the @2x types repeat a size on purpose).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),  # 16@2x
    (b"icp6", 64),
    (b"ic12", 64),  # 32@2x
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),  # 128@2x
    (b"ic09", 512),
    (b"ic14", 512),  # 256@2x
    (b"ic10", 1024),  # 512@2x
)


def _gui_application() -> object:
    """Qt needs a (headless) QGuiApplication before it paints; reuse one if it exists."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication([sys.argv[0]])


def render_pngs(svg: bytes, sizes: Iterable[int]) -> dict[int, bytes]:
    """PNG bytes of the drawing at each square size, transparent outside the artwork."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = _gui_application()
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("the icon SVG could not be read")
    pngs: dict[int, bytes] = {}
    for size in sorted(set(sizes)):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):
            raise RuntimeError(f"Qt could not encode the {size} px icon as PNG")
        buffer.close()
        pngs[size] = bytes(data.data())
    return pngs


def ico_bytes(pngs: Mapping[int, bytes]) -> bytes:
    """A Windows .ico holding one PNG per size (Windows Vista and later read PNG entries)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    directory = b""
    for size in sizes:
        if not 1 <= size <= 256:
            raise ValueError(f"an .ico entry must be 1-256 px, got {size}")
        side = 0 if size == 256 else size  # 0 means 256 in the one-byte size fields
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(pngs[size]), offset)
        offset += len(pngs[size])
    return header + directory + b"".join(pngs[size] for size in sizes)


def icns_bytes(pngs: Mapping[int, bytes]) -> bytes:
    """A macOS .icns: the 'icns' header, then one typed PNG entry per ICNS_TYPES size."""
    body = b""
    for kind, size in ICNS_TYPES:
        data = pngs[size]
        body += kind + struct.pack(">I", 8 + len(data)) + data
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_hicolor(svg_path: Path, out: Path, name: str) -> list[Path]:
    """The freedesktop hicolor tree under `out`: scalable SVG plus each PNG size, named `name`."""
    written: list[Path] = []
    scalable = out / "hicolor" / "scalable" / "apps" / f"{name}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg_path, scalable)
    written.append(scalable)
    for size, png in render_pngs(svg_path.read_bytes(), HICOLOR_SIZES).items():
        target = out / "hicolor" / f"{size}x{size}" / "apps" / f"{name}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png)
        written.append(target)
    return written


def write_ico(svg_path: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(ico_bytes(render_pngs(svg_path.read_bytes(), ICO_SIZES)))
    return target


def write_icns(svg_path: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    sizes = {size for _, size in ICNS_TYPES}
    target.write_bytes(icns_bytes(render_pngs(svg_path.read_bytes(), sizes)))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the app icon for desktops.")
    parser.add_argument("kind", choices=("hicolor", "ico", "icns"))
    parser.add_argument("out", type=Path, help="folder (hicolor) or file (ico, icns)")
    parser.add_argument("--svg", type=Path, default=SOURCE_SVG)
    parser.add_argument("--name", help="icon name (default: the app id)")
    args = parser.parse_args(argv)
    if args.name is None:
        sys.path.insert(0, str(REPO_ROOT))
        from backcare_desktop import APP_ID

        args.name = APP_ID
    if args.kind == "hicolor":
        written = write_hicolor(args.svg, args.out, args.name)
        print(f"wrote {len(written)} icons under {args.out / 'hicolor'}")
    elif args.kind == "ico":
        print(f"wrote {write_ico(args.svg, args.out)}")
    else:
        print(f"wrote {write_icns(args.svg, args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
