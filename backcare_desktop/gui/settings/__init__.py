"""The settings dialog and its sections."""
