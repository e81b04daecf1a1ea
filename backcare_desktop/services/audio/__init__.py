"""Sound through pygame's mixer, with a silent fallback."""
