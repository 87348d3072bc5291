"""Built-in check kinds, each registered through the same hooks an outside plugin uses."""
