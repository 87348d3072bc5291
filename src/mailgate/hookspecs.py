"""The plugin API: every hook mailgate calls, in one module.

Built-in behaviour is registered through these same hooks (pytest's way), so an outside
package registered under the entry-point group ``mailgate`` can do anything a built-in
can. Every hook is "collecting": all implementations are called and their answers merged,
unless the docstring says ``firstresult``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import pluggy

if TYPE_CHECKING:
    from mailgate.checks.base import CheckKind
    from mailgate.gate.context import GateContext
    from mailgate.load.audience import RecipientBatch
    from mailgate.report.base import Formatter
    from mailgate.rules.model import Rule

hookspec = pluggy.HookspecMarker("mailgate")
hookimpl = pluggy.HookimplMarker("mailgate")


@hookspec
def mailgate_check_kinds() -> "list[CheckKind]":
    """Return the check kinds this plugin provides (``existence``, ``length`` …).

    Called once per run, before rule files are loaded. Each kind brings the JSON Schema of
    its own rule fields; rule files using the kind are validated against it. Two plugins
    providing the same kind name is an error naming both.
    """


@hookspec
def mailgate_rule_paths() -> "list[Path]":
    """Return folders (walked for ``*.yaml``) or files of YAML rules this plugin ships.

    Called once per run. Rules from plugins are selected, configured and suppressed like
    built-in ones; their ids must not collide with existing ids.
    """


@hookspec
def mailgate_lexicon_paths() -> "list[Path]":
    """Return lexicon roots (``<root>/<lang>/<name>.yaml``); later roots extend earlier ones.

    Called once per run. A plugin may add words to a built-in lexicon (same name) or bring
    new lexicons for its own rules.
    """


@hookspec
def mailgate_metrics() -> "dict[str, Callable[[Any, dict[str, Any]], float | None]]":
    """Return named measures for the ``metric`` check kind: ``name → fn(document, options)``.

    ``fn`` returns a number, or None where the measure does not apply (no text, no images).
    Called once per run.
    """


@hookspec
def mailgate_named_checks() -> "dict[str, Callable[[Any, Any], Any]]":
    """Return imperative checks for the ``plugin`` check kind: ``name → fn(document, rule)``.

    ``fn`` yields :class:`mailgate.checks.base.Hit` objects (or returns a list of them); each
    hit becomes a finding with the rule's id, severity, message and fix. Called once per run.
    """


@hookspec
def mailgate_formatters() -> "dict[str, Formatter]":
    """Return output formats (``--format NAME``): ``name → Formatter``. Called once per run."""


@hookspec
def mailgate_targets() -> "dict[str, Callable[[Any], Any]]":
    """Return named rule targets (``subject``, ``text``, ``greeting`` …): ``name → fn(document)``.

    ``fn`` returns a :class:`mailgate.checks.base.TargetText` or a list of them. Called once
    per run; ``header:<Name>`` and ``manifest.<field>`` are resolved by prefix.
    """


@hookspec
def mailgate_recipient_checks(rules: "list[Rule]", batch: "RecipientBatch",
                              gate: "GateContext") -> "dict[str, list[tuple[int, dict[str, Any]]]] | None":
    """Judge one batch of recipients against the selected rules of check kind ``recipient``.

    Called by ``mailgate gate`` once per batch of audience rows (thousands at a time: a hook
    call costs microseconds, too much per recipient at a million). ``batch.keys[i]`` is
    row i's normalised address; ``gate`` holds the campaign, the send time and
    ``gate.ledger`` (slices of the ledger keyed by address, loaded once per run). Answer
    for the rules whose ``test`` this plugin provides, as ``{rule id: [(row index in the
    batch, message values), ...]}`` with an empty list for a rule that found nothing;
    leave other rules out. A selected rule no plugin answers, or an implementation that
    raises, fails the gate closed (exit 2, no allowed list).
    """
