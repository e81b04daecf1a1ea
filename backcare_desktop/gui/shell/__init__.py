"""The window around the pages: start-up, header, menu, actions, tray."""
