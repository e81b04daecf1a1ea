"""Qt without widgets: long-lived objects the views observe; work kept off the GUI thread."""
