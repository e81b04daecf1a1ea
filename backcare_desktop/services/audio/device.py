"""Opening the sound device quietly: SDL's probing must not fill the terminal with ALSA errors.

With no sound card, SDL tries its drivers in turn and ALSA's library prints a screen of
"ALSA lib confmisc.c:855:(parse_card) cannot find card '0'" lines straight to file descriptor 2
(shared/PLATFORM_NOTES.md) before pygame raises. Those lines say nothing the person can act on:
the app says "Sound unavailable: …" in Settings and logs one line. So while the mixer opens,
fd 2 points at a scratch file; afterwards anything that is not ALSA's probing noise (a Qt
warning from another thread, say) is written back to the real stderr, and the count of silenced
lines goes to the log once.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from backcare_desktop.services.audio.device_hold import Releasable, close_at_exit

if TYPE_CHECKING:
    from types import ModuleType

    from backcare_desktop.services.audio.player import MixerSettings

logger = logging.getLogger(__name__)
T = TypeVar("T")
PROBE_NOISE = ("ALSA lib ", "Cannot connect to server socket", "jack server")


def without_probe_noise(action: Callable[[], T]) -> T:
    """Run `action` with fd 2 caught; hand back what was not probing noise; log the rest once."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no usable stderr at all: nothing to protect
        return action()
    with tempfile.TemporaryFile() as scratch:
        os.dup2(scratch.fileno(), 2)
        try:
            return action()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            scratch.seek(0)
            _replay(scratch.read().decode("utf-8", "replace"))


def _replay(text: str) -> None:
    lines = text.splitlines()
    noise = [line for line in lines if line.startswith(PROBE_NOISE)]
    rest = [line for line in lines if not line.startswith(PROBE_NOISE)]
    if noise:
        logger.info(
            "Sound: the audio system's probing printed %d lines (first: %s); kept off the terminal",
            len(noise),
            noise[0],
        )
    if rest:
        os.write(2, ("\n".join(rest) + "\n").encode("utf-8", "replace"))


def open_mixer(
    pygame: ModuleType, settings: MixerSettings, owner: Releasable | None = None
) -> None:
    """pygame.mixer.init with the app's format, channel count and reserved music channels.
    `owner` is released at interpreter exit if it still holds the device, before pygame, now
    imported, quits SDL (device_hold.close_at_exit)."""
    if owner is not None:
        close_at_exit(owner)
    without_probe_noise(
        lambda: pygame.mixer.init(
            frequency=settings.frequency,
            size=settings.size,
            channels=settings.channels,
            buffer=settings.buffer,
        )
    )
    pygame.mixer.set_num_channels(settings.mixing_channels)
    pygame.mixer.set_reserved(settings.music_channels)
