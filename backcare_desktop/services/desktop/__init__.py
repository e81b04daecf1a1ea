"""The desktop session: notifications, sleep, do-not-disturb, start at login."""
