"""Save latency of the stores, empty versus ten years of daily sessions (3,650 records).

Run:  .venv-dev/bin/python tests/benchmarks/store.py [--runs 200]

Prints the median (and 90th percentile) time of one settings save and one journal add in an
empty data folder and in one holding 3,650 sessions, with their ratio. Target: median ≤ 10 ms.

The app-start half of the benchmark needs the app: `prepare_home(home, sessions)` builds a
`--home` folder with a seeded journal, and `app_start_seconds` is the slot the lead fills in
(see the marked section); `main` prints it when it is implemented.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from backcare_desktop.core.journal import SessionRecord
from backcare_desktop.core.settings.preferences import Preferences, load_defaults
from backcare_desktop.paths import resolve_paths
from backcare_desktop.storage.journal_store import JournalStore
from backcare_desktop.storage.store import PreferencesStore

TEN_YEARS = 3650
TARGET_MS = 10.0
ZONE = ZoneInfo("Europe/Berlin")
LAST_DAY = datetime(2025, 12, 31, 8, 0, tzinfo=ZONE)
DEFAULTS_FILE = Path(__file__).resolve().parents[2] / "assets" / "preferences_defaults.json"


def daily_sessions(count: int, last: datetime = LAST_DAY) -> list[SessionRecord]:
    """`count` daily sessions ending on `last`, varied like real ones."""
    records = []
    for number in range(count):
        started = last - timedelta(days=count - 1 - number)
        records.append(
            SessionRecord(
                id=f"seed-{number}",
                routine_id="daily_back_reset",
                routine_name="Daily back reset",
                started_at=started,
                planned_seconds=720,
                completed_seconds=720 - (number * 37) % 300,
                steps_done=9 - number % 3,
                steps_skipped=number % 3,
                oil=("lavender", "marjoram", None)[number % 3],
                tension_before=4 + number % 5,
                tension_after=2 + number % 3,
                completed=number % 7 != 0,
            )
        )
    return records


def prepare_home(home: Path, sessions: int, last: datetime = LAST_DAY) -> Path:
    """A `--home` folder whose journal holds `sessions` daily sessions, the last on `last`;
    returns its data dir."""
    paths = resolve_paths(home).ensure()
    if sessions:
        JournalStore.in_data_dir(paths).add_many(daily_sessions(sessions, last))
    return paths.data_dir


def _median_ms(action: Callable[[int], None], runs: int) -> tuple[float, float]:
    times = []
    for run in range(runs):
        start = time.perf_counter()
        action(run)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1]


def load_ms(data_dir: Path, defaults: Preferences, runs: int = 5) -> tuple[float, float]:
    """Median time to load the settings and to load the whole journal (fresh stores)."""
    settings = _median_ms(
        lambda _: PreferencesStore(data_dir / "preferences.json", defaults).load(), runs
    )
    journal = _median_ms(lambda _: JournalStore(data_dir).load(), runs)
    return settings[0], journal[0]


@dataclass(frozen=True)
class SaveLatency:
    settings_ms: tuple[float, float]  # (median, p90)
    journal_ms: tuple[float, float]


def measure_saves(data_dir: Path, defaults: Preferences, runs: int) -> SaveLatency:
    """Time `runs` settings saves and `runs` journal adds, each in its own new session."""
    settings = PreferencesStore(data_dir / "preferences.json", defaults)
    settings.load()
    journal = JournalStore(data_dir)
    journal.load()
    themes = ("light", "dark", "dim", "system")
    settings_ms = _median_ms(
        lambda run: settings.apply(lambda p: p.with_changes(theme=themes[run % 4])), runs
    )
    extra = daily_sessions(runs, LAST_DAY + timedelta(minutes=30))
    # The new sessions go into 2025, the fullest year file (365 sessions when seeded).
    journal_ms = _median_ms(lambda run: journal.add(replace(extra[run], id=f"new-{run}")), runs)
    return SaveLatency(settings_ms, journal_ms)


def app_start_medians(homes: list[Path], runs: int = 10) -> list[float]:
    """Median seconds from launch to first paint for each home, runs interleaved."""
    from startup import launch  # the same first-paint measurement as the start-up benchmark

    report = homes[0].parent / "first-paint"
    times: list[list[float]] = [[] for _ in homes]
    for round_ in range(runs + 1):
        for i, home in enumerate(homes):
            env = dict(
                os.environ,
                QT_QPA_PLATFORM="offscreen",
                BACKCARE_HOME=str(home),
                BACKCARE_QUIT_AFTER_FIRST_PAINT=str(report),
            )
            painted, _whole = launch([sys.executable, "-m", "backcare_desktop"], env, report)
            if round_:  # the first round only warms the file cache
                times[i].append(painted)
    return [statistics.median(t) for t in times]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    defaults = load_defaults(DEFAULTS_FILE)
    with tempfile.TemporaryDirectory() as scratch:
        empty_home, full_home = Path(scratch) / "empty", Path(scratch) / "full"
        empty = measure_saves(prepare_home(empty_home, 0), defaults, args.runs)
        full = measure_saves(prepare_home(full_home, TEN_YEARS), defaults, args.runs)
        print(f"Store save latency, median (p90) of {args.runs} saves, in ms")
        print(f"{'':16}{'empty':>16}{'3,650 sessions':>18}{'ratio':>8}")
        ok = True
        for label, before, after in (
            ("settings save", empty.settings_ms, full.settings_ms),
            ("journal add", empty.journal_ms, full.journal_ms),
        ):
            ratio = after[0] / before[0]
            print(
                f"{label:16}{before[0]:>9.2f} ({before[1]:5.2f}){after[0]:>11.2f} "
                f"({after[1]:5.2f}){ratio:>8.2f}"
            )
            ok = ok and max(before[0], after[0]) <= TARGET_MS
        print(f"target: median ≤ {TARGET_MS:g} ms -> {'met' if ok else 'NOT met'}")
        for label, home in (("empty", empty_home), ("3,650 sessions", full_home)):
            settings_load, journal_load = load_ms(resolve_paths(home).data_dir, defaults)
            print(
                f"load ({label}): settings {settings_load:.2f} ms, "
                f"whole journal {journal_load:.2f} ms"
            )
        start_empty, start_full = app_start_medians([empty_home, full_home])
        print(
            f"app start to first paint: empty {start_empty * 1000:.0f} ms, "
            f"3,650 sessions {start_full * 1000:.0f} ms, "
            f"ratio {start_full / start_empty:.2f} (target <= 1.10)"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
