"""Sound, breath cues and captions for guided sessions and "Just breathe".

Data flows one way. The session (through the Qt bridge) says what happened — a step began, a
pause, the end — and this controller turns that into sound-engine calls, breath cues and
captions; it never drives the session. Opening the engine lazily and off the GUI thread is
`EngineLink`'s job (gui/sound_engine.py); until it is open, or if it cannot work, nothing sounds
but everything else — the pacer, the captions, the session — runs the same.

Breath cues come from a timeline anchored at the breathing step's start instant (after a pause,
at the shifted start the session machine reports), fired by a precise timer armed for the next
phase boundary (gui/breath_cues.py): exact, no drift. The session page's pacer is handed the
very same timeline, so circle, captions and chimes cannot disagree. Captions always show, with
sound or without.
"""

from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Mapping
from enum import Enum

from PySide6.QtCore import QObject, Qt, QTimer, Signal, SignalInstance

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.session_controller import SessionController
from backcare_desktop.app.sound.breath_cues import BreathCueTimer
from backcare_desktop.app.sound.engine import EngineLink, Opener, sound_settings_for
from backcare_desktop.app.sound.jobs import Jobs
from backcare_desktop.app.translate import tr, translated
from backcare_desktop.core.breath_timeline import BreathingTimeline
from backcare_desktop.core.breathing import (
    BreathingPattern,
    Cue,
    PatternError,
    caption_for,
    load_patterns,
)
from backcare_desktop.core.clock import Clock
from backcare_desktop.core.session import SessionMachine, SessionSummary, StepStarted
from backcare_desktop.core.settings.preferences import Preferences
from backcare_desktop.resources import assets_dir
from backcare_desktop.services.audio.library import SoundLibrary
from backcare_desktop.services.audio.player import MUSIC_OFF, AudioPlayer, SoundSettings, Track

log = logging.getLogger(__name__)

LEAD_IN_S = 2.0
""""Just breathe" starts its first in-breath this long after Start: a moment to settle, and
time for the device to open so the first chime is heard."""
MUSIC_PREVIEW_MS = 5000
"""Settings' music test: the 3 s fade-in, a moment at full volume, then the stop fade."""
FALLBACK_PATTERN = BreathingPattern("resonance", "Resonance breathing", 5.5, 0, 5.5, 0)


class _Mode(Enum):
    IDLE = "idle"
    SESSION = "session"
    PRACTICE = "practice"


