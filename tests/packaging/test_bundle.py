"""The packages people install, built for real and started: `make package-test`.

Builds everything `make dist` builds (sdist, wheel, PyInstaller bundle, tarball, .deb) once per
session, then runs the frozen app, unpacks the .deb into a scratch root and installs the wheel
into a fresh virtual environment. Takes a minute or two, so it runs only when
BACKCARE_PACKAGING_TEST=1 (the make target sets it), never in the everyday `make test`.
"""

from __future__ import annotations

import configparser
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import venv
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from desktop_rig import start_xvfb
from packaging_scripts import PACKAGING, REPO_ROOT, load_script

from backcare_desktop import APP_ID, APP_NAME, APP_SLUG, __version__

if os.environ.get("BACKCARE_PACKAGING_TEST") != "1":
    pytest.skip("builds the packages (1-2 min): run `make package-test`", allow_module_level=True)

BUILD_TIMEOUT_S = 1200
RUN_TIMEOUT_S = 120
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# Libraries that only optional Qt plugins use: the GTK 3 theme (when GTK is installed) and
# Wayland EGL (a Recommends). Qt skips a plugin it cannot load.
OPTIONAL_SONAMES = frozenset({"libgtk-3.so.0", "libgdk-3.so.0", "libwayland-egl.so.1"})
ASSET_TOOLS = ("numpy", "soundfile", "_soundfile_data", "pytest", "hypothesis", "mypy")


@dataclass(frozen=True)
class Built:
    """What one run of packaging/build_dist.py produced."""

    out: Path
    bundle: Path
    seconds: float

    def one(self, pattern: str) -> Path:
        matches = sorted(self.out.glob(pattern))
        assert len(matches) == 1, f"expected one {pattern} in {self.out}, got {matches}"
        return matches[0]

    @property
    def tarball(self) -> Path:
        return self.one(f"{APP_SLUG}-{__version__}-linux-*.tar.gz")

    @property
    def deb(self) -> Path:
        return self.one(f"{APP_SLUG}_*.deb")

    @property
    def wheel(self) -> Path:
        return self.one("backcare_desktop-*.whl")

    @property
    def sdist(self) -> Path:
        return self.one("backcare_desktop-*.tar.gz")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Build once per session (the build tools keep their real caches: pip, PyInstaller)."""
    root = tmp_path_factory.mktemp("dist")
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            str(PACKAGING / "build_dist.py"),
            "--out",
            str(root / "out"),
            "--work",
            str(root / "work"),
        ],
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    seconds = time.perf_counter() - started
    print(f"\nbuild_dist.py: {seconds:.0f} s\n{result.stdout.split('bundle: ', 1)[-1]}")
    return Built(root / "out", root / "work" / "pyinstaller-dist" / APP_SLUG, seconds)


@pytest.fixture(scope="session")
def deb_root(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .deb unpacked into a scratch root, as dpkg would lay it out."""
    root = tmp_path_factory.mktemp("deb-root")
    subprocess.run(["dpkg-deb", "-x", str(built.deb), str(root)], check=True)
    return root


def frozen_env(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SDL_AUDIODRIVER="dummy")
    env.update(extra, BACKCARE_HOME=str(home))
    return env


def run(command: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, env=env)


def needs(*tools: str) -> None:
    for tool in tools:
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")


# --- The frozen app ---------------------------------------------------------------------------


def test_the_bundle_prints_its_version(built: Built, isolated_home: Path) -> None:
    result = run([str(built.bundle / "backcare"), "--version"], frozen_env(isolated_home))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{APP_NAME} {__version__}"


def test_the_frozen_self_check_passes_with_its_own_assets_and_sound(
    built: Built, isolated_home: Path
) -> None:
    result = run([str(built.bundle / "backcare"), "--self-check"], frozen_env(isolated_home))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All is well" in result.stdout
    assert f"in {built.bundle / '_internal' / 'assets'}" in result.stdout
    assert re.search(r"\[  ok  \] Sound +the sound device opens", result.stdout), result.stdout


def test_the_frozen_app_paints_its_window_offscreen(built: Built, isolated_home: Path) -> None:
    env = frozen_env(isolated_home, BACKCARE_QUIT_AFTER_FIRST_PAINT="1")
    result = run([str(built.bundle / "backcare")], env)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def x_display() -> Iterator[str]:
    """A private Xvfb display; -displayfd lets the server pick a free number."""
    needs("Xvfb")
    server, display = start_xvfb()
    try:
        assert display, "Xvfb did not start"
        yield display
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_frozen_app_paints_its_window_on_a_real_x11_display(
    built: Built, isolated_home: Path, x_display: str
) -> None:
    env = frozen_env(
        isolated_home, QT_QPA_PLATFORM="xcb", DISPLAY=x_display, BACKCARE_QUIT_AFTER_FIRST_PAINT="1"
    )
    result = run([str(built.bundle / "backcare")], env)
    assert result.returncode == 0, result.stderr


