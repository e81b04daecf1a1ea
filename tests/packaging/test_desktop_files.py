"""The menu entry, the AppStream metadata and the .deb's dependency list, checked from source.

These run in the normal suite (milliseconds); the built packages are checked by test_bundle.py.
"""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from packaging_scripts import PACKAGING, REPO_ROOT, load_script

from backcare_desktop import APP_ID, APP_NAME, __version__

DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
# What Qt's xcb and offscreen platforms need from a bare Debian (../shared/PLATFORM_NOTES.md).
QT_SYSTEM_PACKAGES = {
    "libgl1",
    "libegl1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libglib2.0-0",
    "libfontconfig1",
    "libdbus-1-3",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
}


def desktop_entry(path: Path = DESKTOP) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser


def test_the_desktop_file_passes_desktop_file_validate() -> None:
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_the_metainfo_passes_appstreamcli_validate() -> None:
    if shutil.which("appstreamcli") is None:
        pytest.skip("appstreamcli is not installed (Debian: appstream)")
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_menu_entry_starts_backcare_and_offers_start_routine() -> None:
    entry = desktop_entry()
    main = entry["Desktop Entry"]
    assert main["Name"] == APP_NAME
    assert main["Exec"] == "backcare"
    assert main["Icon"] == APP_ID
    assert main["Actions"].rstrip(";").split(";") == ["start-routine"]
    action = entry["Desktop Action start-routine"]
    assert action["Name"] == "Start routine"
    assert action["Exec"] == "backcare --start"


def test_the_metainfo_describes_this_app_and_this_version() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == APP_NAME
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert root.findtext("provides/binary") == "backcare"
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == __version__, (
        "a new version needs its release notes in the metainfo"
    )
    assert newest.find("description") is not None
    assert root.find("content_rating[@type='oars-1.1']") is not None


def test_every_metainfo_screenshot_is_one_the_readme_shows() -> None:
    root = ET.parse(METAINFO).getroot()
    urls = [image.text or "" for image in root.iter("image")]
    assert urls
    readme_pictures = set(
        re.findall(r"packaging/screenshots/([\w-]+\.png)", (REPO_ROOT / "README.md").read_text())
    )
    for url in urls:
        assert url.startswith("https://")
        name = url.rsplit("/packaging/screenshots/", 1)[-1]
        assert name in readme_pictures, f"{name} is not one of the README's screenshots"


def test_the_deb_depends_on_the_libraries_qt_needs_from_the_system() -> None:
    build_dist = load_script("build_dist")
    assert set(build_dist.debian_depends()) >= QT_SYSTEM_PACKAGES


def test_the_tarball_readme_names_the_same_packages_as_the_deb() -> None:
    build_dist = load_script("build_dist")
    template = (PACKAGING / "linux" / "README.bundle.md").read_text()
    assert "sudo apt-get install $apt_packages" in template
    assert set(build_dist.apt_packages()) >= QT_SYSTEM_PACKAGES


@pytest.mark.parametrize(
    ("python", "debian"),
    [
        ("0.1.0", "0.1.0"),
        ("0.2.0rc1", "0.2.0~rc1"),
        ("0.2.0a3", "0.2.0~a3"),
        ("0.2.0.dev4", "0.2.0~dev4"),
        ("0.2.0.post1", "0.2.0+post1"),
    ],
)
def test_versions_sort_the_same_way_for_debian(python: str, debian: str) -> None:
    assert load_script("build_dist").deb_version(python) == debian


def test_the_launcher_runs_the_bundle_under_opt() -> None:
    launcher = (PACKAGING / "linux" / "backcare-launcher.sh").read_text()
    assert launcher.startswith("#!/bin/sh\n")
    assert 'exec /opt/backcare-desktop/backcare "$@"' in launcher
