"""`backcare --self-check`: a readable report, exit 0 when BackCare can run, 1 when it cannot."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from backcare_desktop.cli import self_check
from backcare_desktop.paths import resolve_paths
from backcare_desktop.resources import MissingAssetError
from backcare_desktop.services.audio import player as audio


def run_check(home: Path) -> tuple[int, str]:
    out = io.StringIO()
    status = self_check.run(resolve_paths(home), out=out)
    return status, out.getvalue()


def test_a_healthy_checkout_passes_every_check(isolated_home: Path) -> None:
    status, report = run_check(isolated_home)
    assert status == 0, report
    assert "All is well" in report
    for name in ("Built-in content", "Settings folder", "History folder", "Sound", "Qt"):
        assert name in report
    assert "FAILED" not in report


def test_the_report_names_the_routines_it_found(isolated_home: Path) -> None:
    _, report = run_check(isolated_home)
    assert "9 routines" in report


def test_a_folder_that_cannot_be_written_fails_the_check(isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "data").write_text("a file where the history folder should be")
    status, report = run_check(isolated_home)
    assert status == 1
    assert "[FAILED] History folder" in report
    assert "1 of 5 checks failed (History folder)" in report


def test_missing_assets_fail_the_check(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def nowhere() -> Path:
        raise MissingAssetError("BackCare's assets were not found (looked in: /nowhere)")

    monkeypatch.setattr("backcare_desktop.resources.assets_dir", nowhere)
    status, report = run_check(isolated_home)
    assert status == 1
    assert "[FAILED] Built-in content  BackCare's assets were not found" in report


def test_no_sound_device_is_reported_but_never_fails_the_check(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    silent = audio.NullAudio("no sound device could be opened (ALSA: no card)")
    monkeypatch.setattr(audio, "open_audio", lambda *args, **kwargs: silent)
    status, report = run_check(isolated_home)
    assert status == 0
    assert "unavailable: no sound device could be opened (ALSA: no card)" in report
    assert "sessions run silently" in report


def test_a_sound_engine_that_raises_is_reported_not_fatal(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> audio.AudioPlayer:
        raise RuntimeError("mixer exploded")

    monkeypatch.setattr(audio, "open_audio", broken)
    status, report = run_check(isolated_home)
    assert status == 0
    assert "mixer exploded" in report


def test_one_broken_check_does_not_hide_the_others(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode() -> self_check.CheckResult:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(self_check, "check_assets", explode)
    status, report = run_check(isolated_home)
    assert status == 1
    assert "[FAILED] Built-in content  RuntimeError: unexpected" in report
    assert "[  ok  ] Qt" in report


def test_the_command_line_option_runs_the_check_without_a_window(isolated_home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "backcare_desktop", "--self-check", "--home", str(isolated_home)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("BackCare Desktop ")
    assert "All is well" in result.stdout
