"""Run the rules over messages and collect findings.

Rules are selected, configured and compiled once per distinct configuration; each message
is loaded and parsed once and every rule reads the same Document.
"""

from __future__ import annotations

import fnmatch
import os
import re
import string
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from mailgate.checks.base import Check, CompileContext, Hit
from mailgate.classify import (SUPPORTED_LANGUAGES, declared_language, detect_language, mail_server_report,
                               resolve_kind)
from mailgate.config import Settings
from mailgate.document import Document
from mailgate.errors import MailgateError, RuleError
from mailgate.lexicon import Lexicons
from mailgate.load import DEFAULT_MAX_BYTES, load_path
from mailgate.message import Message
from mailgate.model import FileResult, Finding, Severity
from mailgate.registry import Registry
from mailgate.rules.model import Rule
from mailgate.reply_context import attach_customer
from mailgate.safe_regex import PatternError
from mailgate.suppressions import UNUSED_RULE_ID, apply_suppressions, parse_suppressions

if TYPE_CHECKING:
    from mailgate.validation_cache import ValidationCache

PARSE_WARNING_ID = "parse-warning"
_FORM_WITH_EMAIL = re.compile(r"<form\b.*?(?:type\s*=\s*[\"']?email|name\s*=\s*[\"']?[\w-]*mail)", re.I | re.S)


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    check: Check


class RuleSet:
    """The rules one configuration runs, compiled, with the lexicons they read."""

    def __init__(self, rules: list[CompiledRule], lexicons: Lexicons, all_rules: dict[str, Rule]) -> None:
        self.rules = rules
        self.lexicons = lexicons
        self.all_rules = all_rules


def selected(rule_id: str, select: Iterable[str] | None, ignore: Iterable[str] | None) -> bool:
    """ruff-style selection: ids or prefixes (``subject-``), ``ALL``; ignore wins over select."""
    def matches(patterns: Iterable[str]) -> bool:
        return any(p == "ALL" or rule_id == p or (p.endswith("-") and rule_id.startswith(p))
                   or fnmatch.fnmatchcase(rule_id, p) for p in patterns)

    if ignore and matches(ignore):
        return False
    return not select or matches(select)


