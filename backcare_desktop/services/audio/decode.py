"""Decoding a soundscape's layers in a helper process, so SDL's audio thread never waits.

SDL_mixer holds the audio device's lock while it decodes a file into memory
(pygame.mixer.Sound): measured on SDL's disk driver, 0.05 s of output was written during a 1–2 s
decode, with no chunk ending and the GIL free. Decoding a minute-long layer mid-session would
stop every chime and the music for that long. So layers are decoded by pygame in a separate
process (spawned, never forked: the app has threads) whose mixer runs on SDL's `dummy` driver
in the same format as the app's device, and the raw samples come back through a pipe.

Costs a process start (~0.3 s, the pygame import included) once per soundscape chosen; the
decoding itself (~0.1 s of CPU per minute of stereo) is the same as in-process. The frozen
build's entry point calls multiprocessing.freeze_support() so the spawned helper starts there.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path

logger = logging.getLogger(__name__)
HELPER_TIMEOUT_S = 120.0
DeviceFormat = tuple[int, int, int]
"""(frequency, sample format, channels) as pygame.mixer.get_init() reports the open device."""
Decoded = tuple[dict[Path, bytes], set[Path]]
"""The samples of each file that decoded, and the files that did not."""
Decoder = Callable[[Sequence[Path], DeviceFormat], Decoded]


def _decode_in_helper(out: Connection, paths: Sequence[str], device: DeviceFormat) -> None:
    """The helper process: decode each file to the device's format, send it back in order."""
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    try:
        import pygame

        frequency, size, channels = device
        pygame.mixer.init(frequency=frequency, size=size, channels=channels)
    except Exception as error:  # pygame broken here: every file fails with the reason
        for _ in paths:
            out.send(str(error) or type(error).__name__)
        return
    for path in paths:
        try:
            raw = pygame.mixer.Sound(path).get_raw()
        except Exception as error:
            out.send(str(error) or type(error).__name__)
            continue
        out.send("")
        out.send_bytes(raw)
    out.close()


def decode(paths: Sequence[Path], device: DeviceFormat) -> Decoded:
    """The decoded samples of each file that decoded, and the files that did not (logged).

    Blocks for the helper's start and the decoding: call it on the sound worker.
    """
    if not paths:
        return {}, set()
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    helper = context.Process(
        target=_decode_in_helper,
        args=(send, [str(p) for p in paths], device),
        name="backcare-audio-decode",
        daemon=True,
    )
    loaded: dict[Path, bytes] = {}
    broken: set[Path] = set()
    try:
        helper.start()
        send.close()
        for path in paths:
            if not receive.poll(HELPER_TIMEOUT_S):
                raise TimeoutError(f"no answer within {HELPER_TIMEOUT_S:.0f} s")
            problem = receive.recv()
            if problem:
                logger.warning("Music %s skipped: %s", path, problem)
                broken.add(path)
            else:
                loaded[path] = receive.recv_bytes()
    except (OSError, EOFError, TimeoutError) as error:
        logger.warning("Music could not be decoded: %s", error)
        broken.update(p for p in paths if p not in loaded)
    finally:
        receive.close()
        helper.join(timeout=5)
        if helper.is_alive():
            helper.kill()
    return loaded, broken
