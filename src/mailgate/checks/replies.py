"""Named checks for reply drafts: answered in time (000 §4, 002 §1), apologised when late
(000 §15), and every question of the customer addressed (002 §4)."""

from __future__ import annotations

from typing import Any, Iterator

from mailgate.checks.base import Hit
from mailgate.checks.named import NamedCheck
from mailgate.document import Document
from mailgate.hookspecs import hookimpl
from mailgate.reply_context import ReplyTiming, target_hours
from mailgate.rules.model import Rule
from mailgate.text.deadlines import deadline_matcher
from mailgate.text.questions import unanswered_questions

MAX_HOURS = {"type": "number", "exclusiveMinimum": 0,
             "description": "Reply target in business hours (sla.reply_hours in the configuration sets it for all)."}


def reply_timing(doc: Document, rule: Rule) -> ReplyTiming | None:
    """None when the draft does not say when the customer wrote (nothing to judge)."""
    received = doc.received_at
    if received is None:
        return None
    drafted = doc.drafted_at
    hours = target_hours(doc.settings, rule.id, rule.options["max_hours"])
    return ReplyTiming(received, drafted, doc.calendar.business_hours(received, drafted), hours)


def _timing_line(doc: Document) -> int | None:
    return doc.field_line("received_at") or doc.field_line("drafted_at") or doc.field_line("date")


def check_reply_sla(doc: Document, rule: Rule) -> Iterator[Hit]:
    timing = reply_timing(doc, rule)
    if timing is not None and timing.late:
        yield Hit(_timing_line(doc), 1, {**timing.values(), "calendar": doc.calendar.describe})


def check_late_reply_apology(doc: Document, rule: Rule) -> Iterator[Hit]:
    timing = reply_timing(doc, rule)
    if timing is None or not timing.late:
        return
    apologies = doc.lexicons.matcher(rule.options["apology_lexicon"], doc.lang)
    exceptions = doc.lexicons.matcher(rule.options.get("apology_exceptions", "apology_exceptions"), doc.lang)
    if next(apologies.finditer_outside(doc.body_text, exceptions), None) is None:
        yield Hit(_timing_line(doc), 1, {**timing.values(), "lang": doc.lang or "any language"})


def check_questions_answered(doc: Document, rule: Rule) -> Iterator[Hit]:
    when = doc.lexicons.matcher(rule.options["when_lexicon"], None)  # the customer's language may differ
    names_time = deadline_matcher(doc.lexicons, doc.lang).search(doc.body_text) is not None
    asked, missed = unanswered_questions(_customer_text(doc), doc.body_text, rule.options["min_stem"],
                                         asks_when=lambda q: when.search(q) is not None, reply_names_time=names_time)
    if len(asked) >= rule.options["min_questions"] and missed:
        first = missed[0]
        yield Hit(None, None, {"asked": len(asked), "missed": len(missed),
                               "question": first if len(first) <= 90 else first[:87] + "..."})


def _customer_text(doc: Document) -> str:
    """The customer's own words: their message when known, else what the draft quotes of it."""
    if doc.customer_message is not None:
        return doc.customer_message.body_text
    return "\n".join(line.lstrip().lstrip(">").strip() for line in doc.parts.quoted.split("\n"))


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    lexicon: dict[str, Any] = {"type": "string", "description": "Lexicon of apologies (per language)."}
    return [
        NamedCheck("reply-sla", check_reply_sla, {"max_hours": MAX_HOURS},
                   "Business hours between received_at (or the customer's Date) and drafted_at (or the Date)."),
        NamedCheck("late-reply-apology", check_late_reply_apology,
                   {"max_hours": MAX_HOURS, "apology_lexicon": lexicon,
                    "apology_exceptions": {"type": "string",
                                           "description": "Lexicon of sympathy phrases that are no apology for the wait."}},
                   "A reply later than max_hours must apologise in its own language."),
        NamedCheck("questions-answered", check_questions_answered,
                   {"min_questions": {"type": "integer", "minimum": 1},
                    "min_stem": {"type": "integer", "minimum": 3,
                                 "description": "Letters two words share to count as the same word (inflection)."},
                    "when_lexicon": {"type": "string",
                                     "description": "Words that ask when; a time or deadline in the reply answers them."}},
                   "Questions in the customer's message whose key words the reply never mentions."),
    ]
