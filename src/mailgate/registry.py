"""Everything the plugins provide, collected once per run: kinds, rules, lexicons, formats."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from mailgate.plugins import PluginHost, build_host
from mailgate.rules.loader import load_rules
from mailgate.rules.model import Rule
from mailgate.rules.schema import RuleValidator

if TYPE_CHECKING:
    from mailgate.checks.base import CheckKind
    from mailgate.checks.named import NamedCheck
    from mailgate.config import Settings
    from mailgate.lexicon import Lexicons
    from mailgate.report.base import Formatter


class Registry:
    """Answers of every plugin hook, asked lazily and once."""

    def __init__(self, host: PluginHost | None = None, *, use_cache: bool = True) -> None:
        self.host = host or build_host()
        self.use_cache = use_cache

    @property
    def errors(self) -> list[str]:
        return self.host.errors

    @cached_property
    def kinds(self) -> "dict[str, CheckKind]":
        return self.host.merged("mailgate_check_kinds")

    @cached_property
    def named_checks(self) -> "dict[str, NamedCheck]":
        return self.host.merged("mailgate_named_checks")

    @cached_property
    def metrics(self) -> dict[str, Callable[..., Any]]:
        return self.host.merged("mailgate_metrics")

    @cached_property
    def targets(self) -> dict[str, Callable[..., Any]]:
        return self.host.merged("mailgate_targets")

    @cached_property
    def formatters(self) -> "dict[str, Formatter]":
        return self.host.merged("mailgate_formatters")

    @cached_property
    def validator(self) -> RuleValidator:
        return RuleValidator(self.kinds, self.named_checks)

    @cached_property
    def rule_paths(self) -> list[Path]:
        return [Path(p) for p in self.host.listed("mailgate_rule_paths")]

    @cached_property
    def lexicon_roots(self) -> list[Path]:
        return [Path(p) for p in self.host.listed("mailgate_lexicon_paths")]

    def lexicons(self, settings: "Settings") -> "Lexicons":
        """The shipped and plugin lexicon folders, then the configuration's ``lexicon_paths``."""
        from mailgate.lexicon import Lexicons

        return Lexicons([*self.lexicon_roots, *(settings.base_dir / p for p in settings.get("lexicon_paths", []))],
                        use_cache=self.use_cache)

    @cached_property
    def rules(self) -> dict[str, Rule]:
        return {rule.id: rule for rule in load_rules(self.rule_paths, self.validator, self.use_cache)}

    def extra_rules(self, paths: Iterable[Path]) -> list[Rule]:
        """Rules from configuration (``rule_files``); their ids must be new."""
        rules = load_rules(paths, self.validator, self.use_cache)
        from mailgate.errors import RuleError

        for rule in rules:
            if rule.id in self.rules and self.rules[rule.id].path != rule.path:
                raise RuleError(f"rule id already defined in {self.rules[rule.id].path}", path=rule.path,
                                rule=rule.id, field="id")
        return rules
