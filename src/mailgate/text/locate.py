"""Map text found by a rule back to a line and column of the checked file."""

from __future__ import annotations

import bisect


class Locator:
    """Finds snippets in a file's source text and reports 1-based line and column."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._folded: str | None = None
        self._line_starts = [0]
        newline = source.find("\n")
        while newline >= 0:  # str.find, not a Python loop per character: a 20 MB line costs nothing
            self._line_starts.append(newline + 1)
            newline = source.find("\n", newline + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def find(self, snippet: str, start_line: int = 1) -> tuple[int, int] | None:
        """Where ``snippet`` first occurs (case-insensitively) at or after ``start_line``."""
        snippet = snippet.strip()
        if not snippet:
            return None
        if self._folded is None:
            self._folded = self._source.casefold() if len(self._source.casefold()) == len(self._source) else self._source.lower()
        begin = self._line_starts[min(max(start_line, 1), len(self._line_starts)) - 1]
        index = self._folded.find(snippet.casefold()[:200], begin)
        if index < 0:
            return None
        return self.position(index)

    def line_of_prefix(self, prefix: str) -> int | None:
        """The first line that starts with ``prefix`` (case-insensitive), e.g. a header name."""
        prefix = prefix.lower()
        lowered = self._source.lower() if len(self._source.lower()) == len(self._source) else self._source
        for number, start in enumerate(self._line_starts, 1):
            if lowered.startswith(prefix, start):
                return number
        return None
