"""Reminders: rules, the scheduler, its state, and the answers a person can give."""
