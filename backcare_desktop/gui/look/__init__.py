"""How the app looks and speaks: themes, the style sheet, icons and shared wording."""
