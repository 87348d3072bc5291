"""Regexes from rule files run on RE2: linear time, so no pattern can hang a run.

RE2's ``\\w`` and ``\\b`` are ASCII-only; rule authors use ``\\p{L}`` for letters (documented
in docs/rules.md), and lexicon words are matched by tokens, not regexes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

from mailgate.limits import MAX_PATTERN_LENGTH, MAX_REGEX_MEMORY


# The JSON Schema of a rule field holding RE2 patterns: rule validation (load, configured
# overrides, `mailgate rules validate`) compiles every item through compile_pattern.
RE2_FORMAT = "re2"
PATTERN_LIST_SCHEMA: dict[str, Any] = {"type": "array", "items": {"type": "string", "minLength": 1, "format": RE2_FORMAT}}


class PatternError(ValueError):
    """A rule pattern RE2 cannot compile (e.g. look-around or back-references)."""

    def __init__(self, message: str, pattern: str) -> None:
        super().__init__(message)
        self.pattern = pattern


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str, ignorecase: bool = True) -> Any:
    import re2

    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternError(f"pattern longer than {MAX_PATTERN_LENGTH} characters", pattern)
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = not ignorecase
    options.max_mem = MAX_REGEX_MEMORY
    try:
        return re2.compile(pattern, options=options)
    except re2.error as exc:
        detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(f"{pattern!r} is not a pattern RE2 accepts: {detail}", pattern) from None


def is_re2_pattern(value: object) -> bool:
    """The JSON Schema format check for ``format: re2``: raises PatternError for a bad pattern."""
    if isinstance(value, str):
        compile_pattern(value)
    return True


def finditer(pattern: str, text: str, ignorecase: bool = True) -> Iterator[Any]:
    return compile_pattern(pattern, ignorecase).finditer(text)
