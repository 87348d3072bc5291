"""The ``recipient`` check kind and the built-in recipient tests, run a batch at a time.

A rule file says ``check: recipient`` and ``test: <name>``; the gate hands every batch of
audience rows to the ``mailgate_recipient_checks`` hook, and this module answers for the
tests below. Each test turns a ledger slice (a dict keyed by normalised address) into the
row indexes it excludes, with the values its message shows.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable, Iterator

from mailgate.checks.base import Check, CheckKind, CompileContext, Hit
from mailgate.hookspecs import hookimpl
from mailgate.ledger.view import SEP
from mailgate.rules.model import Rule

if TYPE_CHECKING:  # the gate's modules load only when the gate runs (start-up time of `check`)
    from mailgate.gate.context import GateContext
    from mailgate.ledger.view import Keyed
    from mailgate.load.audience import RecipientBatch

Hits = list[tuple[int, dict[str, Any]]]
CONSENT_FIELDS = ("given_by", "given_at", "method", "notice_version")

# RFC 5321/5322 dot-atom local part (RFC 6531: any non-ASCII letter too), then LDH labels
# with an alphabetic or punycode top-level label. Domains arrive already in IDNA form; one
# that could not be encoded keeps its non-ASCII letters and fails here.
_LOCAL_CHAR = r"(?:[a-z0-9!#$%&'*+/=?^_`{|}~-]|[^\x00-\x7f\s])"
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_ADDRESS = re.compile(rf"{_LOCAL_CHAR}+(?:\.{_LOCAL_CHAR}+)*@(?=.{{4,253}}$)(?:{_LABEL}\.)+(?:[a-z]{{2,63}}|xn--[a-z0-9-]{{1,59}})")


def records(keyed: "Keyed", batch: "RecipientBatch") -> list[Any]:
    """The slice's record for every row (None where the ledger has none), address first, then contact id."""
    found = list(map(keyed.by_email.get, batch.keys))
    if keyed.by_contact:
        by_contact = list(map(keyed.by_contact.get, batch.contact_ids))
        found = [mine if mine is not None else theirs for mine, theirs in zip(found, by_contact)]
    return found


def hits_with(keyed: "Keyed", batch: "RecipientBatch") -> Iterator[tuple[int, list[str]]]:
    """(row index, unpacked record) for the rows the slice knows."""
    for i, record in enumerate(records(keyed, batch)):
        if record is not None:
            yield i, record.split(SEP)


def _consent_missing(batch: "RecipientBatch", gate: "GateContext", rule: Rule) -> Hits:
    campaign = gate.campaign
    if campaign.kind in rule.options.get("exempt_kinds", ["transactional"]):
        return []
    consent = gate.ledger.consent(campaign.topic, campaign.channel)
    values = {"topic": campaign.topic, "channel": campaign.channel}
    return [(i, values) for i, record in enumerate(records(consent, batch)) if record is None]


def _consent_incomplete(batch: "RecipientBatch", gate: "GateContext", rule: Rule) -> Hits:
    wanted = rule.options.get("fields", list(CONSENT_FIELDS))
    positions = [(name, CONSENT_FIELDS.index(name)) for name in wanted]
    hits: Hits = []
    consent = gate.ledger.consent(gate.campaign.topic, gate.campaign.channel)
    for i, flags in enumerate(records(consent, batch)):
        if flags is not None and flags != "1111":
            missing = [name for name, at in positions if flags[at] == "0"]
            if missing:
                hits.append((i, {"missing": ", ".join(missing)}))
    return hits


def _suppressed(batch: "RecipientBatch", gate: "GateContext", rule: Rule) -> Hits:
    hits: Hits = []
    for i, (reason, topic, department, source, when) in hits_with(gate.ledger.suppressions(gate.campaign.topic), batch):
        hits.append((i, {"reason": reason, "scope": "every topic" if topic == "*" else f"topic {topic}",
                         "department": department or "?", "source": source, "when": when[:10]}))
    return hits


def _hard_bounced(batch: "RecipientBatch", gate: "GateContext", rule: Rule) -> Hits:
    return [(i, {"status": status or "hard", "when": when[:10], "diagnostic": diagnostic[:80]})
            for i, (status, when, diagnostic) in hits_with(gate.ledger.hard_bounces(), batch)]


def _soft_bounce_limit(batch: "RecipientBatch", gate: "GateContext", rule: Rule) -> Hits:
    limit, days = rule.options.get("max", 3), rule.options.get("window_days", 30)
    return [(i, {"count": int(count), "max": limit, "days": days, "when": when[:10]})
            for i, (count, when) in hits_with(gate.ledger.soft_bounces(days), batch) if int(count) >= limit]


def _invalid_address(batch: "RecipientBatch", gate: "GateContext", rule: Rule) -> Hits:
    fullmatch = _ADDRESS.fullmatch
    hits: Hits = []
    for i, key in enumerate(batch.keys):
        if not key:
            hits.append((i, {"address": "", "problem": "no address"}))
        elif fullmatch(key) is None or len(key.partition("@")[0].encode("utf-8")) > 64:
            hits.append((i, {"address": batch.emails[i].strip(), "problem": "not a valid address"}))
    return hits


