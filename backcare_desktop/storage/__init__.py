"""Persistence over TinyDB; the only package that imports it."""
