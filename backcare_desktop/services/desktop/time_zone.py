"""The person's time zone, read at the edge (core only ever receives a tzinfo).

`tzlocal` knows the places a zone hides ($TZ, /etc/localtime, /etc/timezone, the Windows
registry). A zone that cannot be read or used (say `TZ='XXX+99:99'`, an offset no clock can
have) must not stop BackCare: reminders then run on UTC, the person is told once, and the
process's own C-library zone is set to UTC too, so nothing else trips over the same value.
"""

from __future__ import annotations

import logging
import os
import time
import warnings
from datetime import UTC, datetime, tzinfo
from typing import NamedTuple

log = logging.getLogger(__name__)


class LocalZone(NamedTuple):
    """The zone to use, and the setting that could not be used when it is the UTC fallback."""

    zone: tzinfo
    unusable: str | None = None

    @property
    def problem(self) -> str | None:
        """The fallback in plain words (the GUI says the same through its translations)."""
        if self.unusable is None:
            return None
        return (
            f"The time zone '{self.unusable}' could not be understood, so BackCare uses UTC "
            "for reminders until it is fixed."
        )


def read_local_zone(*, reread: bool = False) -> LocalZone:
    """The machine's zone (`reread` after a change of zone); UTC with a reason when unusable."""
    import tzlocal  # ~1 ms; read once at start, and again only on a reminder's coarse tick

    setting = os.environ.get("TZ")
    try:
        with warnings.catch_warnings():  # tzlocal warns when /etc files disagree
            warnings.simplefilter("ignore")
            zone = tzlocal.reload_localzone() if reread else tzlocal.get_localzone()
        datetime.now(zone)  # a zone that reads but cannot give the time is no zone
        return LocalZone(zone)
    except (LookupError, ValueError, OSError, OverflowError) as error:
        log.info("no named time zone (TZ=%r): %s", setting, error)
    try:  # a POSIX rule such as 'EST+5' has no name, but the C library can use it
        fixed = datetime.now().astimezone().tzinfo
    except (ValueError, OverflowError) as error:
        log.warning("the time zone (TZ=%r) cannot be used, using UTC: %s", setting, error)
        _use_utc_in_this_process()
        return LocalZone(UTC, setting or "?")
    return LocalZone(fixed if fixed is not None else UTC)


def settle_process_zone() -> LocalZone | None:
    """At start, before any clock is read: if the C library cannot give a local time (a bogus
    TZ), switch this process to UTC and return the fallback; None when all is well. Costs no
    import, so the start does not pay for tzlocal (read_local_zone comes after the first paint).
    """
    setting = os.environ.get("TZ")
    try:
        datetime.now().astimezone()
    except (ValueError, OverflowError) as error:
        log.warning("the time zone (TZ=%r) cannot be used, using UTC: %s", setting, error)
        _use_utc_in_this_process()
        return LocalZone(UTC, setting or "?")
    return None


def _use_utc_in_this_process() -> None:
    os.environ["TZ"] = "UTC"
    if hasattr(time, "tzset"):
        time.tzset()
