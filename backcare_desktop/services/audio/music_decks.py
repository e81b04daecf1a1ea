"""Which music is in the mixer: the piece playing, the ones fading out, what comes next.

PygameAudio owns one `MusicDecks` and calls it under its state lock, only while the device is
open (except the decoding, which runs outside that lock). It decides from the person's choice
and the session's state what should sound, and starts the new piece silent: a crossfade is the
old piece's fader falling (cos) while the new one's rises (sin), so the summed power stays level
and there is no gap. Bundled soundscapes go through the Mixdown, fed chunk by chunk to one
reserved mixer channel; the person's own files play on SDL's music stream (music.py).

Decoded layers, and the soundscape itself with each loop's place, stay while a session lasts,
so a resume after a long pause (the device closed meanwhile) carries on where it stopped.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from backcare_desktop.services.audio.library import MUSIC_OFF, OWN_FOLDER, SoundLibrary, Track
from backcare_desktop.services.audio.mixdown import LoopVoice, Mixdown, Soundscape
from backcare_desktop.services.audio.music import VOLUME_STEPS, Playlist, StreamDeck
from backcare_desktop.services.audio.player import (
    CROSSFADE_S,
    MUSIC_FADE_IN_S,
    MUSIC_FADE_OUT_STOP_S,
    RESUME_FADE_S,
    SoundSettings,
)
from backcare_desktop.services.audio.ramps import Curve, Fader

if TYPE_CHECKING:
    from types import ModuleType

logger = logging.getLogger(__name__)
MIX_CHANNEL = 0  # reserved: Sound.play() never takes it for a chime


class MusicDecks:
    """The music in play and the decoded layers it is mixed from."""

    def __init__(self, library: SoundLibrary, level: float) -> None:
        self._library = library
        self.mixdown = Mixdown(level)
        self.stream_level = Fader(level)
        self.current: Soundscape | StreamDeck | None = None
        self.fading_stream: StreamDeck | None = None
        self.fade_in_s = MUSIC_FADE_IN_S
        self.playlist = Playlist()
        self._layers: dict[Path, bytes] = {}
        self._broken: set[Path] = set()
        self._layers_format: object = None
        self._stream_held = False

    @property
    def now_playing(self) -> Path | None:
        """The music rising or sounding: the first layer of a soundscape, or the own file."""
        current = self.current
        if isinstance(current, StreamDeck):
            return current.now_playing
        track = self._library.track(current.key) if current is not None else None
        return track.layers[0].path if track is not None else None

    def gain(self, pygame: ModuleType) -> float:
        """The gain the current music plays at (for diagnostics and tests)."""
        current = self.current
        if isinstance(current, StreamDeck):
            return float(pygame.mixer.music.get_volume())
        if current is None:
            return 0.0
        return self.mixdown.gain(current, self.mixdown.horizon)

    def opened(self, device_format: object) -> None:
        """The device opened: decoded layers are kept only if its format is the same."""
        if device_format != self._layers_format:
            self._layers, self._layers_format = {}, device_format
            self.mixdown.scapes = []
            if isinstance(self.current, Soundscape):
                self.current = None

    def closed(self, *, keep: bool) -> None:
        """The device closed: the stream notes its place; a paused soundscape is kept."""
        if isinstance(self.current, StreamDeck):
            if not self._stream_held:
                self.current.note_position()
            self.current = None
        self.fading_stream, self._stream_held = None, False
        if not keep:
            self.current, self.mixdown.scapes, self._layers = None, [], {}
        else:
            self.mixdown.scapes = [s for s in self.mixdown.scapes if s is self.current]

    # -- what should play --------------------------------------------------------------------

    def _candidates(self, settings: SoundSettings) -> list[Track]:
        """Bundled soundscapes to try for the music chosen: the choice, then the default."""
        chosen = self._library.track(settings.music)
        return [t for t in (chosen, self._library.default_track) if t is not None]

    def wanted(self, settings: SoundSettings) -> str | None:
        """What should be playing: a track id, OWN_FOLDER, or None for no music."""
        if settings.music == MUSIC_OFF:
            return None
        if settings.music == OWN_FOLDER and self.playlist.tracks:
            return OWN_FOLDER
        for track in self._candidates(settings):
            if not any(layer.path in self._broken for layer in track.layers):
                return track.id
        return None

    def missing_layers(self, key: str | None) -> list[Path]:
        track = self._library.track(key) if key else None
        if track is None:
            return []
        return [layer.path for layer in track.layers if layer.path not in self._layers]

    def add_layers(self, loaded: dict[Path, bytes], broken: set[Path]) -> None:
        self._layers.update(loaded)
        self._broken |= broken

    # -- gains -------------------------------------------------------------------------------

    def set_level(self, target: float, seconds: float, now: float) -> None:
        self.mixdown.glide(self.mixdown.level, target, seconds, Curve.SMOOTH)
        self.stream_level.glide(target, seconds, now, Curve.SMOOTH)

    def settle_level(self, value: float) -> None:
        self.mixdown.level.settle(value)
        self.stream_level.settle(value)

    def moving(self, now: float) -> bool:
        streams = [d for d in (self.current, self.fading_stream) if isinstance(d, StreamDeck)]
        return (
            self.mixdown.moving()
            or self.stream_level.moving(now)
            or any(stream.fader.moving(now) for stream in streams)
        )

    # -- moving between pieces ---------------------------------------------------------------

    def _fade(
        self,
        piece: Soundscape | StreamDeck,
        target: float,
        seconds: float,
        curve: Curve,
        now: float,
    ) -> None:
        if isinstance(piece, Soundscape):
            self.mixdown.glide(piece.fader, target, seconds, curve)
        else:
            piece.fader.glide(target, seconds, now, curve)

    def sync(self, pygame: ModuleType, key: str | None, now: float) -> bool:
        """Start, crossfade to or fade out the music so that `key` plays; True if a fader moved.
        A soundscape not decoded yet is left for the next call (after prepare() decoded it)."""
        current = self.current
        if current is not None and current.key == key:
            return False
        new = self._make(pygame, key) if key is not None else None
        if key is not None and new is None and key != OWN_FOLDER:
            return False
        if current is not None:
            fall = (CROSSFADE_S, Curve.FALL) if new else (MUSIC_FADE_OUT_STOP_S, Curve.SMOOTH)
            seconds, curve = fall
            self._retire(current, seconds, curve, now)
        self.current = new
        if new is not None:
            if current is not None:
                self._fade(new, 1.0, CROSSFADE_S, Curve.RISE, now)
            else:
                self._fade(new, 1.0, self.fade_in_s, Curve.SMOOTH, now)
        self.fade_in_s = CROSSFADE_S
        return True

    def _retire(
        self, piece: Soundscape | StreamDeck, seconds: float, curve: Curve, now: float
    ) -> None:
        if isinstance(piece, StreamDeck):
            if self._stream_held:
                piece.carry_on()
                self._stream_held = False
            self.fading_stream = piece
        self._fade(piece, 0.0, seconds, curve, now)
        if piece is self.current:
            self.current = None

    def fade_out(self, seconds: float, now: float) -> None:
        if self.current is not None:
            self._retire(self.current, seconds, Curve.SMOOTH, now)

    def pause(self, seconds: float, now: float) -> None:
        if self.current is not None:
            self._fade(self.current, 0.0, seconds, Curve.SMOOTH, now)

    def resume(self, key: str | None, now: float) -> None:
        """Turn the pause fade round where it stands (if the same music is still wanted)."""
        self.fade_in_s = RESUME_FADE_S
        current = self.current
        if current is None or current.key != key:
            return
        if isinstance(current, StreamDeck) and self._stream_held:
            current.carry_on()
            self._stream_held = False
        if isinstance(current, Soundscape) and current not in self.mixdown.scapes:
            self.mixdown.scapes.append(current)  # kept through a device close
        self._fade(current, 1.0, RESUME_FADE_S, Curve.SMOOTH, now)

    # -- feeding the mixer -------------------------------------------------------------------

    def apply(self, pygame: ModuleType, now: float, *, paused: bool) -> bool:
        """Set the stream's volume, queue the next chunk of the mix; True while there is more
        to do (a glide, or a mix to keep fed)."""
        level = self.stream_level.value(now)
        for stream in (self.current, self.fading_stream):
            if isinstance(stream, StreamDeck):
                stream.apply(level * stream.fader.value(now))
        fading = self.fading_stream
        if fading is not None and not fading.fader.moving(now):
            fading.stop()
            self.fading_stream = None
        current = self.current
        held = self._stream_held
        if (
            paused
            and isinstance(current, StreamDeck)
            and not held
            and not current.fader.moving(now)
        ):
            current.hold()
            self._stream_held = True
        return self._feed(pygame) or self.moving(now)

    def _feed(self, pygame: ModuleType) -> bool:
        """Queue the mix's next chunk when the channel has room; True while it plays on."""
        if not self.mixdown.audible():
            return False
        channel = pygame.mixer.Channel(MIX_CHANNEL)
        if channel.get_queue() is not None:
            return True  # the next chunk waits (pygame hands it on when the playing one ends)
        if not channel.get_busy():  # starting (or the machine stalled us past a whole chunk)
            channel.set_volume(1.0)
            channel.play(pygame.mixer.Sound(buffer=self.mixdown.render()))
        channel.queue(pygame.mixer.Sound(buffer=self.mixdown.render()))
        return True

    def keep_going(self) -> None:
        if isinstance(self.current, StreamDeck) and not self._stream_held:
            self.current.keep_going()

    # -- making a piece ----------------------------------------------------------------------

    def _make(self, pygame: ModuleType, key: str) -> Soundscape | StreamDeck | None:
        """The piece for `key`, started silent; None while its layers are not decoded yet."""
        if key == OWN_FOLDER:
            for stream in (self.current, self.fading_stream):
                if isinstance(stream, StreamDeck):  # one stream only: it cannot cross itself
                    stream.stop()
            self.fading_stream = None
            stream = StreamDeck(key, pygame, self.playlist)
            return stream if stream.start() else None
        track = self._library.track(key)
        layers = track.layers if track is not None else ()
        if not layers or any(layer.path not in self._layers for layer in layers):
            return None
        voices = [LoopVoice(self._layers[layer.path], layer.gain) for layer in layers]
        scape = Soundscape(key, voices)
        self.mixdown.scapes.append(scape)
        return scape


__all__ = ["MIX_CHANNEL", "VOLUME_STEPS", "MusicDecks"]
