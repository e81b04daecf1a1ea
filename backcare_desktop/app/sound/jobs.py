"""Where the sound engine's slow calls run: a job runner of its own, not the app's.

Opening the audio device, importing pygame and decoding the chimes take 10–300 ms and must be
done before a session can start its sound. They use the same `JobRunner` class as saves and
the journal, but a second instance of it: on the app's runner they would queue behind a
settings save waiting for a file lock (held by a `backcare remind` process) or behind a
ten-year journal export, and a session's first chime would come late. Sound work never touches
the person's files, so running beside the saves cannot reorder them.

Tests pass `InlineJobs`, which runs each job at once on the calling thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from backcare_desktop.app.jobs import InlineJobs, JobRunner, Jobs

__all__ = ["InlineJobs", "JobRunner", "Jobs", "sound_jobs"]


def sound_jobs(parent: QObject | None = None) -> JobRunner:
    """The sound engine's own worker (its thread exists only while there is sound work)."""
    return JobRunner("backcare-sound", parent)
