"""`mailgate rules validate` beyond the JSON Schema: the regexes a rule reaches through the
lexicons it names, and lexicon files checked on their own.

A rule's own pattern fields (``format: re2`` in their schema) are compiled while the file is
validated; the pattern lexicons (``syntax: re2``) it names are compiled here with the same RE2
wrapper, so a bad pattern is reported before any message is checked.
"""

from __future__ import annotations

from pathlib import Path

from mailgate.errors import RuleError
from mailgate.lexicon import Lexicons, compile_lexicon_patterns, is_pattern_lexicon, read_lexicon
from mailgate.rules.model import Rule
from mailgate.yamlio import load_yaml_file


def is_lexicon_file(path: Path) -> bool:
    """A lexicon is a mapping with ``entries`` and no ``check`` (a rule always has one)."""
    data = load_yaml_file(path)
    return isinstance(data, dict) and "entries" in data and "check" not in data


def validate_lexicon_file(path: Path) -> str:
    """Check a lexicon's shape, its phrases' groups and its patterns; a short description of what it holds."""
    name = path.stem
    if is_pattern_lexicon(path):
        return f"lexicon {name}, {len(compile_lexicon_patterns(path))} RE2 patterns"
    return f"lexicon {name}, {len(read_lexicon(path))} entries"


def validate_rule_patterns(rule: Rule, lexicons: Lexicons) -> None:
    """Compile every pattern lexicon a field of ``rule`` names (shipped and configured files)."""
    known = lexicons.names()
    for field, value in rule.options.items():
        names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        for name in names:
            if not isinstance(name, str) or name not in known:
                continue
            for path in lexicons.files(name, "any"):
                if not is_pattern_lexicon(path):
                    continue
                try:
                    compile_lexicon_patterns(path)
                except RuleError as exc:
                    raise RuleError(f"lexicon {exc}", path=rule.path, rule=rule.id, field=field) from None
