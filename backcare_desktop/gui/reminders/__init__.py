"""The reminders page, its editor, and the in-window reminder banner."""
