"""Reminder timers, delivery and the service that runs the scheduler for the app."""
