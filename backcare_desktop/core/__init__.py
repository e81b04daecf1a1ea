"""The domain: pure Python, no Qt, pygame or TinyDB (tests enforce it)."""
