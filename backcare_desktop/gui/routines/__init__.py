"""The routine editor: the technique library, the step list, one step's settings, the rules."""
