"""The PySide6 user interface; nothing but __main__ imports it."""
