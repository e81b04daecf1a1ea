"""`backcare --self-check`: can this installation run? A readable answer, without opening a window.

A packaged app fails in ways a source checkout never shows: an asset left out of the bundle, a
Qt plugin or system library missing, a data folder that cannot be written, no sound device. This
check walks through each of those in the order the app meets them, says plainly what it found,
and exits 0 when BackCare can run (1 when it cannot), so people who report a problem, the
packaging test and distribution packagers all get the same answer.

Sound is special: a computer without a sound device is normal, and BackCare then runs silent
sessions, so "sound unavailable" is reported but never makes the check fail.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TextIO

from backcare_desktop import APP_NAME, __version__
from backcare_desktop.paths import AppPaths

APP_ICON = "icons/backcare.svg"
_SOUND_PREFIX = "sound unavailable: "


class Outcome(Enum):
    """How one check went; only FAILED stops BackCare from running."""

    OK = "ok"
    NOTE = "note"
    FAILED = "FAILED"


@dataclass(frozen=True)
class CheckResult:
    """One line of the report: which part was checked, how it went, and what was found."""

    name: str
    outcome: Outcome
    detail: str


def check_assets() -> CheckResult:
    """The bundled routines, techniques and pictures are where the app looks and pass validation."""
    from backcare_desktop.core.content.fields import ContentError
    from backcare_desktop.core.content.loader import load_library
    from backcare_desktop.resources import MissingAssetError, assets_dir

    try:
        folder = assets_dir()
        library = load_library(folder)
        (folder / APP_ICON).stat()
    except (ContentError, MissingAssetError, OSError) as exc:
        return CheckResult("Built-in content", Outcome.FAILED, str(exc))
    return CheckResult(
        "Built-in content",
        Outcome.OK,
        f"{len(library.routines)} routines and {len(library.techniques)} techniques in {folder}",
    )


def check_writable(label: str, folder: Path) -> CheckResult:
    """A temporary file can be written to `folder` and removed again (settings, history)."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, name = tempfile.mkstemp(prefix=".self-check-", dir=folder)
        try:
            os.write(handle, b"BackCare self-check\n")
            os.fsync(handle)
        finally:
            os.close(handle)
            os.unlink(name)
    except OSError as exc:
        return CheckResult(label, Outcome.FAILED, f"cannot write to {folder}: {exc}")
    return CheckResult(label, Outcome.OK, f"can save to {folder}")


def check_sound() -> CheckResult:
    """The sound device opens, or the reason it does not (sessions then run silently)."""
    try:
        from backcare_desktop.core.clock import SystemClock
        from backcare_desktop.resources import assets_dir
        from backcare_desktop.services.audio.player import open_audio
    except ImportError as exc:
        return CheckResult("Sound", Outcome.NOTE, f"not checked ({exc})")
    try:
        player = open_audio(assets_dir(), SystemClock(), probe=True)
    except Exception as exc:  # open_audio promises not to raise; a report beats a traceback
        return CheckResult("Sound", Outcome.NOTE, f"unavailable ({exc}); sessions run silently")
    try:
        if player.available:
            return CheckResult("Sound", Outcome.OK, "the sound device opens")
        reason = player.status
        if reason.lower().startswith(_SOUND_PREFIX):
            reason = reason[len(_SOUND_PREFIX) :]
        return CheckResult("Sound", Outcome.NOTE, f"unavailable: {reason}; sessions run silently")
    finally:
        player.release()


def check_qt() -> CheckResult:
    """Qt's libraries load, an (offscreen) QApplication starts and the SVG icon renders.

    Offscreen, so the check never opens a window and never aborts the process when no display
    is reachable; the missing-library errors that stop a real start show up here as well.
    """
    try:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import QByteArray, QSize
        from PySide6.QtGui import QImage, QPainter
        from PySide6.QtSvg import QSvgRenderer
        from PySide6.QtWidgets import QApplication

        from backcare_desktop.resources import asset_path
    except ImportError as exc:
        return CheckResult("Qt", Outcome.FAILED, f"Qt could not be loaded: {exc}")
    existing = QApplication.instance()
    # `-platform` on the command line wins over QT_QPA_PLATFORM, so a user's setting is no risk.
    _app = existing or QApplication([sys.argv[0], "-platform", "offscreen"])  # kept alive
    platform = QApplication.platformName()
    try:
        renderer = QSvgRenderer(QByteArray(asset_path(APP_ICON).read_bytes()))
    except OSError as exc:
        return CheckResult("Qt", Outcome.FAILED, f"the app icon could not be read: {exc}")
    if not renderer.isValid():
        return CheckResult("Qt", Outcome.FAILED, "Qt could not read the app icon (SVG)")
    image = QImage(QSize(32, 32), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    if image.pixelColor(16, 16).alpha() == 0:
        return CheckResult("Qt", Outcome.FAILED, "the app icon rendered empty")
    return CheckResult(
        "Qt", Outcome.OK, f"PySide6 {pyside_version} starts ({platform}), icons draw"
    )


def checks(paths: AppPaths) -> Sequence[tuple[str, Callable[[], CheckResult]]]:
    """Every check, named, in the order the app meets them at start-up."""
    return (
        ("Built-in content", check_assets),
        ("Settings folder", lambda: check_writable("Settings folder", paths.config_dir)),
        ("History folder", lambda: check_writable("History folder", paths.data_dir)),
        ("Sound", check_sound),
        ("Qt", check_qt),
    )


def report(results: Sequence[CheckResult]) -> str:
    """The human-readable report, one line per check and a closing verdict."""
    width = max(len(result.name) for result in results)
    lines = [f"{APP_NAME} {__version__} self-check"]
    for result in results:
        lines.append(f"  [{result.outcome.value:^6}] {result.name:<{width}}  {result.detail}")
    failed = [result.name for result in results if result.outcome is Outcome.FAILED]
    if failed:
        lines.append(
            f"{len(failed)} of {len(results)} checks failed ({', '.join(failed)}): "
            "BackCare cannot run properly here. The lines above say what to fix."
        )
    else:
        lines.append("All is well: BackCare is ready to run.")
    return "\n".join(lines)


def run(paths: AppPaths, out: TextIO | None = None) -> int:
    """Run every check, print the report, and return the exit status (0 all fine, 1 a failure)."""
    results: list[CheckResult] = []
    for name, check in checks(paths):
        try:
            results.append(check())
        except Exception as exc:  # one broken check must not hide the others
            results.append(CheckResult(name, Outcome.FAILED, f"{type(exc).__name__}: {exc}"))
    print(report(results), file=out if out is not None else sys.stdout, flush=True)
    return 1 if any(result.outcome is Outcome.FAILED for result in results) else 0
