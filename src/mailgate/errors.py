"""Errors that end a run (or one file of it) with a clear message instead of a traceback."""

from __future__ import annotations


class MailgateError(Exception):
    """An error the user can act on; printed without a traceback and exit code 2."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:
        text = super().__str__()
        return f"{self.path}: {text}" if self.path else text


class InputError(MailgateError):
    """A file that cannot be read or parsed as a message."""


class RuleError(MailgateError):
    """A rule file or lexicon that fails validation."""

    def __init__(self, message: str, *, path: str | None = None, rule: str | None = None,
                 field: str | None = None) -> None:
        where = ", ".join(p for p in (f"rule {rule}" if rule else "", f"field {field}" if field else "") if p)
        super().__init__(f"{where}: {message}" if where else message, path=path)
        self.rule = rule
        self.field = field


class ConfigError(MailgateError):
    """A configuration file that fails validation."""