def test_the_bundle_leaves_out_the_asset_tools_and_tests(built: Built) -> None:
    internal = built.bundle / "_internal"
    for name in ASSET_TOOLS:
        assert not (internal / name).exists(), f"{name} should not be in the bundle"
    assert not (internal / "tests").exists()
    assert (internal / "assets" / "techniques.json").is_file()


def _ldd_resolutions(bundle: Path) -> tuple[dict[str, str], set[str]]:
    """Each shared library the bundle's ELF files load from outside it (soname -> path), and the
    sonames found nowhere; the bundle's own folders are searched first, as its loader does."""
    elf_files = load_script("build_dist")._elf_files(bundle)
    folders = sorted({str(path.parent) for path in elf_files if ".so" in path.name})
    env = dict(os.environ, LD_LIBRARY_PATH=os.pathsep.join(folders))
    outside: dict[str, str] = {}
    missing: set[str] = set()
    for path in elf_files:
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
        for line in result.stdout.splitlines():
            match = re.match(r"\s*(\S+) => (.+?)(?: \(0x[0-9a-f]+\))?$", line)
            if not match:
                continue
            soname, target = match.groups()
            if target == "not found":
                missing.add(soname)
            elif not target.startswith(str(bundle)):
                outside[soname] = target
    return outside, missing


def _owning_package(path: str) -> str:
    candidates = [path, os.path.realpath(path)]
    candidates += [
        c.removeprefix("/usr") if c.startswith("/usr/") else "/usr" + c for c in candidates
    ]
    for candidate in candidates:
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].strip()
    raise AssertionError(f"no Debian package owns {path}")


