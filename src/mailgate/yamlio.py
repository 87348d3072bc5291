"""Safe, fast YAML loading shared by rules, lexicons, configuration and manifests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from mailgate.errors import MailgateError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_YAML_BYTES = 5 * 1024 * 1024
MAX_ALIASES = 100


class _CountingLoader(_Loader):  # type: ignore[misc, valid-type]
    """A safe loader that refuses alias bombs ("billion laughs") before expanding them."""


def _refuse_many_aliases(text: str, path: str) -> None:
    # Every alias use is a '*name' token; a real rule file needs few. Counting tokens is
    # cheap and runs before any expansion, so a bomb is rejected in microseconds.
    if text.count("*") > MAX_ALIASES:
        aliases = sum(1 for event in yaml.parse(text, Loader=_Loader) if isinstance(event, yaml.AliasEvent))
        if aliases > MAX_ALIASES:
            raise MailgateError(f"YAML uses {aliases} aliases (limit {MAX_ALIASES}); refusing a possible alias bomb",
                                path=path)


def load_yaml_text(text: str, path: str) -> Any:
    """Parse YAML safely; errors name the file and the line."""
    if len(text) > MAX_YAML_BYTES:
        raise MailgateError(f"YAML file is larger than {MAX_YAML_BYTES // 1024 // 1024} MB", path=path)
    try:
        _refuse_many_aliases(text, path)
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise MailgateError(f"invalid YAML{where}: {problem}", path=path) from None


def load_yaml_file(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise MailgateError(f"cannot read: {exc}", path=str(path)) from None
    return load_yaml_text(text, str(path))
