"""Python's cycle collector, kept out of the frames the person sees.

A full collection walks every object the process holds, with the interpreter lock held, on
whichever thread happened to tip it over. Once the window and its pages are built that is
some 80,000 objects (widget wrappers, modules, the routine library): 20–40 ms in which the GUI
thread cannot run, two frames or more. The job runner reading ten years of journal makes
enough new objects to set one off, so opening Progress stuttered at random (measured in
tests/benchmarks/gui_stall.py: single stalls of 16–66 ms, all inside the worker's collection).

What start-up built lives as long as the app, so walking it again finds nothing to free.
`keep_startup_objects`, called once start-up is done, clears start-up's own garbage with one
collection and then moves the survivors out of the collector's sight (`gc.freeze`); a full
collection afterwards walks only what was made since: ~2 ms with a journal read in memory.
An object start-up made is still freed when its last reference goes; only a reference cycle
among them would now outlive its use, and start-up's objects are kept for the whole run.

The sound engine is opened later, on first use; pygame and what it imports (in a checkout with
numpy installed, some 20,000 objects) last as long as the app too: `keep_lasting_objects`
leaves them out the same way, but without a collection first (a full walk then would be the
very stall this avoids; the few unreachable cycles it may keep are small).
"""

from __future__ import annotations

import gc
import logging
import time

log = logging.getLogger(__name__)


def keep_startup_objects() -> None:
    """Collect start-up's garbage once, then leave what survived out of later collections."""
    started = time.perf_counter()
    gc.collect()
    gc.freeze()
    log.debug(
        "collector: %d start-up objects kept out of later collections (%.0f ms)",
        gc.get_freeze_count(),
        (time.perf_counter() - started) * 1000,
    )


def keep_lasting_objects() -> None:
    """Leave what exists now out of later collections (after a burst of lasting imports)."""
    gc.freeze()
