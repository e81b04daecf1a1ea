"""Build everything BackCare Desktop ships on Linux, in one command (`make dist`).

    python packaging/build_dist.py [--out dist] [--work build/dist] [--no-python-dists]

Writes into --out:
- backcare_desktop-<version>.tar.gz and backcare_desktop-<version>-py3-none-any.whl (`python -m
  build`; skipped with --no-python-dists);
- backcare-desktop-<version>-linux-<machine>.tar.gz: the PyInstaller bundle in a folder, with a
  README naming the system libraries to install and a share/ tree for the menu entry;
- backcare-desktop_<version>_<arch>.deb: the bundle under /opt/backcare-desktop, a `backcare`
  launcher in /usr/bin, the .desktop file, hicolor icons and AppStream metainfo. No maintainer
  scripts at all: removing the package removes only what it installed, never a user's data.

Name, version and app id come from backcare_desktop; the .deb's Depends from
packaging/linux/debian-depends plus the C library version the bundle needs, read off its ELF
files. The desktop file and metainfo are checked with desktop-file-validate and appstreamcli
when those tools are installed (Debian: desktop-file-utils, appstream).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path
from string import Template

PACKAGING = Path(__file__).resolve().parent
REPO_ROOT = PACKAGING.parent
LINUX = PACKAGING / "linux"
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(PACKAGING))

from backcare_desktop import APP_ID, APP_NAME, APP_SLUG, __version__  # noqa: E402

INSTALL_DIR = Path("opt") / APP_SLUG  # inside the package root: /opt/backcare-desktop
COMMAND = "backcare"
DESKTOP_FILE = LINUX / f"{APP_ID}.desktop"
METAINFO_FILE = LINUX / f"{APP_ID}.metainfo.xml"
# Always present on any Debian system with a C++ program; not worth an apt line in the README.
_NOT_IN_APT_LINE = frozenset({"libstdc++6"})


@dataclass(frozen=True)
class Release:
    """What this build is called, in each packaging system's own spelling."""

    version: str
    deb_version: str
    machine: str
    deb_arch: str

    @property
    def tarball_stem(self) -> str:
        return f"{APP_SLUG}-{self.version}-linux-{self.machine}"

    @property
    def deb_name(self) -> str:
        return f"{APP_SLUG}_{self.deb_version}_{self.deb_arch}.deb"


def deb_version(version: str) -> str:
    """PEP 440 to Debian ordering: pre-releases sort before the release (~), posts after (+)."""
    version = re.sub(r"\.?(dev|a|b|rc)(\d*)", r"~\1\2", version)
    return re.sub(r"\.?post(\d*)", r"+post\1", version)


def current_release() -> Release:
    machine = platform.machine()
    deb_arch = {"x86_64": "amd64", "aarch64": "arm64", "armv7l": "armhf"}.get(machine, machine)
    if shutil.which("dpkg"):
        deb_arch = _output(["dpkg", "--print-architecture"]).strip()
    return Release(__version__, deb_version(__version__), machine, deb_arch)


def debian_depends() -> list[str]:
    """The package names in packaging/linux/debian-depends (comments and blanks skipped)."""
    lines = (line.split("#", 1)[0].strip() for line in (LINUX / "debian-depends").open())
    return [line for line in lines if line]


def apt_packages() -> list[str]:
    """What a user of the tarball installs: the Depends, less what every system has."""
    return [name for name in debian_depends() if name not in _NOT_IN_APT_LINE]


def _output(command: list[str]) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def _step(message: str) -> float:
    print(f"==> {message}", flush=True)
    return time.perf_counter()


# --- Builds ----------------------------------------------------------------------------------


def build_python_dists(out: Path) -> list[Path]:
    """The sdist and the wheel, through the standard `python -m build` front end."""
    before = set(out.glob("*"))
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(REPO_ROOT)],
        check=True,
    )
    return sorted(set(out.glob("*")) - before)


def build_bundle(work: Path) -> Path:
    """The PyInstaller onedir bundle (packaging/backcare.spec); returns its folder."""
    dist = work / "pyinstaller-dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work / "pyinstaller-work"),
            str(PACKAGING / "backcare.spec"),
        ],
        check=True,
        env=dict(os.environ, PYGAME_HIDE_SUPPORT_PROMPT="1"),
    )
    bundle = dist / APP_SLUG
    if not (bundle / COMMAND).is_file():
        raise SystemExit(f"PyInstaller did not produce {bundle / COMMAND}")
    return bundle


def build_share_tree(work: Path) -> Path:
    """share/{applications,icons/hicolor,metainfo}: the desktop integration files, validated."""
    from render_icons import write_hicolor

    share = work / "share"
    if share.exists():
        shutil.rmtree(share)
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir(parents=True)
    shutil.copyfile(DESKTOP_FILE, share / "applications" / DESKTOP_FILE.name)
    shutil.copyfile(METAINFO_FILE, share / "metainfo" / METAINFO_FILE.name)
    write_hicolor(REPO_ROOT / "assets" / "icons" / "backcare.svg", share / "icons", APP_ID)
    validate_desktop_files(share)
    return share


def validate_desktop_files(share: Path) -> None:
    """desktop-file-validate and appstreamcli must pass (skipped with a note if not installed)."""
    checks = [
        ("desktop-file-validate", [str(share / "applications" / DESKTOP_FILE.name)]),
        ("appstreamcli", ["validate", "--no-net", str(share / "metainfo" / METAINFO_FILE.name)]),
    ]
    for tool, arguments in checks:
        if shutil.which(tool) is None:
            print(f"    note: {tool} is not installed, so that check was skipped", flush=True)
            continue
        subprocess.run([tool, *arguments], check=True)


