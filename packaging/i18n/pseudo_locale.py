"""Make a pseudo-locale: every BackCare string bracketed, accented and made ~40 % longer.

Run it and start BackCare with the result to see, without knowing any other language, which
text is not translatable (it shows without brackets) and which layout breaks when words grow
(German and Finnish run about a third longer than English). The steps are the real ones a
translation takes: pyside6-lupdate extracts the strings to a .ts, the translations are filled
in, pyside6-lrelease compiles the .qm that QTranslator loads.

    python packaging/i18n/pseudo_locale.py OUT_DIR     # writes OUT_DIR/backcare_pseudo.{ts,qm}
"""

from __future__ import annotations

import argparse
import math
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "backcare_desktop"
GROWTH = 0.4
PADDING = "~"
# Kept exactly as written: Qt placeholders (%1, %L2, %n), HTML tags and entities, mnemonics' &.
KEEP = re.compile(r"%L?[1-9n]|<[^>]*>|&[#\w]+;|&")
ACCENTS = str.maketrans(
    "AaCcEeGgIiNnOoSsUuYyZz",
    "ÀàÇçÈèĜĝÎîÑñÔôŜŝÛûÝýŽž",
)


def qt_tool(name: str) -> str:
    """pyside6-lupdate / -lrelease beside this Python (the venv's), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} was not found: install PySide6 (it ships the Qt Linguist tools)")
    return found


def pseudo(text: str) -> str:
    """ "Start" -> "[Ŝtàrt~~]": accented, padded by 40 % of the visible length, placeholders,
    tags and entities untouched, so the result still works where the source did."""
    parts: list[str] = []
    visible = 0
    last = 0
    for match in KEEP.finditer(text):
        plain = text[last : match.start()]
        parts.append(plain.translate(ACCENTS))
        visible += len(plain)
        parts.append(match.group(0))
        last = match.end()
    plain = text[last:]
    parts.append(plain.translate(ACCENTS))
    visible += len(plain)
    return "[" + "".join(parts) + PADDING * math.ceil(visible * GROWTH) + "]"


def extract(ts: Path) -> None:
    """Fresh .ts of every string in the package (no line numbers, so it is reproducible)."""
    ts.unlink(missing_ok=True)
    subprocess.run(
        [
            qt_tool("pyside6-lupdate"),
            "-silent",
            "-extensions",
            "py",
            "-locations",
            "none",
            str(PACKAGE),
            "-ts",
            str(ts),
        ],
        check=True,
        cwd=ROOT,
    )


def fill(ts: Path) -> int:
    """Give every message its pseudo translation (both plural forms); return how many."""
    tree = ET.parse(ts)
    root = tree.getroot()
    root.set("language", "en")  # two plural forms, like the English source
    count = 0
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            translation.text = None
            for _ in range(2):
                ET.SubElement(translation, "numerusform").text = pseudo(source)
        else:
            translation.text = pseudo(source)
        count += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return count


def compile_qm(ts: Path, qm: Path) -> None:
    subprocess.run([qt_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def make_pseudo_locale(out_dir: Path) -> Path:
    """Write out_dir/backcare_pseudo.ts and .qm; return the .qm."""
    out_dir.mkdir(parents=True, exist_ok=True)
    ts, qm = out_dir / "backcare_pseudo.ts", out_dir / "backcare_pseudo.qm"
    extract(ts)
    if fill(ts) == 0:
        raise SystemExit("pyside6-lupdate found no strings: is the package where it should be?")
    compile_qm(ts, qm)
    return qm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    print(make_pseudo_locale(parser.parse_args().out_dir))


if __name__ == "__main__":
    main()
