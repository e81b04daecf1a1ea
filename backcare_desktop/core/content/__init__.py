"""Built-in content (techniques, routines, breathing patterns): read and validated."""