def _duplicate(batch: "RecipientBatch", gate: "GateContext", rule: Rule) -> Hits:
    seen = gate.seen
    hits: Hits = []
    for i, key in enumerate(batch.keys):
        if key:
            if key in seen:
                hits.append((i, {"address": key}))
            else:
                seen.add(key)
    return hits


def _cross_channel(batch: "RecipientBatch", gate: "GateContext", rule: Rule) -> Hits:
    days = rule.options.get("window_days", 7)
    others = gate.ledger.other_campaigns(days, gate.campaign.id)
    return [(i, {"campaign": campaign, "channel": channel, "department": department or "?", "when": when[:10],
                 "origin": origin, "days": days})
            for i, (campaign, channel, department, when, origin) in hits_with(others, batch)]


def _frequency_cap(batch: "RecipientBatch", gate: "GateContext", rule: Rule) -> Hits:
    """A cap of N allows N sends in the window including this one: N earlier sends exclude."""
    default_max, default_days = rule.options.get("max", 4), rule.options.get("per_days", 30)
    channel = gate.campaign.channel if rule.options.get("count_channels", "same") == "same" else None
    preferences = [None if r is None else r.split(SEP) for r in records(gate.ledger.preferences(), batch)]
    hits: Hits = []
    for (limit, days), rows in _group_by_cap(preferences, default_max, default_days).items():
        counts = gate.ledger.send_counts(days, channel)
        by_email, by_contact = counts.by_email, counts.by_contact
        for i in rows:
            count = by_email.get(batch.keys[i]) or (by_contact.get(batch.contact_ids[i]) if batch.contact_ids[i] else 0) or 0
            if count >= limit:
                hits.append((i, {"count": count, "max": limit, "days": days,
                                 "whose": "the contact's own" if preferences[i] and preferences[i][2] else "the global"}))
    hits.sort(key=lambda hit: hit[0])
    return hits


def _group_by_cap(preferences: list[Any], default_max: int, default_days: int) -> dict[tuple[int, int], list[int]]:
    groups: dict[tuple[int, int], list[int]] = {}
    for i, record in enumerate(preferences):
        cap = (default_max, default_days)
        if record is not None and record[2]:
            cap = (int(record[2]), int(record[3] or default_days))
        groups.setdefault(cap, []).append(i)
    return groups


def _topic_opt_out(batch: "RecipientBatch", gate: "GateContext", rule: Rule) -> Hits:
    marker = f"|{gate.campaign.topic}|"
    hits: Hits = []
    for i, (chosen, opted_out, _, _) in hits_with(gate.ledger.preferences(), batch):
        if marker in opted_out:
            hits.append((i, {"topic": gate.campaign.topic, "how": "opted out of it"}))
        elif chosen and marker not in chosen:
            hits.append((i, {"topic": gate.campaign.topic, "how": f"chose only {chosen.strip('|').replace('|', ', ')}"}))
    return hits


TESTS: dict[str, Callable[["RecipientBatch", "GateContext", Rule], Hits]] = {
    "consent": _consent_missing,
    "consent-record": _consent_incomplete,
    "suppressed": _suppressed,
    "hard-bounce": _hard_bounced,
    "soft-bounces": _soft_bounce_limit,
    "address-syntax": _invalid_address,
    "duplicate": _duplicate,
    "other-campaign": _cross_channel,
    "frequency": _frequency_cap,
    "topic-opt-out": _topic_opt_out,
}


@hookimpl
def mailgate_recipient_checks(rules: list[Rule], batch: "RecipientBatch", gate: "GateContext") -> dict[str, Hits]:
    answers: dict[str, Hits] = {}
    for rule in rules:
        test = TESTS.get(rule.options["test"])
        if test is None:
            continue
        channels = rule.options.get("channels")
        answers[rule.id] = [] if channels and gate.campaign.channel not in channels else test(batch, gate, rule)
    return answers


def compile_recipient(rule: Rule, ctx: CompileContext) -> Check:
    """Recipient rules never read a message; the gate runs them over the audience."""
    def check(doc: Any) -> Iterator[Hit]:
        return iter(())

    return check


@hookimpl
def mailgate_check_kinds() -> list[CheckKind]:
    days = {"type": "number", "exclusiveMinimum": 0}
    return [CheckKind("recipient", compile_recipient, {
        "test": {"type": "string", "description": f"built-in: {', '.join(TESTS)}; plugins may add more"},
        "channels": {"type": "array", "items": {"enum": ["email", "postal", "phone", "sms"]},
                     "description": "campaign channels the rule applies to (default all)"},
        "exempt_kinds": {"type": "array", "items": {"enum": ["campaign", "transactional"]}},
        "fields": {"type": "array", "items": {"enum": list(CONSENT_FIELDS)}, "minItems": 1},
        "max": {"type": "integer", "minimum": 1},
        "window_days": days,
        "per_days": days,
        "count_channels": {"enum": ["same", "all"]},
        "exclude": {"type": "boolean", "description": "a hit drops the row (default: when severity is block)"},
    }, required=("test",), needs_target=False,
        description="A ledger check per recipient, run by `mailgate gate` over the audience in batches.")]
