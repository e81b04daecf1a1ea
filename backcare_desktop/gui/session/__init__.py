"""A session, step by step: prepare, the player and the summary."""
