"""Terminal commands that need no Qt: reminders and the installation self-check."""
