"""The sound controller, its engine on a worker thread, and breathing cues."""