def glibc_floor(bundle: Path) -> str | None:
    """The newest GLIBC_x.y symbol version any ELF file in the bundle asks for (objdump -T)."""
    if shutil.which("objdump") is None:
        return None
    newest: tuple[int, ...] = ()
    for path in _elf_files(bundle):
        result = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True)
        for match in re.finditer(r"\bGLIBC_(\d+(?:\.\d+)+)\b", result.stdout):
            newest = max(newest, tuple(int(part) for part in match.group(1).split(".")))
    return ".".join(str(part) for part in newest) if newest else None


def _elf_files(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def _normalise_modes(root: Path) -> None:
    """Folders and programs 755, other files 644: what dpkg and tar users expect, whatever the
    umask of the build machine was."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir() or path.stat().st_mode & stat.S_IXUSR:
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def _reset_tarinfo(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


def write_tarball(bundle: Path, share: Path, release: Release, work: Path, out: Path) -> Path:
    """The bundle as <stem>/ with README.md, LICENSE and share/, gzip-compressed."""
    stage = work / "tarball" / release.tarball_stem
    if stage.parent.exists():
        shutil.rmtree(stage.parent)
    shutil.copytree(bundle, stage, symlinks=True)
    shutil.copytree(share, stage / "share")
    readme = Template((LINUX / "README.bundle.md").read_text(encoding="utf-8")).substitute(
        version=release.version, machine=release.machine, apt_packages=" ".join(apt_packages())
    )
    (stage / "README.md").write_text(readme, encoding="utf-8")
    shutil.copyfile(REPO_ROOT / "LICENSE", stage / "LICENSE")
    _normalise_modes(stage)
    target = out / f"{release.tarball_stem}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as archive:
        archive.add(stage, arcname=release.tarball_stem, filter=_reset_tarinfo)
    return target


def _installed_size_kib(root: Path) -> int:
    total = sum(p.lstat().st_size for p in root.rglob("*") if p.is_file() or p.is_symlink())
    return (total + 1023) // 1024


def write_deb(bundle: Path, share: Path, release: Release, work: Path, out: Path) -> Path:
    """A .deb built with dpkg-deb from a staged root; no maintainer scripts.

    zstd, not xz: 3 s instead of 100 s here for 67 instead of 52 MB, and every system the bundle
    runs on (glibc 2.36: Debian 12, Ubuntu 23.04 and newer) has a dpkg that reads it.
    """
    root = work / "deb-root"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(bundle, root / INSTALL_DIR, symlinks=True)
    usr = root / "usr"
    (usr / "bin").mkdir(parents=True)
    shutil.copyfile(LINUX / "backcare-launcher.sh", usr / "bin" / COMMAND)
    shutil.copytree(share, usr / "share")
    doc = usr / "share" / "doc" / APP_SLUG
    doc.mkdir(parents=True)
    shutil.copyfile(LINUX / "copyright", doc / "copyright")
    _normalise_modes(root)
    (usr / "bin" / COMMAND).chmod(0o755)

    depends = debian_depends()
    floor = glibc_floor(bundle)
    depends.insert(0, f"libc6 (>= {floor})" if floor else "libc6")
    control_dir = root / "DEBIAN"
    control_dir.mkdir()
    control = Template((LINUX / "debian-control").read_text(encoding="utf-8")).substitute(
        package=APP_SLUG,
        version=release.deb_version,
        architecture=release.deb_arch,
        installed_size=_installed_size_kib(root),
        depends=", ".join(depends),
    )
    (control_dir / "control").write_text(control, encoding="utf-8")
    sums = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and control_dir not in p.parents):
        digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
        sums.append(f"{digest}  {path.relative_to(root).as_posix()}\n")
    (control_dir / "md5sums").write_text("".join(sums), encoding="utf-8")
    _normalise_modes(control_dir)

    target = out / release.deb_name
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zzstd", "-z6", "--build", str(root), str(target)],
        check=True,
    )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build BackCare Desktop's Linux packages.")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "dist")
    parser.add_argument("--work", type=Path, default=REPO_ROOT / "build" / "dist")
    parser.add_argument("--no-python-dists", action="store_true", help="skip sdist and wheel")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    work: Path = args.work.resolve()
    out.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    release = current_release()
    started = time.perf_counter()
    timings: dict[str, float] = {}
    products: list[Path] = []

    if not args.no_python_dists:
        t = _step("sdist and wheel")
        products += build_python_dists(out)
        timings["sdist + wheel"] = time.perf_counter() - t
    t = _step(f"PyInstaller bundle of {APP_NAME} {release.version}")
    bundle = build_bundle(work)
    timings["bundle"] = time.perf_counter() - t
    t = _step("icons, .desktop file and AppStream metainfo")
    share = build_share_tree(work)
    timings["desktop files"] = time.perf_counter() - t
    t = _step("tarball")
    products.append(write_tarball(bundle, share, release, work, out))
    timings["tarball"] = time.perf_counter() - t
    if shutil.which("dpkg-deb"):
        t = _step(".deb")
        products.append(write_deb(bundle, share, release, work, out))
        timings[".deb"] = time.perf_counter() - t
    else:
        print("    note: dpkg-deb is not installed, so no .deb was built", flush=True)

    bundle_mib = sum(p.lstat().st_size for p in bundle.rglob("*")) / 2**20
    print(f"\nbundle: {bundle} ({bundle_mib:.0f} MiB)")
    for product in products:
        print(f"  {product.name}  {product.stat().st_size / 2**20:.1f} MiB")
    steps = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in timings.items())
    print(f"built in {time.perf_counter() - started:.0f} s ({steps})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
