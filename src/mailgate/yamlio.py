"""Safe, fast YAML loading shared by rules, lexicons, configuration and manifests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from mailgate.errors import MailgateError
from mailgate.limits import MAX_YAML_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TOO_DEEP = f"YAML nested deeper than {MAX_YAML_DEPTH} levels"


def _refuse_alias_bombs(text: str, path: str) -> None:
    """Refuse YAML whose aliases expand to more than MAX_YAML_NODES nodes ("billion laughs").

    PyYAML shares an aliased object instead of copying it, so loading a bomb is quick; the
    hang comes later, when anything walks the value (validation, str(), json). The size
    the value would have once expanded is counted from the parser's events, before any
    object is built: microseconds for a rule file, and a bomb stops at the limit.
    """
    if "*" not in text:
        return
    anchored: dict[str, int] = {}
    open_nodes: list[list] = [[None, 0]]  # [anchor, expanded size] of every collection being read
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            open_nodes.append([event.anchor, 1])
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, size = open_nodes.pop()
        elif isinstance(event, yaml.AliasEvent):
            if any(node[0] == event.anchor for node in open_nodes):
                raise MailgateError(f"YAML alias *{event.anchor} refers to a value that contains it "
                                    "(a recursive structure)", path=path)
            anchor, size = None, anchored.get(event.anchor, 1)
        elif isinstance(event, yaml.ScalarEvent):
            anchor, size = event.anchor, 1
        else:
            continue
        if anchor is not None:
            anchored[anchor] = size
        open_nodes[-1][1] += size
        if open_nodes[-1][1] > MAX_YAML_NODES:
            raise MailgateError(f"YAML aliases expand to more than {MAX_YAML_NODES:,} values; "
                                "refusing a possible alias bomb (\"billion laughs\")", path=path)


def _refuse_deep_nesting(data: Any, path: str) -> None:
    """Values nested deeper than MAX_YAML_DEPTH would overflow the stack of whatever reads them."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for child in children:
            if isinstance(child, (dict, list)):
                if depth >= MAX_YAML_DEPTH:
                    raise MailgateError(_TOO_DEEP, path=path)
                stack.append((child, depth + 1))


def load_yaml_text(text: str, path: str) -> Any:
    """Parse YAML safely; errors name the file and the line."""
    if len(text) > MAX_YAML_BYTES:
        raise MailgateError(f"YAML file is larger than {MAX_YAML_BYTES // 1024 // 1024} MB", path=path)
    try:
        _refuse_alias_bombs(text, path)
        data = yaml.load(text, Loader=_Loader)
    except RecursionError:  # the constructor recurses once per nesting level
        raise MailgateError(_TOO_DEEP, path=path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if "nesting depth" in problem:  # PyYAML ≥ 6.0.4 stops at its own limit, deeper than ours
            raise MailgateError(_TOO_DEEP, path=path) from None
        if isinstance(exc, yaml.constructor.ConstructorError):
            problem += " (tags that build objects are not allowed: this file is data)"
        raise MailgateError(f"invalid YAML{where}: {problem}", path=path) from None
    _refuse_deep_nesting(data, path)
    return data


def load_yaml_file(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise MailgateError(f"cannot read: {exc}", path=str(path)) from None
    return load_yaml_text(text, str(path))
