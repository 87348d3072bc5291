"""The ``recipient`` check kind and the built-in recipient tests, run a batch at a time.

A rule file says ``check: recipient`` and ``test: <name>``; the gate hands every batch of
audience rows to the ``mailgate_recipient_checks`` hook, and this module answers for the
tests below. Each test turns a ledger slice (a dict keyed by normalised address) into the
row indexes it excludes, with the values its message shows.
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from itertools import compress
from typing import TYPE_CHECKING, Any, Callable, Iterator

from mailgate.checks.base import Check, CheckKind, CompileContext, Hit
from mailgate.hookspecs import hookimpl
from mailgate.ledger.view import CONSENT_FIELDS, SEP
from mailgate.rules.model import Rule

if TYPE_CHECKING:  # the gate's modules load only when the gate runs (start-up time of `check`)
    from mailgate.gate.context import GateContext
    from mailgate.ledger.view import Keyed
    from mailgate.load.audience import RecipientBatch

Hits = list[tuple[int, dict[str, Any]]]
COMPLETE = 4 * 16 + 15  # every consent field filled (see LedgerView.consent)

# RFC 5321/5322 dot-atom local part of at most 64 characters (RFC 6531: non-ASCII letters too,
# but no Unicode space or control), then LDH labels with an alphabetic or punycode top-level
# label. Domains arrive already in IDNA form; one that could not be encoded keeps its
# non-ASCII letters and fails here. One regex runs over a whole batch joined by newlines
# (re.sub in C instead of a Python call per address).
_NON_ASCII_VISIBLE = ("\u00a1-\u167f\u1681-\u1fff\u200b-\u2027\u202a-\u202e\u2030-\u205e"
                      "\u2060-\u2fff\u3001-\ufefe\uff00-\U0010ffff")
_ATOM = rf"[a-z0-9!#$%&'*+/=?^_`{{|}}~\-{_NON_ASCII_VISIBLE}]+"
_VALID_LINE = re.compile(rf"^(?=[^@\n]{{1,64}}@){_ATOM}(?:\.{_ATOM})*@(?=[^\n]{{4,253}}$)"
                         rf"(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:[a-z]{{2,63}}|xn--[a-z0-9-]{{1,59}})$",
                         re.MULTILINE)


def invalid_rows(keys: list[str]) -> list[int]:
    """Indexes of keys that are not valid addresses (empty ones included)."""
    joined = "\n".join(keys)
    if joined.count("\n") != len(keys) - 1:  # a newline inside a key: judge one by one
        return [i for i, key in enumerate(keys) if "\n" in key or not _VALID_LINE.fullmatch(key)]
    leftover = _VALID_LINE.sub("", joined).split("\n")
    bad = set(compress(range(len(keys)), leftover)) | set(compress(range(len(keys)), map(operator.not_, keys)))
    if not joined.isascii():  # 64 is a limit in octets; a non-ASCII letter takes two to four
        bad |= {i for i, key in enumerate(keys) if not key.isascii() and len(key.rpartition("@")[0].encode()) > 64}
    return sorted(bad)


def records(keyed: "Keyed", batch: "RecipientBatch") -> list[Any]:
    """The slice's record for every row (None where the ledger has none), by address, then by contact id.

    Remembered per batch: several rules read the same slice (consent, preferences).
    """
    found = batch.lookups.get(id(keyed))
    if found is None:
        found = list(map(keyed.by_email.get, batch.keys))
        if keyed.by_contact:
            get, contact_ids = keyed.by_contact.get, batch.contact_ids
            for i in [i for i, record in enumerate(found) if record is None and contact_ids[i]]:
                found[i] = get(contact_ids[i])
        batch.lookups[id(keyed)] = found
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
    for i, score in enumerate(records(consent, batch)):
        if score is not None and score < COMPLETE:
            missing = [name for name, at in positions if not score & (1 << at)]
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
    return [(i, {"address": batch.emails[i].strip(), "problem": "not a valid address" if batch.keys[i] else "no address"})
            for i in invalid_rows(batch.keys)]


def _duplicate(batch: "RecipientBatch", gate: "GateContext", rule: Rule) -> Hits:
    """Later rows of an address already seen (in this batch or an earlier one) are duplicates.

    Set operations find the few candidate rows; only those are walked in order.
    """
    seen, keys = gate.seen, batch.keys
    present = [key for key in keys if key]
    distinct = set(present)
    earlier = distinct & seen
    repeated = {key for key, count in Counter(present).items() if count > 1} if len(distinct) != len(present) else set()
    seen |= distinct
    suspects = earlier | repeated
    if not suspects:
        return []
    first_here: set[str] = set()
    hits: Hits = []
    for i, key in enumerate(keys):
        if key in suspects:
            if key in earlier or key in first_here:
                hits.append((i, {"address": key}))
            else:
                first_here.add(key)
    return hits


def _cross_channel(batch: "RecipientBatch", gate: "GateContext", rule: Rule) -> Hits:
    days = rule.options.get("window_days", 7)
    others = gate.ledger.other_campaigns(days, gate.campaign.id)
    return [(i, {"campaign": campaign, "channel": channel, "department": department or "?", "when": when[:10],
                 "origin": origin, "days": days})
            for i, (campaign, channel, department, when, origin) in hits_with(others, batch)]


def _frequency_cap(batch: "RecipientBatch", gate: "GateContext", rule: Rule) -> Hits:
    """A cap of N allows N sends in the window including this one: N earlier sends exclude.

    The contact's own cap (preferences max_sends/per_days) wins over the rule's.
    """
    limit, days = rule.options.get("max", 4), rule.options.get("per_days", 30)
    channel = gate.campaign.channel if rule.options.get("count_channels", "same") == "same" else None
    preferences = records(gate.ledger.preferences(), batch)
    personal = {i: record.split(SEP) for i, record in enumerate(preferences) if record is not None}
    personal = {i: fields for i, fields in personal.items() if fields[2]}
    counts = records(gate.ledger.send_counts(days, channel), batch)
    hits: Hits = [(i, {"count": count, "max": limit, "days": days, "whose": "the global"})
                  for i, count in enumerate(counts) if count is not None and count >= limit and i not in personal]
    for i, (_, _, max_sends, per_days) in personal.items():
        own_limit, own_days = int(max_sends), int(per_days or days)
        count = gate.ledger.send_counts(own_days, channel).get(batch.keys[i], batch.contact_ids[i]) or 0
        if count >= own_limit:
            hits.append((i, {"count": count, "max": own_limit, "days": own_days, "whose": "the contact's own"}))
    hits.sort(key=lambda hit: hit[0])
    return hits


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
