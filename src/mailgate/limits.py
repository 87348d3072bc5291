"""Every bound mailgate puts on hostile input, in one place (SECURITY.md lists them all).

Each limit turns an input that would take unbounded time or memory into a clear per-file
error or a ``parse-warning`` finding that says what was not read. Only the message size is
a configuration key (``max_message_bytes``); the rest sit far above any real email.
"""

from __future__ import annotations

MAX_MESSAGE_BYTES = 30 * 1024 * 1024
"""Default of ``max_message_bytes``: a larger file is an error naming the limit, never read."""

MAX_MIME_PARTS = 500
"""MIME parts read from one message; the rest are skipped with a parse warning."""

MAX_MIME_DEPTH = 50
"""Multipart levels read; deeper parts are skipped with a parse warning."""

MAX_HEADERS = 1000
"""Header fields read from one message; the rest are skipped with a parse warning."""

MAX_HEADER_CHARS = 16 * 1024
"""Characters of one header value decoded (RFC 2047, addresses); the rest are cut with a parse warning."""

MAX_TEXT_CHARS = 1_000_000
"""Characters of one decoded text part or template body the text rules read (about 200 pages; Gmail clips at 102 KB)."""

MAX_HTML_TAGS = 20_000
"""HTML tags parsed (a big newsletter has a few thousand); the HTML after them is not read."""

MAX_HTML_DEPTH = 255
"""HTML nesting read: libxml2's own bound (lxml without XML_PARSE_HUGE); deeper elements are
dropped with a parse warning (no real email comes close)."""

MAX_YAML_BYTES = 5 * 1024 * 1024
"""Size of one YAML file (rule, lexicon, configuration, manifest, front matter)."""

MAX_YAML_NODES = 1_000_000
"""Values a YAML document may expand to through aliases ("billion laughs" guard)."""

MAX_YAML_DEPTH = 100
"""Nesting of lists and mappings in one YAML document (rule files use fewer than ten)."""

MAX_PATTERN_LENGTH = 2000
"""Characters of one regex in a rule file; patterns run on RE2 (linear time)."""

MAX_REGEX_MEMORY = 8 << 20
"""Bytes RE2 may use to compile one rule pattern."""
