"""Where BackCare keeps the user's config, data and logs.

platformdirs gives each OS its usual folders; one override (`--home DIR` or the environment
variable BACKCARE_HOME) puts everything under a single folder, which tests and screenshot
scripts use so they never touch the real user's files.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import NamedTuple

import platformdirs

from backcare_desktop import APP_SLUG

HOME_ENV = "BACKCARE_HOME"


class AppPaths(NamedTuple):
    """The app's folders; `ensure()` creates them with private permissions."""

    config_dir: Path
    data_dir: Path
    log_dir: Path
    runtime_dir: Path

    @property
    def log_file(self) -> Path:
        return self.log_dir / "backcare.log"

    def ensure(self) -> AppPaths:
        for folder in (self.config_dir, self.data_dir, self.log_dir, self.runtime_dir):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self


def resolve_paths(home: str | os.PathLike[str] | None = None) -> AppPaths:
    """Folders for this run: the explicit home, else BACKCARE_HOME, else the platform's."""
    chosen = home if home is not None else os.environ.get(HOME_ENV) or None
    if chosen is not None:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(root / "config", root / "data", root / "logs", root / "run")
    with warnings.catch_warnings():
        # Without XDG_RUNTIME_DIR platformdirs falls back to a private /tmp folder, and says so
        # on the terminal: a line the person cannot act on (the fallback works).
        warnings.simplefilter("ignore")
        runtime_dir = platformdirs.user_runtime_dir(APP_SLUG, appauthor=False)
    return AppPaths(
        Path(platformdirs.user_config_dir(APP_SLUG, appauthor=False)),
        Path(platformdirs.user_data_dir(APP_SLUG, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_SLUG, appauthor=False)),
        Path(runtime_dir),
    )
