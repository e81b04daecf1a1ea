"""Adapters to libraries and the OS, each with a do-nothing fallback."""