def _dependency_closure(names: list[str]) -> set[str]:
    """The installed packages `names` pull in, directly or through their own Depends."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Depends}, ${Pre-Depends}", name],
            capture_output=True,
            text=True,
        )
        for alternative in re.split(r"[,|]", result.stdout):
            package = re.sub(r"\(.*?\)|:\w+", "", alternative).strip()
            if package:
                todo.append(package)
    return seen


def test_every_system_library_the_bundle_loads_comes_from_a_dependency(built: Built) -> None:
    needs("ldd", "dpkg", "dpkg-query")
    outside, missing = _ldd_resolutions(built.bundle)
    assert missing <= OPTIONAL_SONAMES, f"libraries found nowhere: {missing - OPTIONAL_SONAMES}"
    depends = ["libc6", *load_script("build_dist").debian_depends()]
    allowed = _dependency_closure(depends)
    owners = {soname: _owning_package(path) for soname, path in outside.items()}
    unlisted = {soname: owner for soname, owner in owners.items() if owner not in allowed}
    assert not unlisted, f"add these to packaging/linux/debian-depends: {unlisted}"


# --- The tarball ------------------------------------------------------------------------------


def test_the_tarball_holds_the_bundle_a_readme_with_the_apt_line_and_the_menu_files(
    built: Built,
) -> None:
    stem = built.tarball.name.removesuffix(".tar.gz")
    with tarfile.open(built.tarball) as archive:
        names = set(archive.getnames())
        member = archive.extractfile(f"{stem}/README.md")
        assert member is not None
        readme = member.read().decode()
        launcher = archive.getmember(f"{stem}/backcare")
    assert launcher.mode & 0o111
    assert f"{stem}/_internal/assets/techniques.json" in names
    assert f"{stem}/LICENSE" in names
    assert f"{stem}/share/applications/{APP_ID}.desktop" in names
    assert f"{stem}/share/icons/hicolor/scalable/apps/{APP_ID}.svg" in names
    apt_line = "sudo apt-get install " + " ".join(load_script("build_dist").apt_packages())
    assert apt_line in readme
    assert "$" + "apt_packages" not in readme and __version__ in readme


# --- The .deb ---------------------------------------------------------------------------------


def _entry(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser


def test_the_deb_lands_where_its_desktop_file_and_metainfo_point(deb_root: Path) -> None:
    desktop = deb_root / "usr" / "share" / "applications" / f"{APP_ID}.desktop"
    entry = _entry(desktop)
    commands = [entry[section]["Exec"].split()[0] for section in entry.sections()]
    for command in commands:
        launcher = deb_root / "usr" / "bin" / command
        assert launcher.is_file() and os.access(launcher, os.X_OK), launcher
        target = re.search(r"exec (\S+)", launcher.read_text())
        assert target is not None
        assert (deb_root / target.group(1).lstrip("/")).is_file(), target.group(1)

    icon = entry["Desktop Entry"]["Icon"]
    hicolor = deb_root / "usr" / "share" / "icons" / "hicolor"
    assert (hicolor / "scalable" / "apps" / f"{icon}.svg").is_file()
    for size in HICOLOR_SIZES:
        png = (hicolor / f"{size}x{size}" / "apps" / f"{icon}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(png[16:20], "big") == size  # IHDR width

    metainfo = ET.parse(deb_root / "usr" / "share" / "metainfo" / f"{APP_ID}.metainfo.xml")
    launchable = metainfo.getroot().findtext("launchable[@type='desktop-id']")
    assert (deb_root / "usr" / "share" / "applications" / str(launchable)).is_file()
    binary = metainfo.getroot().findtext("provides/binary")
    assert (deb_root / "usr" / "bin" / str(binary)).is_file()
    assert (deb_root / "usr" / "share" / "doc" / APP_SLUG / "copyright").is_file()


def test_the_installed_files_pass_the_desktop_validators(deb_root: Path) -> None:
    needs("desktop-file-validate", "appstreamcli")
    share = deb_root / "usr" / "share"
    desktop = run(["desktop-file-validate", str(share / "applications" / f"{APP_ID}.desktop")])
    assert desktop.returncode == 0 and not desktop.stdout.strip(), desktop.stdout
    metainfo = share / "metainfo" / f"{APP_ID}.metainfo.xml"
    appstream = run(["appstreamcli", "validate", "--no-net", str(metainfo)])
    assert appstream.returncode == 0, appstream.stdout + appstream.stderr


def test_the_unpacked_deb_runs_from_opt(deb_root: Path, isolated_home: Path) -> None:
    program = deb_root / "opt" / APP_SLUG / "backcare"
    result = run([str(program), "--self-check"], frozen_env(isolated_home))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"in {deb_root / 'opt' / APP_SLUG / '_internal' / 'assets'}" in result.stdout


def test_the_deb_has_no_maintainer_scripts_so_removal_never_touches_user_data(
    built: Built,
) -> None:
    control = subprocess.run(
        ["dpkg-deb", "--ctrl-tarfile", str(built.deb)], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(control)) as archive:
        members = {name.removeprefix("./") for name in archive.getnames()} - {"", "."}
    assert members == {"control", "md5sums"}


def test_the_deb_control_names_the_package_version_and_qt_libraries(built: Built) -> None:
    fields = run(["dpkg-deb", "-f", str(built.deb), "Package", "Version", "Depends"]).stdout
    assert f"Package: {APP_SLUG}" in fields
    assert f"Version: {load_script('build_dist').deb_version(__version__)}" in fields
    depends = fields.split("Depends:", 1)[1]
    assert re.search(r"libc6 \(>= 2\.\d+\)", depends)
    for package in ("libgl1", "libegl1", "libxkbcommon-x11-0", "libxcb-cursor0", "libdbus-1-3"):
        assert re.search(rf"\b{re.escape(package)}\b", depends), package


# --- The wheel and sdist ----------------------------------------------------------------------


def _asset_files() -> set[str]:
    assets = REPO_ROOT / "assets"
    return {
        path.relative_to(assets).as_posix()
        for path in assets.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_wheel_and_the_sdist_carry_every_asset(built: Built) -> None:
    expected = _asset_files()
    with zipfile.ZipFile(built.wheel) as wheel:
        prefix = "backcare_desktop/assets/"
        in_wheel = {n[len(prefix) :] for n in wheel.namelist() if n.startswith(prefix)}
    assert expected <= in_wheel, sorted(expected - in_wheel)
    with tarfile.open(built.sdist) as sdist:
        in_sdist = {
            name.split("/assets/", 1)[1]
            for name in sdist.getnames()
            if "/assets/" in name and sdist.getmember(name).isfile()
        }
    assert expected <= in_sdist, sorted(expected - in_sdist)


def test_the_wheel_installs_a_working_backcare_command(
    built: Built, tmp_path: Path, isolated_home: Path
) -> None:
    """A fresh venv holding only the wheel; its dependencies come from this environment through
    a .pth line (no download), so the app and its assets can only come from the wheel."""
    target = tmp_path / "venv"
    venv.create(target, with_pip=True)
    python = target / "bin" / "python"
    site = run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
    here = run([sys.executable, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
    (Path(site.stdout.strip()) / "backcare_deps.pth").write_text(here.stdout.strip() + "\n")
    install = run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(built.wheel),
        ]
    )
    assert install.returncode == 0, install.stderr
    env = frozen_env(isolated_home)
    version = run([str(target / "bin" / "backcare"), "--version"], env)
    assert version.stdout.strip() == f"{APP_NAME} {__version__}", version.stderr
    check = run([str(target / "bin" / "backcare"), "--self-check"], env)
    assert check.returncode == 0, check.stdout + check.stderr
    assert f"in {Path(site.stdout.strip()) / 'backcare_desktop' / 'assets'}" in check.stdout
