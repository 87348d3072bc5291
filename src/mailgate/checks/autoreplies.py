"""Named checks for auto-replies: an acknowledgment says when the full answer comes (000 §4,
001), an after-hours notice says when a person will answer (004), and the reply carries
RFC 3834 headers and never answers no-reply senders, lists or other robots."""

from __future__ import annotations

from email.utils import getaddresses
from typing import Callable, Iterator

import regex

from mailgate.addresses import local_part_matches
from mailgate.checks.base import Hit
from mailgate.checks.named import PATTERNS_OR_LEXICON, NamedCheck, lexicon_option, pattern_option
from mailgate.document import Document
from mailgate.hookspecs import hookimpl
from mailgate.lexicon import PhraseMatcher
from mailgate.reply_context import message_date
from mailgate.rules.model import Rule
from mailgate.text.deadlines import DeadlineMatcher, deadline_matcher
from mailgate.text.tokens import words

AUTOMATED_PRECEDENCE = frozenset({"bulk", "list", "junk"})
FOLLOW_UP_EXTRA_WORDS = 1  # "Usually within 24 hours." leans on the sentence before; "Orders ship within 24 hours." does not
SEMICOLON_FOLLOW_UP_EXTRA_WORDS = 4  # "We will reply; in most cases within 2 business days." — still one sentence
_ASIDE = regex.compile(r"\([^()\n]*\)")


def after_hours(doc: Document, rule: Rule) -> str | None:
    """Why this auto-reply is an after-hours notice: its words, or its Date outside business hours."""
    notice = doc.lexicons.matcher(rule.options["office_hours_lexicon"], doc.lang).search(doc.body_text)
    if notice is not None:
        return f"it mentions “{notice.text}”"
    calendar = doc.calendar
    sent = message_date(doc.message, calendar.tz)
    if sent is not None and not calendar.always_open and not calendar.is_open(sent):
        return f"it was sent outside business hours ({sent.isoformat(timespec='minutes')})"
    return None


def _says_when(doc: Document, rule: Rule) -> bool:
    """A deadline in a sentence that says someone answers ("we will reply within 2 working days").

    "Orders ship within 24 hours" or "kits fruit within 10–14 days" name a time, not the answer's.
    An out-of-office names its day in one sentence and points back to it in the answer ("I am
    away until Monday 30 November. I will reply on that day.", "… when I'm back": ``return_lexicon``);
    a bare follow-up ("Usually within 24 hours.") leans on the sentence before it. A semicolon
    parts clauses as a full stop does ("Closed this Friday; we will reply soon" names no answer's day), and
    a bracketed aside of an earlier clause than the answer's dates something else, and an answer
    word that only marks where a time starts ("within 3 days of accepting the quote":
    ``answer_exceptions_lexicon``) is no answer. With
    ``answer_lexicon: none`` any deadline phrase counts.
    """
    deadlines = _deadlines(doc, rule)
    if deadlines.search(doc.body_text) is None:
        return False
    if rule.options.get("answer_lexicon", "none") == "none":
        return True
    answers = doc.lexicons.matcher(lexicon_option(doc, rule, "answer_lexicon"), doc.lang)
    on_return, joiners = _optional_matcher(doc, rule, "return_lexicon"), _optional_matcher(doc, rule, "joiner_lexicon")
    not_answers = _optional_matcher(doc, rule, "answer_exceptions_lexicon")
    previous_answers = False
    clauses = [(index > 0, clause) for sentence in doc.sentences for index, clause in enumerate(sentence.split(";"))]
    for after_semicolon, sentence in clauses:
        answer = next(answers.finditer_outside(sentence, not_answers), None)
        answers_here = answer is not None
        day = deadlines.search(_without_asides_before(sentence, answer.start, joiners) if answer else sentence)
        if answers_here and (day is not None or on_return.search(sentence) is not None):
            return True
        extra = SEMICOLON_FOLLOW_UP_EXTRA_WORDS if after_semicolon else FOLLOW_UP_EXTRA_WORDS
        follow_up = day is not None and len(words(sentence)) - len(words(day)) <= extra
        if follow_up and previous_answers:
            return True
        previous_answers = answers_here
    return False


def _optional_matcher(doc: Document, rule: Rule, option: str) -> PhraseMatcher:
    """The lexicon an option names, or one that matches nothing when the rule leaves it out."""
    return doc.lexicons.matcher(lexicon_option(doc, rule, option), doc.lang) if rule.options.get(option) else PhraseMatcher([])


def _without_asides_before(sentence: str, position: int, joiners: PhraseMatcher) -> str:
    """``sentence`` without the bracketed asides of an earlier clause than the answer word at ``position``.

    An aside dates what it follows: "the master is at the festival in Novgorod (3–5 October) and
    will reply as soon as he can" names the festival's days, not the answer's; a comma or a
    joining word (``joiner_lexicon``) between the aside and the answer word shows the clause
    changed. An aside in the answer's own clause is the answer's: "Wir werden uns (innerhalb von
    48 Stunden) bei Ihnen melden", "we will reply soon (within 2 working days)".
    """
    def earlier_clause(aside: regex.Match[str]) -> bool:
        between = sentence[aside.end():position]
        return aside.end() <= position and ("," in between or joiners.search(between) is not None)

    return _ASIDE.sub(lambda aside: " " if earlier_clause(aside) else aside.group(), sentence)