class Engine:
    """Checks files and messages against the rules each file's configuration selects."""

    def __init__(self, registry: Registry, keep_preview: bool = False) -> None:
        self.registry = registry
        self.keep_preview = keep_preview
        self._rule_sets: dict[str, RuleSet] = {}

    # -- configuration -> compiled rules --------------------------------------------------------
    def rule_set(self, settings: Settings) -> RuleSet:
        key = settings.key()
        if key not in self._rule_sets:
            self._rule_sets[key] = self._build_rule_set(settings)
        return self._rule_sets[key]

    def _build_rule_set(self, settings: Settings) -> RuleSet:
        registry = self.registry
        extra_paths = [settings.base_dir / p for p in settings.get("rule_files", [])]
        all_rules = dict(registry.rules)
        all_rules.update({r.id: r for r in registry.extra_rules(extra_paths)} if extra_paths else {})
        lexicons = registry.lexicons(settings)
        context = CompileContext(registry.targets, registry.metrics, registry.named_checks)
        severities = settings.get("severity", {})
        options = settings.get("rules", {})
        unknown = sorted((set(severities) | set(options)) - set(all_rules))
        if unknown:
            raise MailgateError(f"configuration names unknown rule {unknown[0]!r}", path=settings.path)
        compiled = []
        validated = _override_cache(registry) if options else None
        for rule in all_rules.values():
            if not selected(rule.id, settings.get("select"), settings.get("ignore")):
                continue
            severity = Severity(severities[rule.id]) if rule.id in severities else None
            configured = rule.with_overrides(severity, options.get(rule.id, {}))
            if rule.id in options:
                _validate_override(registry, configured, f"{settings.path} (rules.{rule.id})", validated)
            kind = registry.kinds[configured.check]
            try:
                compiled.append(CompiledRule(configured, kind.compile(configured, context)))
            except PatternError as exc:  # any kind's RE2 pattern: name the field that holds it
                raise RuleError(str(exc), path=configured.path, rule=configured.id,
                                field=_field_holding(configured, exc.pattern)) from None
        if validated is not None:
            validated.save()
        _check_lexicons(compiled, lexicons)
        return RuleSet(compiled, lexicons, all_rules)

    # -- files and messages -----------------------------------------------------------------------
    def check_file(self, path: Path, settings: Settings, customer: Message | None = None) -> list[FileResult]:
        """Check every message of a file; ``customer`` is the message a reply draft answers (--in-reply-to)."""
        from mailgate.load.mbox import is_mbox

        max_bytes = settings.get("max_message_bytes", DEFAULT_MAX_BYTES)
        try:
            if is_mbox(path):
                return self._check_mailbox(path, settings, max_bytes)
            messages = load_path(path, max_bytes)
            for message in messages:
                attach_customer(message, customer, max_bytes)
            return [self.check_message(message, settings) for message in messages]
        except MailgateError as exc:
            return [FileResult(str(path), errors=[str(exc)])]
        except Exception as exc:  # noqa: BLE001 — one hostile file must not end the run (DESIGN: reliability)
            if os.environ.get("MAILGATE_DEBUG"):
                raise
            return [FileResult(str(path), errors=[f"{path}: internal error while checking this file: "
                                                  f"{type(exc).__name__}: {exc} (please report it; "
                                                  "MAILGATE_DEBUG=1 shows the traceback)"])]

    def _check_mailbox(self, path: Path, settings: Settings, max_bytes: int) -> list[FileResult]:
        """Each message of an mbox on its own (``path#N``); a broken one is an error for it alone."""
        from mailgate.load.mbox import load_mailbox_messages

        results = []
        try:
            for first_line, item in load_mailbox_messages(path, max_bytes):
                if isinstance(item, MailgateError):
                    results.append(FileResult(item.path or str(path), errors=[str(item)]))
                    continue
                result = self.check_message(item, settings)
                result.findings = [replace(f, line=f.line + first_line - 1) if f.line else f for f in result.findings]
                results.append(result)
        except MailgateError as exc:
            results.append(FileResult(str(path), errors=[str(exc)]))
        return results

    def check_message(self, message: Message, settings: Settings, manifest: dict[str, Any] | None = None) -> FileResult:
        """``manifest``: the campaign.yaml fields when the gate checks a campaign's files."""
        try:
            rule_set = self.rule_set(settings)
        except MailgateError as exc:
            return FileResult(message.path, errors=[str(exc)])
        report = mail_server_report(message)
        if report:
            return FileResult(message.path, None, f"{report}, written by a mail server: not checked")
        doc = self.document(message, settings, rule_set.lexicons)
        doc.manifest = manifest
        result = FileResult(message.path, doc.kind, doc.kind_reason, doc.lang, doc.lang_reason)
        if self.keep_preview:
            result.preview = {"subject": doc.field("subject"), "from": doc.field("from"), "to": doc.field("to"),
                              "html": message.html, "text": doc.text}
        findings: list[Finding] = []
        active: set[str] = set()
        for compiled in rule_set.rules:
            rule = compiled.rule
            if not rule.applies(doc.kind, message.fmt):
                continue
            active.add(rule.id)
            try:
                hits = list(compiled.check(doc))
            except MailgateError as exc:  # the input itself is wrong (a front-matter date …): say it once
                if str(exc) not in result.errors:
                    result.errors.append(str(exc))
                continue
            except Exception as exc:  # noqa: BLE001 — a failing check is reported by name, the run goes on
                result.errors.append(f"rule {rule.id!r} (check {rule.check}"
                                     f"{' ' + str(rule.options.get('plugin')) if rule.check == 'plugin' else ''}) "
                                     f"raised {type(exc).__name__}: {exc}")
                continue
            findings.extend(make_finding(rule, doc.kind, hit) for hit in hits)
        # After the rules: reading the views (HTML parse, limits) may add defects too.
        findings.extend(Finding(PARSE_WARNING_ID, Severity.INFO, defect, None, None, "RFC 5322/2045",
                                "Fix the message's encoding or structure.") for defect in message.defects)
        findings, result.suppressed = apply_suppressions(findings, parse_suppressions(message.source),
                                                         rule_set.all_rules, active)
        ignored = _per_file_ignores(message.path, settings)
        if not selected(UNUSED_RULE_ID, None, settings.get("ignore")):
            ignored.add(UNUSED_RULE_ID)
        result.findings = _distinct(sorted((f for f in findings if f.rule not in ignored),
                                           key=lambda f: (f.line or 0, f.column or 0, f.rule)))
        return result

    def document(self, message: Message, settings: Settings, lexicons: Lexicons) -> Document:
        """Resolve kind and language, and wrap the message for the rules."""
        has_form = bool(message.html and not message.is_mail and _FORM_WITH_EMAIL.search(message.html))
        kind, kind_reason = resolve_kind(message, settings.get("kinds"), has_form)
        languages = tuple(settings.get("languages") or SUPPORTED_LANGUAGES)
        doc = Document(message, lexicons, kind=kind, kind_reason=kind_reason, settings=settings.data)
        html_lang = doc.html_view.lang if doc.html_view is not None else None
        lang, reason = declared_language(message, html_lang, languages)
        if lang is None:
            # The author's part only: a Polish reply quoting an English message is Polish.
            sample = "\n".join(filter(None, [doc.field("subject"), doc.body_text or doc.text]))
            lang, reason = detect_language(sample, languages, lexicons)
        if lang is None and settings.get("default_lang"):
            lang, reason = settings.get("default_lang"), "configured default_lang"
        doc.lang, doc.lang_reason = lang, reason
        return doc