class SoundController(QObject):
    """Follows the session (and runs "Just breathe"): sound, breath cues, captions."""

    caption = Signal(str)
    """What the last session cue says, in words."""
    practiceCaption = Signal(str)
    """The same for "Just breathe"."""
    sessionBreathing = Signal(object)
    """The BreathingTimeline the session page's pacer follows (already shifted by pauses), or
    None. Declared `object`: PySide6 cannot declare an optional argument."""
    sessionBreathingPaused = Signal()
    practiceEnded = Signal(bool)
    """A "Just breathe" run ended: True when it ran its full time, False when stopped."""

    def __init__(
        self,
        preferences: PreferencesModel,
        clock: Clock,
        *,
        open_player: Opener | None = None,
        jobs: Jobs | None = None,
        library: SoundLibrary | None = None,
        patterns: Mapping[str, BreathingPattern] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.clock = clock
        library = library or SoundLibrary(assets_dir() / "audio")
        self._settings = sound_settings_for(preferences.value, library)
        self.engine = EngineLink(
            clock, library, self._settings, open_player=open_player, jobs=jobs, parent=self
        )
        self._patterns = dict(patterns) if patterns is not None else None
        self._mode = _Mode.IDLE
        self._run = 0  # bumped whenever a session, practice or preview begins or ends
        self._paused = False
        self._session: SessionController | None = None
        self._machine: SessionMachine | None = None
        self._pattern: BreathingPattern | None = None
        self._practice_until: float | None = None
        self._practice_music = False
        self.breath_cues = BreathCueTimer(clock, self)
        self.breath_cues.cue.connect(self._breath_cue)
        self._practice_end = QTimer(self)
        self._practice_end.setSingleShot(True)
        self._practice_end.setTimerType(Qt.TimerType.PreciseTimer)
        self._practice_end.timeout.connect(self.check_practice_end)
        self._music_preview = QTimer(self)
        self._music_preview.setSingleShot(True)
        self._music_preview.timeout.connect(self.end_music_preview)
        preferences.changed.connect(self._preferences_changed)

    # -- what others may ask -----------------------------------------------------------------

    @property
    def statusChanged(self) -> SignalInstance:
        """ "Sound unavailable: <reason>" once sound turns out not to work (once per reason)."""
        return self.engine.statusChanged

    @property
    def audio(self) -> AudioPlayer | None:
        return self.engine.audio

    @property
    def status(self) -> str:
        """Empty while sound works or is not yet known, else "Sound unavailable: <reason>"."""
        return self.engine.status

    @property
    def settings(self) -> SoundSettings:
        """The person's sound settings, as the engine understands them."""
        return self._settings

    @property
    def practicing(self) -> bool:
        return self._mode is _Mode.PRACTICE

    @property
    def practice_ends_at(self) -> float | None:
        """When the running "Just breathe" ends (monotonic), or None."""
        return self._practice_until

    def tracks(self) -> tuple[Track, ...]:
        audio = self.engine.audio
        return audio.tracks() if audio is not None else self.engine.library.tracks

    def patterns(self) -> dict[str, BreathingPattern]:
        """The bundled breathing patterns by id (read on first use)."""
        if self._patterns is None:
            try:
                self._patterns = load_patterns(assets_dir() / "breathing_patterns.json")
            except PatternError as error:
                log.error("breathing patterns could not be read: %s", error)
                self._patterns = {FALLBACK_PATTERN.id: FALLBACK_PATTERN}
        return self._patterns

    def pattern_for(self, pattern_id: str | None) -> BreathingPattern:
        """The pattern a breathing step names, else the person's preferred one."""
        patterns = self.patterns()
        for candidate in (pattern_id, self.preferences.value.breathing_pattern):
            if candidate and candidate in patterns:
                return patterns[candidate]
        return patterns.get(FALLBACK_PATTERN.id) or next(iter(patterns.values()))

    # -- settings ----------------------------------------------------------------------------

    def _engine_settings(self) -> SoundSettings:
        """The person's settings, minus the music during a "Just breathe" run without it."""
        if self._mode is _Mode.PRACTICE and not self._practice_music:
            return dataclasses.replace(self._settings, music=MUSIC_OFF)
        return self._settings

    def _preferences_changed(self, prefs: Preferences) -> None:
        before = self._engine_settings().music
        self._settings = sound_settings_for(prefs, self.engine.library)
        self.engine.apply(self._engine_settings())
        audio = self.engine.audio
        if self._mode is not _Mode.IDLE and before != self._settings.music and audio is not None:
            self.engine.prepare(audio)  # decode the new soundscape on the worker; it crossfades in

    # -- beginning and ending sound ----------------------------------------------------------

    def _begin(self, mode: _Mode) -> None:
        """A session or practice begins: music (if wanted) fades in as soon as the device opens."""
        if self._mode is _Mode.PRACTICE:
            self._end_practice(completed=False)
        self._music_preview.stop()
        self._mode, self._paused = mode, False
        self._run += 1
        run = self._run
        self.engine.apply(self._engine_settings())

        def go(audio: AudioPlayer) -> None:
            if run != self._run:
                return  # it ended before the engine was ready
            audio.start_session()  # holds the device; the engine remembers it until prepared
            if self._paused:
                audio.pause()
            self.engine.prepare(audio)

        self.engine.when_open(go)

    def _cue(self, cue: Cue) -> None:
        """Play a cue (if chimes are on and sound works) and always say it in words."""
        audio = self.engine.audio
        if audio is not None and self.preferences.value.chimes_enabled:
            audio.play_cue(cue)
        self._say(cue)

    def _say(self, cue: Cue) -> None:
        text = translated(caption_for(cue))
        if self._mode is _Mode.PRACTICE:
            self.practiceCaption.emit(text)
        else:
            self.caption.emit(text)

    def _breath_cue(self, cue: Cue) -> None:
        until = self._practice_until
        if self._mode is _Mode.PRACTICE and until is not None and self.clock.monotonic() >= until:
            self._end_practice(completed=True)  # the last out-breath is done: no new breath
            return
        self._cue(cue)

    # -- the guided session ------------------------------------------------------------------

    def attach(self, session: SessionController) -> None:
        """Follow a session: its events become sound, breath cues and captions."""
        self._session = session
        session.stepStarted.connect(self._step_started)
        session.paused.connect(self._session_paused)
        session.resumed.connect(self._session_resumed)
        session.finished.connect(self._session_finished)
        session.stopped.connect(self._session_stopped)

    def _current_machine(self) -> SessionMachine | None:
        return self._session.machine if self._session is not None else None

    def _step_started(self, event: StepStarted) -> None:
        machine = self._current_machine()
        if machine is not self._machine:
            self._machine = machine
            self._begin(_Mode.SESSION)
        elif event.index > 0:
            self._cue(Cue.STEP)
        self._pattern = None
        if event.step.technique.family != "breathing":
            self.breath_cues.stop()
            self.sessionBreathing.emit(None)
            return
        self._pattern = self.pattern_for(event.step.breathing)
        start = event.started_at
        if self._paused and machine is not None:  # moved to while paused: frozen at its start
            start = self.clock.monotonic() - machine.step_elapsed()
        timeline = BreathingTimeline(self._pattern, start)
        self.sessionBreathing.emit(timeline)
        if self._paused:
            self.sessionBreathingPaused.emit()
        self.breath_cues.start(timeline, paused=self._paused)

    def _session_paused(self) -> None:
        self._paused = True
        if self.engine.audio is not None:
            self.engine.audio.pause()
        if self._pattern is not None:
            self.breath_cues.pause()
            self.sessionBreathingPaused.emit()

    def _session_resumed(self) -> None:
        self._paused = False
        audio = self.engine.audio
        if audio is not None:
            audio.resume()
            self.engine.prepare(audio)  # reopens the device if a long pause had released it
        machine = self._current_machine()
        if self._pattern is not None and machine is not None:
            timeline = BreathingTimeline(self._pattern, machine.step_started_at)
            self.sessionBreathing.emit(timeline)
            self.breath_cues.retime(timeline)

    def _session_finished(self, _summary: SessionSummary) -> None:
        self._say(Cue.END)  # the bell itself comes with finish()
        self._end_session()
        if self.engine.audio is not None:
            self.engine.audio.finish()  # the end bell; the music fades; then the device closes
        self.engine.keep_polling()

    def _session_stopped(self, _summary: SessionSummary) -> None:
        self._end_session()
        if self.engine.audio is not None:
            self.engine.audio.stop()
        self.engine.keep_polling()

    def _end_session(self) -> None:
        self._mode, self._paused, self._pattern = _Mode.IDLE, False, None
        self._run += 1
        self.breath_cues.stop()
        self.sessionBreathing.emit(None)

    # -- "Just breathe" ----------------------------------------------------------------------

    def start_practice(
        self, pattern: BreathingPattern, minutes: int, *, music: bool = False
    ) -> BreathingTimeline | None:
        """Breathe with `pattern` for about `minutes`, ending on a finished out-breath.

        Returns the timeline to show, or None while a guided session runs (it has the sound).
        """
        if self._mode is _Mode.SESSION:
            return None
        self._practice_music = music
        self._begin(_Mode.PRACTICE)
        timeline = BreathingTimeline(pattern, self.clock.monotonic() + LEAD_IN_S)
        self._practice_until = timeline.start + timeline.whole_cycles_end(minutes * 60.0)
        self.practiceCaption.emit(tr("Settle in…"))
        self.breath_cues.start(timeline)
        self.check_practice_end()
        return timeline

    def stop_practice(self) -> None:
        if self._mode is _Mode.PRACTICE:
            self._end_practice(completed=False)

    def check_practice_end(self) -> None:
        """The practice's end timer: end once its time has come, else wait for it exactly."""
        if self._mode is not _Mode.PRACTICE or self._practice_until is None:
            return
        now = self.clock.monotonic()
        if now >= self._practice_until:
            self._end_practice(completed=True)
        else:
            self._practice_end.start(max(1, math.ceil((self._practice_until - now) * 1000)))

    def _end_practice(self, *, completed: bool) -> None:
        if completed:
            self._say(Cue.END)  # the bell itself comes with finish()
        self._practice_end.stop()
        self.breath_cues.stop()
        self._mode, self._practice_until = _Mode.IDLE, None
        self._run += 1
        audio = self.engine.audio
        if audio is not None:
            if completed:
                audio.finish()
            else:
                audio.stop()
        self.engine.apply(self._engine_settings())  # the person's music choice again
        self.engine.keep_polling()
        self.practiceEnded.emit(completed)

    # -- Settings' test buttons --------------------------------------------------------------

    def play_test_sound(self, layer: str) -> None:
        """A short sample of "music", "cues" or "chimes"; returns at once."""
        if layer == "music":
            self._preview_music()
            return
        cue = Cue.INHALE if layer == "cues" else Cue.STEP
        self.engine.when_open(lambda audio: self.engine.prepare(audio, lambda: audio.preview(cue)))

    def _preview_music(self) -> None:
        """The engine has no music preview, so: music alone, faded in, then the stop fade-out.
        During a session or practice nothing is needed: what plays takes the new volume."""
        if self._mode is not _Mode.IDLE:
            return
        self._run += 1
        run = self._run
        self._music_preview.start(MUSIC_PREVIEW_MS)

        def go(audio: AudioPlayer) -> None:
            if run == self._run and self._mode is _Mode.IDLE:
                audio.start_session()
                self.engine.prepare(audio)

        self.engine.when_open(go)

    def end_music_preview(self) -> None:
        audio = self.engine.audio
        if self._mode is _Mode.IDLE and audio is not None:
            audio.stop()
            self.engine.keep_polling()

    # -- quitting ----------------------------------------------------------------------------

    def shutdown(self) -> None:
        """App quit: stop every timer and close the device now."""
        self._practice_end.stop()
        self._music_preview.stop()
        self.breath_cues.stop()
        self.engine.release()