def _deadlines(doc: Document, rule: Rule) -> DeadlineMatcher:
    return deadline_matcher(doc.lexicons, doc.lang, rule.options["deadline_lexicon"])


def _other_time(doc: Document, rule: Rule) -> str:
    """When the text names a time that is not the answer's, say so: the author will look for it."""
    found = _deadlines(doc, rule).search(doc.body_text)
    return f"; “{found}” is not said of the answer" if found else ""


def check_acknowledgment_deadline(doc: Document, rule: Rule) -> Iterator[Hit]:
    if not _says_when(doc, rule):
        yield Hit(None, None, {"lang": doc.lang or "any language", "detail": _other_time(doc, rule)})


def check_autoreply_business_hours(doc: Document, rule: Rule) -> Iterator[Hit]:
    reason = after_hours(doc, rule)
    if reason is not None and not _says_when(doc, rule):
        yield Hit(None, None, {"reason": reason, "detail": _other_time(doc, rule)})


def check_autoreply_headers(doc: Document, rule: Rule) -> Iterator[Hit]:
    message = doc.message
    submitted = (message.header("Auto-Submitted") or "").strip().lower()
    if not submitted.startswith("auto-replied"):
        found = f"Auto-Submitted: {submitted}" if submitted else "no Auto-Submitted header"
        yield Hit(doc.locator.line_of_prefix("Auto-Submitted:") or 1, 1,
                  {"problem": f"it has {found}, not `Auto-Submitted: auto-replied` (RFC 3834 §5)"})
    patterns = pattern_option(doc, rule, "noreply_patterns")
    for _, address in getaddresses([doc.field("to")]):
        if address and local_part_matches(address, patterns):
            yield Hit(doc.field_line("to"), 1, {"problem": f"it is addressed to {address}, a no-reply address"})
    customer = message.customer
    if customer is not None and (why := automated_reason(customer.header)):
        yield Hit(doc.field_line("to"), 1, {"problem": f"it answers a message that {why} (RFC 3834 §2)"})


def automated_reason(header: Callable[[str], str | None]) -> str | None:
    """Why a message must not get an automatic reply: list mail, bulk mail, or a robot's own reply.

    ``header`` looks up a header by name (``Message.header``, or a mailbox scanner's own lookup).
    """
    submitted = (header("Auto-Submitted") or "no").strip().lower()
    if submitted != "no":
        return f"is itself automatic (Auto-Submitted: {submitted})"
    if header("List-Id"):
        return "came from a mailing list (List-Id)"
    precedence = (header("Precedence") or "").strip().lower()
    if precedence in AUTOMATED_PRECEDENCE:
        return f"is bulk or list mail (Precedence: {precedence})"
    return None


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    lexicon = {"type": "string", "description": "Lexicon name under rules/lexicons/<lang>/."}
    answers = {"type": "string", "description": "Lexicon of words that say someone answers; a deadline counts "
                                                "only in a sentence holding one ('none': any deadline counts)."}
    on_return = {"type": "string", "description": "Lexicon of phrases that point back to a day the message names "
                                                  "('when I'm back', 'on that day'); needed with answer_lexicon."}
    joiners = {"type": "string", "description": "Lexicon of words that join clauses ('and', 'und'): a bracketed "
                                                 "date before one of them and the answer word dates something else."}
    not_answers = {"type": "string", "description": "Lexicon of phrases in which an answer word only marks "
                                                    "where a time starts ('of accepting the quote')."}
    deadline = {"deadline_lexicon": lexicon, "answer_lexicon": answers, "return_lexicon": on_return,
                "joiner_lexicon": joiners, "answer_exceptions_lexicon": not_answers}
    when = {**deadline, "office_hours_lexicon": lexicon}
    return [
        NamedCheck("acknowledgment-deadline", check_acknowledgment_deadline, deadline,
                   "An auto-acknowledgment (holiday and after-hours notices too) must name when the answer comes."),
        NamedCheck("autoreply-business-hours", check_autoreply_business_hours, when,
                   "An after-hours auto-reply (office-hours words, or sent while closed) must say when a person answers."),
        NamedCheck("autoreply-headers", check_autoreply_headers,
                   {"noreply_patterns": {**PATTERNS_OR_LEXICON,
                                         "description": "Local parts that must never get an auto-reply: a pattern "
                                                        "lexicon's name (noreply_senders) or RE2 patterns."}},
                   "RFC 3834: Auto-Submitted: auto-replied; never to no-reply, list or automatic senders."),
    ]
