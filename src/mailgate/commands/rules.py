"""``mailgate rules list|show ID|validate FILE...|kinds``: what the rules are and why."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from mailgate.commands.options import add_plugin_options


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("rules", help="list, explain and validate rules",
                                   description="List the rules, explain one, or validate rule files.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    listing = actions.add_parser("list", help="every rule with its default severity and kinds")
    listing.add_argument("-f", "--format", choices=("text", "json"), default="text")
    add_plugin_options(listing)
    listing.set_defaults(run=run_list)
    show = actions.add_parser("show", help="what a rule checks, why, its thresholds and examples")
    show.add_argument("rule_id", metavar="ID")
    show.add_argument("-f", "--format", choices=("text", "json"), default="text")
    add_plugin_options(show)
    show.set_defaults(run=run_show)
    validate = actions.add_parser(
        "validate", help="validate rule files and lexicons: JSON Schema, and every RE2 pattern compiled",
        description="Validate rule files against the JSON Schema and compile every regex they use (their "
                    "pattern fields and the pattern lexicons they name, with the configured lexicon_paths); "
                    "a lexicon file is checked on its own. Exit 0 when all are valid, 2 otherwise.")
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE")
    validate.add_argument("--config", type=Path, metavar="FILE",
                          help="configuration whose lexicon_paths extend the shipped lexicons "
                               "(default: the nearest mailgate.yaml / pyproject.toml)")
    add_plugin_options(validate)
    validate.set_defaults(run=run_validate)
    kinds = actions.add_parser("kinds", help="the check kinds and the fields each accepts")
    add_plugin_options(kinds)
    kinds.set_defaults(run=run_kinds)


def _registry(args: argparse.Namespace) -> Any:
    from mailgate.commands.options import disabled_plugins
    from mailgate.plugins import build_host
    from mailgate.registry import Registry

    registry = Registry(build_host(disabled_plugins(args)), use_cache=not args.no_cache)
    for error in registry.errors:
        print(f"mailgate: error: {error}", file=sys.stderr)
    return registry


def run_list(args: argparse.Namespace) -> int:
    registry = _registry(args)
    rules = sorted(registry.rules.values(), key=lambda r: r.id)
    if args.format == "json":
        print(json.dumps([{"id": r.id, "title": r.title, "severity": r.severity.value,
                           "severity_by_kind": {k: v.value for k, v in r.severity_by_kind.items()},
                           "applies_to": list(r.applies_to), "check": r.check, "source": r.source_text,
                           "suppressible": r.suppressible} for r in rules], ensure_ascii=False, indent=2))
        return 2 if registry.errors else 0
    width = max((len(r.id) for r in rules), default=10)
    for rule in rules:
        print(f"{rule.id:<{width}}  {rule.severity.value:<5}  {','.join(rule.applies_to):<28}  {rule.title}")
    print(f"\n{len(rules)} rules. `mailgate rules show ID` explains one.")
    return 2 if registry.errors else 0


def run_show(args: argparse.Namespace) -> int:
    registry = _registry(args)
    rule = registry.rules.get(args.rule_id)
    if rule is None:
        close = [r for r in sorted(registry.rules) if args.rule_id in r or r.startswith(args.rule_id.split("-")[0])]
        hint = f" Did you mean: {', '.join(close[:5])}?" if close else ""
        print(f"mailgate: error: no rule {args.rule_id!r}.{hint}", file=sys.stderr)
        return 2
    details = explain(rule, registry)
    if args.format == "json":
        print(json.dumps(details, ensure_ascii=False, indent=2, default=str))
        return 0
    print(render_explanation(details))
    return 0


def explain(rule: Any, registry: Any) -> dict[str, Any]:
    kind = registry.kinds.get(rule.check)
    severity = rule.severity.value if not rule.severity_by_kind else {k: v.value for k, v in rule.severity_by_kind.items()}
    details: dict[str, Any] = {
        "id": rule.id, "title": rule.title, "description": rule.description, "source": rule.source_text,
        "applies_to": list(rule.applies_to), "severity": severity, "suppressible": rule.suppressible,
        "check": rule.check, "check_description": kind.description if kind else "", "target": rule.target,
        "settings": rule.options, "message": rule.message, "fix": rule.fix, "file": rule.path,
        "examples": rule.examples,
    }
    if rule.options.get("metric") == "readability":
        from mailgate.text.readability import FORMULAS

        details["formulas"] = {lang: f.name + (" (higher is easier)" if f.higher_is_easier else " (higher is harder)")
                               for lang, f in FORMULAS.items()}
    return details


def render_explanation(details: dict[str, Any]) -> str:
    lines = [f"{details['id']}: {details['title']}", ""]
    if details["description"]:
        lines += [details["description"].strip(), ""]
    severity = details["severity"]
    severity_text = severity if isinstance(severity, str) else ", ".join(f"{k}: {v}" for k, v in severity.items())
    lines += [
        f"Source:       {details['source']}",
        f"Applies to:   {', '.join(details['applies_to'])}",
        f"Severity:     {severity_text}" + ("" if details["suppressible"] else "  (legal requirement; not suppressible)"),
        f"Check:        {details['check']}" + (f" on {details['target']}" if details["target"] else "")
        + (f" — {details['check_description']}" if details["check_description"] else ""),
    ]
    if details["settings"]:
        lines.append("Settings:     " + yaml.safe_dump(details["settings"], allow_unicode=True, default_flow_style=True,
                                                       width=1000).strip())
    if "formulas" in details:
        lines.append("Formulas:")
        lines += [f"  {lang}: {name}" for lang, name in details["formulas"].items()]
    lines += [f"Message:      {details['message']}", f"Fix:          {details['fix']}", ""]
    for label, key in (("Fails (bad example)", "bad"), ("Passes (good example)", "good")):
        examples = details["examples"].get(key) or []
        if examples:
            example = examples[0]
            text = example if isinstance(example, str) else example.get("text") or yaml.safe_dump(example, allow_unicode=True)
            lines.append(f"{label}:")
            lines += ["  | " + line for line in str(text).rstrip().split("\n")[:25]]
            lines.append("")
    lines.append(f"Defined in {details['file']}")
    return "\n".join(lines)


def run_validate(args: argparse.Namespace) -> int:
    from mailgate.config import settings_for
    from mailgate.errors import MailgateError
    from mailgate.rules.loader import validate_rule_file
    from mailgate.rules.patterns import is_lexicon_file, validate_lexicon_file, validate_rule_patterns

    registry = _registry(args)
    failed = 0
    for path in args.files:
        try:
            if is_lexicon_file(path):
                print(f"{path}: ok ({validate_lexicon_file(path)})")
                continue
            rule = validate_rule_file(path, registry.validator)
            settings = settings_for(path, args.config, {}, not args.no_cache)
            lexicons = registry.lexicons(settings)
            validate_rule_patterns(rule, lexicons)
        except MailgateError as exc:
            failed += 1
            print(f"{exc}", file=sys.stderr)
            continue
        print(f"{path}: ok ({rule.id}, check {rule.check})")
    return 2 if failed or registry.errors else 0


def run_kinds(args: argparse.Namespace) -> int:
    registry = _registry(args)
    for name, kind in sorted(registry.kinds.items()):
        fields = ", ".join(sorted(kind.properties)) or "-"
        print(f"{name:<13} {kind.description}\n{'':<13} fields: {fields}")
    named = registry.named_checks
    if named:
        print("\nNamed checks for `check: plugin`:")
        for name, check in sorted(named.items()):
            print(f"  {name:<28} {check.description}")
    return 0
