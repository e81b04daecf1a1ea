"""Which music decks are in the mixer: the one playing, the ones fading out, what comes next.

PygameAudio owns one `MusicDecks` and calls it under its state lock, only while the device is
open (except `load`, which decodes outside that lock). It decides from the person's choice and
the session's state what should sound, starts the new deck silent and lets the faders do the
rest: a crossfade is the old deck's fader falling (cos) while the new one's rises (sin), so the
summed power stays level and there is no gap. Decoded layers stay in memory while a session
lasts, so a resume after the device was closed for a long pause starts at once.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from backcare_desktop.services.audio.library import MUSIC_OFF, OWN_FOLDER, SoundLibrary, Track
from backcare_desktop.services.audio.music import Deck, LayerDeck, Playlist, StreamDeck
from backcare_desktop.services.audio.player import (
    CROSSFADE_S,
    LEVEL_GLIDE_S,
    MUSIC_FADE_IN_S,
    RESUME_FADE_S,
    SoundSettings,
)
from backcare_desktop.services.audio.ramps import Curve

if TYPE_CHECKING:
    from types import ModuleType

    from pygame.mixer import Sound

logger = logging.getLogger(__name__)


class MusicDecks:
    """The decks in the mixer and the decoded layers they play from."""

    def __init__(self, library: SoundLibrary, music_channels: int) -> None:
        self._library = library
        self._music_channels = music_channels
        self.current: Deck | None = None
        self.outgoing: list[Deck] = []
        self.held = False
        self.fade_in_s = MUSIC_FADE_IN_S
        self.playlist = Playlist()
        self._layers: dict[Path, Sound] = {}
        self._broken: set[Path] = set()
        self._layers_format: object = None

    @property
    def all(self) -> list[Deck]:
        return [self.current, *self.outgoing] if self.current else list(self.outgoing)

    @property
    def now_playing(self) -> Path | None:
        deck = self.current
        if isinstance(deck, StreamDeck):
            return deck.now_playing
        track = self._library.track(deck.key) if isinstance(deck, LayerDeck) else None
        return track.layers[0].path if track is not None else None

    def volume(self, pygame: ModuleType) -> float:
        """The mixer volume of the current deck (its first layer's channel), for tests."""
        deck = self.current
        if isinstance(deck, LayerDeck):
            return float(deck.channels[0].get_volume())
        if isinstance(deck, StreamDeck):
            return float(pygame.mixer.music.get_volume())
        return 0.0

    def opened(self, device_format: object) -> None:
        """The device opened: decoded layers are kept only if its format is the same."""
        if device_format != self._layers_format:
            self._layers, self._layers_format = {}, device_format

    def closed(self, *, keep_layers: bool) -> None:
        """The device closed: no deck plays any more (an own file notes where it stood)."""
        if isinstance(self.current, StreamDeck) and not self.held:
            self.current.note_position()
        self.current, self.outgoing, self.held = None, [], False
        if not keep_layers:
            self._layers = {}

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

    def add_layers(self, loaded: dict[Path, Sound], broken: set[Path]) -> None:
        self._layers.update(loaded)
        self._broken |= broken

    # -- moving between decks ----------------------------------------------------------------

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
            seconds, curve = (CROSSFADE_S, Curve.FALL) if new else (LEVEL_GLIDE_S, Curve.SMOOTH)
            self._retire(current, seconds, curve, now)
        self.current = new
        if new is not None:
            if current is not None:
                new.fader.glide(1.0, CROSSFADE_S, now, Curve.RISE)
            else:
                new.fader.glide(1.0, self.fade_in_s, now, Curve.SMOOTH)
        self.fade_in_s = CROSSFADE_S
        return True

    def _retire(self, deck: Deck, seconds: float, curve: Curve, now: float) -> None:
        if deck is self.current and self.held:
            deck.carry_on()
            self.held = False
        deck.fader.glide(0.0, seconds, now, curve)
        if deck is self.current:
            self.current = None
        self.outgoing.append(deck)

    def fade_out(self, seconds: float, now: float) -> None:
        if self.current is not None:
            self._retire(self.current, seconds, Curve.SMOOTH, now)

    def pause(self, seconds: float, now: float) -> None:
        if self.current is not None:
            self.current.fader.glide(0.0, seconds, now, Curve.SMOOTH)

    def resume(self, key: str | None, now: float) -> None:
        """Turn the pause fade round where it stands (if the same music is still wanted)."""
        self.fade_in_s = RESUME_FADE_S
        current = self.current
        if current is not None and current.key == key:
            if self.held:
                current.carry_on()
                self.held = False
            current.fader.glide(1.0, RESUME_FADE_S, now, Curve.SMOOTH)

    def apply(self, music: float, now: float, *, paused: bool) -> None:
        """Set every deck's volume for the music level now; stop decks that have faded out;
        hold the current one still once a pause has faded it to silence."""
        for deck in self.all:
            deck.apply(music * deck.fader.value(now))
        for deck in list(self.outgoing):
            if deck.fader.target == 0.0 and not deck.fader.moving(now):
                deck.stop()
                self.outgoing.remove(deck)
        current = self.current
        if paused and current is not None and not self.held and not current.fader.moving(now):
            current.hold()
            self.held = True

    def moving(self, now: float) -> bool:
        return bool(self.outgoing) or any(deck.fader.moving(now) for deck in self.all)

    def keep_going(self) -> None:
        if isinstance(self.current, StreamDeck):
            self.current.keep_going()

    # -- making a deck -----------------------------------------------------------------------

    def _make(self, pygame: ModuleType, key: str) -> Deck | None:
        """A deck for `key`, started silent; None while its layers are not decoded yet."""
        if key == OWN_FOLDER:
            for deck in self.all:
                if isinstance(deck, StreamDeck):  # one stream only: it cannot crossfade itself
                    deck.stop()
                    self._drop(deck)
            stream = StreamDeck(key, pygame, self.playlist)
            return stream if stream.start() else None
        track = self._library.track(key)
        layers = track.layers if track is not None else ()
        if not layers or any(layer.path not in self._layers for layer in layers):
            return None
        channels = self._free_channels(len(layers))
        voices = [
            (channel, self._layers[layer.path], layer.gain)
            for channel, layer in zip(channels, layers, strict=True)
        ]
        deck = LayerDeck(key, pygame, voices)
        deck.start()
        return deck

    def _drop(self, deck: Deck) -> None:
        if deck is self.current:
            self.current, self.held = None, False
        elif deck in self.outgoing:
            self.outgoing.remove(deck)

    def _free_channels(self, count: int) -> list[int]:
        """Reserved channels no deck uses; the oldest fading deck gives way if need be."""
        while True:
            used = {
                channel
                for deck in self.all
                if isinstance(deck, LayerDeck)
                for channel in deck.channel_ids
            }
            free = [c for c in range(self._music_channels) if c not in used]
            if len(free) >= count or not self.outgoing:
                return free[:count]
            self.outgoing.pop(0).stop()  # nearly silent by now: its fade has run longest