class _Template(string.Formatter):
    """Fills {placeholders}; a name the check did not supply stays visible instead of raising."""

    def get_value(self, key: Any, args: Any, kwargs: Any) -> Any:
        return kwargs.get(key, "{" + str(key) + "}") if isinstance(key, str) else super().get_value(key, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> str:
        try:
            return super().format_field(value, format_spec)
        except (ValueError, TypeError):
            return str(value)


_TEMPLATE = _Template()


def make_finding(rule: Rule, kind: str, hit: Hit) -> Finding:
    values = {**rule.options, **hit.values}
    try:
        message = _TEMPLATE.format(rule.message, **values)
    except (IndexError, KeyError, ValueError, AttributeError):
        message = rule.message
    severity = rule.severity_for(kind)
    if hit.ceiling is not None and hit.ceiling.rank < severity.rank:
        severity = hit.ceiling
    return Finding(rule.id, severity, message, hit.line, hit.column, rule.source_text, rule.fix)


def _distinct(findings: list[Finding]) -> list[Finding]:
    """One finding per rule and place: a phrase repeated in the text is located at its first
    occurrence, and reporting the same place twice tells the reader nothing new."""
    seen: set[tuple[str, int, int]] = set()
    kept = []
    for finding in findings:
        if finding.line is not None:
            key = (finding.rule, finding.line, finding.column or 0)
            if key in seen:
                continue
            seen.add(key)
        kept.append(finding)
    return kept


def _per_file_ignores(path: str, settings: Settings) -> set[str]:
    ignored: set[str] = set()
    for pattern, ids in (settings.get("per_file_ignores") or {}).items():
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path, "*/" + pattern.lstrip("/")):
            ignored.update(ids)
    return ignored


def _as_data(rule: Rule) -> dict[str, Any]:
    """A configured rule back in file form, so overridden thresholds are validated too."""
    severity: Any = rule.severity.value
    data = {"id": rule.id, "title": rule.title, "source": rule.source, "applies_to": list(rule.applies_to),
            "severity": severity, "check": rule.check, "message": rule.message, "fix": rule.fix,
            "examples": rule.examples, **rule.options}
    if rule.target is not None:
        data["target"] = rule.target
    return data


def _override_cache(registry: Registry) -> "ValidationCache | None":
    from mailgate.rules.loader import rule_validation_cache
    from mailgate.validation_cache import cache_enabled

    return rule_validation_cache(registry.validator) if cache_enabled(registry.use_cache) else None


def _validate_override(registry: Registry, rule: Rule, where: str, cache: "ValidationCache | None") -> None:
    """A rule with configured thresholds is validated like a rule file, and remembered like one."""
    from mailgate.validation_cache import data_digest

    data = _as_data(rule)
    digest = data_digest(data)
    if cache is None or not cache.known(digest):
        registry.validator.validate(data, where)
        if cache is not None:
            cache.add(digest)


def _field_holding(rule: Rule, pattern: str) -> str | None:
    for name, value in rule.options.items():
        if value == pattern or (isinstance(value, list) and pattern in value):
            return name
    return None


def _check_lexicons(compiled: list[CompiledRule], lexicons: Lexicons) -> None:
    known = lexicons.names()
    for item in compiled:
        names = item.rule.options.get("lexicon") or []
        for name in [names] if isinstance(names, str) else names:
            if name not in known:
                raise RuleError(f"unknown lexicon {name!r}", path=item.rule.path, rule=item.rule.id, field="lexicon")
