"""What a check kind is, and what it hands back to the engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable

if TYPE_CHECKING:
    from mailgate.document import Document
    from mailgate.model import Severity
    from mailgate.rules.model import Rule


@dataclass(frozen=True)
class Hit:
    """One place a rule is violated; ``values`` fill the rule's ``message`` template.

    ``ceiling`` caps the finding's severity when the check is less sure of this hit than of
    others (a tone-model score just over the threshold warns; a listed phrase blocks).
    """

    line: int | None = None
    column: int | None = None
    values: dict[str, Any] = field(default_factory=dict)
    ceiling: Severity | None = None


@dataclass(frozen=True)
class TargetText:
    """A part of a message a rule reads, with the line it starts on where known."""

    text: str
    line: int | None = None
    column: int | None = None
    name: str = ""


Check = Callable[["Document"], Iterable[Hit]]


@dataclass
class CompileContext:
    """What a check kind may use while compiling a rule once per run."""

    targets: dict[str, Callable[["Document"], Any]]
    metrics: dict[str, Callable[["Document", dict[str, Any]], float | None]]
    named_checks: dict[str, Callable[["Document", "Rule"], Any]]

    def target(self, name: str) -> Callable[["Document"], list[TargetText]]:
        """Resolve a target name (``subject``, ``header:List-Unsubscribe`` …) to a reader."""
        base, _, argument = name.partition(":")
        reader = self.targets.get(name) or self.targets.get(base + ":")
        if reader is None:
            raise KeyError(name)
        if argument and name not in self.targets:
            return lambda doc: as_list(reader(doc, argument))
        return lambda doc: as_list(reader(doc))


def as_list(value: Any) -> list[TargetText]:
    if value is None:
        return []
    if isinstance(value, TargetText):
        return [value]
    return list(value)


def number_or_per_language(**bounds: float) -> dict[str, Any]:
    """The option schema of a number, or of a mapping from language code (or ``default``) to one.

    One schema, not a ``oneOf``: the bounds apply to a number and to each value of a mapping, so
    an error says "1.5 is greater than the maximum of 1", and a misspelt key ("EN", "defualt") is
    named instead of silently never matching."""
    from mailgate.lexicon import LANGUAGES

    return {"type": ["number", "object"], **bounds, "minProperties": 1,
            "propertyNames": {"enum": [*LANGUAGES, "default"]},
            "additionalProperties": {"type": "number", **bounds}}


NUMBER_OR_PER_LANGUAGE = number_or_per_language()


def per_language(value: Any, lang: str | None, fallback: float | None = None) -> float | None:
    """A threshold that may differ per language: ``max: 60`` or ``max: {en: 60, default: 70}``;
    ``fallback`` when neither the language nor ``default`` is given."""
    if isinstance(value, dict):
        return value.get(lang or "", value.get("default", fallback))
    return fallback if value is None else value


@dataclass(frozen=True)
class CheckKind:
    """A kind of check rules can use (``check: existence``), with the schema of its fields."""

    name: str
    compile: Callable[["Rule", CompileContext], Check]
    properties: dict[str, Any] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    description: str = ""
    needs_target: bool = True
