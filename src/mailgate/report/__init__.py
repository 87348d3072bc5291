"""Output formats, each a plugin behind one registry (no if/elif over format names)."""
