"""Layers decoded in the test process, once per file: the app decodes in a helper process
(services/audio/decode.py, tested on its own), which costs a process start per soundscape."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from backcare_desktop.services.audio.decode import Decoded, DeviceFormat

_decoded: dict[tuple[Path, DeviceFormat], bytes] = {}


def decode_here(paths: Sequence[Path], device: DeviceFormat) -> Decoded:
    import pygame

    loaded: dict[Path, bytes] = {}
    broken: set[Path] = set()
    for path in paths:
        if (path, device) not in _decoded:
            try:
                _decoded[(path, device)] = pygame.mixer.Sound(str(path)).get_raw()
            except Exception:
                broken.add(path)
                continue
        loaded[path] = _decoded[(path, device)]
    return loaded, broken
