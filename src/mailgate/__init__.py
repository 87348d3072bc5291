"""mailgate: a rules-engine compliance linter and pre-send gate for email."""

__version__ = "0.1.0"
