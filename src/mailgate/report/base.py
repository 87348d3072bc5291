"""What a formatter is and what it is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from mailgate.model import RunResult
    from mailgate.rules.model import Rule


@dataclass(frozen=True)
class FormatOptions:
    color: bool = False
    statistics: bool = False
    rules: "dict[str, Rule]" = field(default_factory=dict)
    command: str = "check"


@dataclass(frozen=True)
class Formatter:
    """``render(run, options)`` returns the whole output as text."""

    name: str
    render: "Callable[[RunResult, FormatOptions], str]"
    description: str = ""
    machine: bool = True
    needs_preview: bool = False
