"""Make message-derived text inert before it reaches a terminal, a CI log or an XML file.

Subjects, matched words, file names and error texts come from untrusted mail. An ANSI
escape in a subject could recolour, hide or rewrite lines of a terminal or a CI log
(GitHub renders them); a bidi override can make text read differently than it is
("Trojan Source"); XML 1.0 cannot hold most control characters at all. Each such
character is shown as a visible escape (``\\x1b``, ``\\u202e``) instead.
"""

from __future__ import annotations

import re

# C0 controls (tab and newline too: a finding is one line), DEL and C1 controls, and the
# Unicode bidi embeddings, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str) -> str:
    """``text`` with every control and bidi character replaced by a visible escape."""
    return _UNSAFE.sub(_visible, text)
