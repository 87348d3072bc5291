"""An example mailgate plugin: the ``emoji`` check kind, the ``subject-emoji`` rule, a ``count`` format."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from mailgate.checks.base import CheckKind, CompileContext, Hit
from mailgate.hookspecs import hookimpl
from mailgate.report.base import Formatter

EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\U0001F1E6-\U0001F1FF]")


def compile_emoji(rule: Any, ctx: CompileContext) -> Any:
    read = ctx.target(rule.target)
    limit = rule.options.get("max", 1)

    def check(doc: Any) -> Iterator[Hit]:
        for target in read(doc):
            count = len(EMOJI.findall(target.text))
            if count > limit:
                yield Hit(target.line, target.column, {"actual": count})

    return check


@hookimpl
def mailgate_check_kinds() -> list[CheckKind]:
    return [CheckKind("emoji", compile_emoji, {"max": {"type": "integer", "minimum": 0}},
                      description="Count of emoji in the target, at most max.")]


@hookimpl
def mailgate_rule_paths() -> list[Path]:
    return [Path(__file__).parent / "rules"]


def render_count(run: Any, options: Any) -> str:
    summary = run.summary()
    return f"{summary['files']} files, {summary['block'] + summary['warn'] + summary['info']} findings\n"


@hookimpl
def mailgate_formatters() -> list[Formatter]:
    return [Formatter("count", render_count, "Files and findings on one line.")]
