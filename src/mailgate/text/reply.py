"""The parts of a written message: the author's words, the quoted history, the signature.

Rules about tone, length and greetings read the author's part only; a Polish reply that
quotes an English message is judged on the Polish.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from mailgate.lexicon import PhraseMatch, PhraseMatcher
from mailgate.templating import TEMPLATE_TAG
from mailgate.text.tokens import sentences, words

HORIZONTAL_RULE = regex.compile(r"^\s*(?:([-_=~*#+─━—–·.•])\s?\1?){5,}\s*$")
SIGNATURE_DELIMITER = regex.compile(r"^--\s?$")
# Header blocks of a forwarded or quoted message, in the five languages' mail clients.
ORIGINAL_MESSAGE = regex.compile(
    r"^\s*(?:-{2,}\s*(?:original message|forwarded message|ursprüngliche nachricht|weitergeleitete nachricht"
    r"|mensaje original|mensaje reenviado|oryginalna wiadomość|wiadomość przekazana|исходное сообщение"
    r"|пересылаемое сообщение|переадресованное сообщение)\s*-{2,})\s*$",
    regex.IGNORECASE,
)
# A sentence of running text, not a signature line ("Your order shipped today and arrives Monday.").
PROSE_LINE = regex.compile(r"^(?:\S+\s+){5,}\S*[.!?…]\s*$")
OPEN_ENDED = frozenset({"closing", "rule"})  # methods that find where a signature starts, not where it ends
CLOSING_MAX_CHARS = 80  # "Mit freundlichen Grüßen aus Berlin" — a closing line is short
NAME_MAX_WORDS = 4  # "Dr. Anna Maria Kowalska"
CLOSING_EXTRA_WORDS = 5  # words a valediction line may hold besides its phrase ("… und hoffentlich bis bald")
TRAILING_PUNCTUATION = regex.compile(r"[\s\p{P}\p{S}]+")
QUOTE_HEADER_FIELD = regex.compile(r"^\s*(?:from|von|de|od|от)\s*:\s*\S", regex.IGNORECASE)
SIGNATURE_WINDOW = 12
_DIGIT = regex.compile(r"\d")
_VOCATIVE = regex.compile(r"(?:\p{Lu}[\p{L}'’-]*\.?\s+){0,2}\p{Lu}[\p{L}'’-]*,\s*")  # "Frau Weber, "
# What a mail client's attribution line holds: an address, a clock time, a year or a numeric date —
# not any number ("… на 30 гостей. Вы написали, что … предлагаю:" is the author's prose).
_DATE_OR_ADDRESS = regex.compile(r"@|\d{1,2}:\d\d|\b\d{4}\b|\b\d{1,2}[./]\d{1,2}\b")
_DATED_ADDRESS_COLON = regex.compile(r"^(?=.*\d\d?:\d\d).*<[^<>@\s]+@[^<>\s]+>\s*:$")


@dataclass(frozen=True)
class Signature:
    lines: tuple[str, ...]
    first_index: int
    framed_above: bool
    framed_below: bool
    method: str
    block_start: int = -1  # index of the delimiter or upper rule that opens the block (-1: none)


@dataclass(frozen=True)
class Parts:
    """A message split into what its author wrote, what it quotes, and its signature."""

    author_lines: tuple[str, ...]
    quoted: str
    signature: Signature | None

    @property
    def author_text(self) -> str:
        return "\n".join(self.author_lines)

    @property
    def body_lines(self) -> tuple[str, ...]:
        """The author's lines without the signature (what body-length and tone rules read)."""
        if self.signature is None:
            return self.author_lines
        start = self.signature.block_start if self.signature.block_start >= 0 else self.signature.first_index
        return self.author_lines[:max(start, 0)]

    @property
    def body_text(self) -> str:
        return "\n".join(self.body_lines).strip()

    def greeting(self, greetings: PhraseMatcher | None = None, window: int = 3) -> str:
        """The salutation line; "" when no line opens with a greeting (without a lexicon: the first line).

        A greeting opens the author's text: the first line opens with it, or — after a logo's
        alt text or a headline in a campaign — a short line among the first ``window`` does
        ("Hola, Beatriz:"). "Evening classes start on…" on line 2 is a sentence, not a greeting,
        and neither is "Your parcel came back this morning" on line 1; after such a sentence a
        short "Доброй ночи!" says goodbye.
        """
        if greetings is None:
            return self.first_line
        for number, line in enumerate([line.strip() for line in self.body_lines if line.strip()][:window]):
            ends_wrapped_sentence = line[0].islower() and line.endswith(".")  # "afternoon." below line 1
            if _greets(line, greetings) and (number == 0 or _is_short(line) and not ends_wrapped_sentence):
                return line
            if line.endswith(".") and len(words(line)) >= PROSE_MIN_WORDS:
                break
        return ""

    @property
    def first_line(self) -> str:
        return next((line.strip() for line in self.body_lines if line.strip()), "")

    def closing(self, closings: PhraseMatcher | None = None, window: int = 3) -> str:
        """The valediction: the last of the closing lines that opens with (or is) a closing phrase;
        a long one ("Thanks for the photos …") only with nothing but short lines after it.

        "Wir haben Montag bis Samstag geöffnet." holds "bis Samstag" mid-sentence; that is a
        fact, not a goodbye. Without such a line: "" (no closing).
        """
        tail = [line.strip() for line in self.body_lines if line.strip()][-window:]
        if closings is None:
            return "\n".join(tail)
        after_prose = False  # a paragraph after "Thanks for …" is the message going on, not a goodbye;
        for line in reversed(tail):  # a short "Kind regards," above a legal footer still counts
            if _is_closing_line(line, closings) and (not after_prose or _is_short(line)):
                return line
            after_prose = after_prose or not _is_short(line)
        return ""


SHORT_LINE = 40
PROSE_MIN_WORDS = 3  # a line of this many words ending in "." is a sentence, not a headline or a logo's alt text


def _is_short(line: str) -> bool:
    """A line of a salutation's or valediction's length; a merge tag counts as the name it becomes
    ('Hello {{ first_name | default: "there" }},')."""
    return len(TEMPLATE_TAG.sub("Name", line)) <= SHORT_LINE


def _opens_with(line: str, phrases: PhraseMatcher) -> bool:
    match = phrases.search(line)
    return match is not None and match.start <= 2


def _greets(line: str, greetings: PhraseMatcher) -> bool:
    """Opens with a greeting, or with the reader's name and then one ("Анна, добрый вечер!",
    "Frau Weber, guten Tag,", "María, buenos días:")."""
    if _opens_with(line, greetings):
        return True
    name = _VOCATIVE.match(line)
    return name is not None and _opens_with(line[name.end():], greetings)


def _is_closing_line(line: str, closings: PhraseMatcher) -> bool:
    """A line that opens with a closing phrase, or a short line that holds one ("Again, many thanks!").

    A single sentence holding one counts when it opens with it or trails off with a comma ("With
    apologies again, and best wishes to the tower,"). A paragraph of several sentences is not a
    closing line, even when it opens with "Thank you for getting in touch." — the thanks that open
    a reply are not a goodbye; but its last sentence may be one, when short and not a statement
    ending in a full stop: "See you under water! Warm regards," but not "… reply and I will confirm
    it. See you on Thursday, hopefully."
    """
    match = closings.search(line)
    if match is None:
        return False
    if _is_short(line) and (match.start <= 2 or not line.endswith(".")):  # not "Всё для приятного отдыха."
        return True
    if _single_goodbye(line, match):
        return True
    last = _closing_sentence(line)
    return last is not None and _is_short(last) and _opens_with(last, closings)


def _single_goodbye(line: str, match: PhraseMatch) -> bool:
    """One sentence that its closing phrase opens, or that trails off with a comma into the name
    below, as a valediction does ("With apologies again for the trouble, and best wishes to the tower,")."""
    trails_off = line.endswith(",") and len(line) <= CLOSING_MAX_CHARS
    return len(sentences(line)) == 1 and (match.start <= 2 or trails_off)


def _closing_sentence(line: str) -> str | None:
    """The last sentence of a line of several, unless it is a statement ending in a full stop:
    "¡Nos vemos bajo el agua! Un saludo grande," → "Un saludo grande,"."""
    parts = sentences(line)
    return parts[-1] if len(parts) > 1 and not parts[-1].endswith(".") else None


def split_parts(text: str, attribution: PhraseMatcher, closings: PhraseMatcher) -> Parts:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    author, quoted = _split_quote(lines, attribution)
    while author and not author[-1].strip():
        author.pop()
    signature = find_signature(author, closings)
    return Parts(tuple(author), "\n".join(quoted), signature)


def _split_quote(lines: list[str], attribution: PhraseMatcher) -> tuple[list[str], list[str]]:
    author: list[str] = []
    quoted: list[str] = []
    wrapped_attribution = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if wrapped_attribution:
            quoted.append(line)  # the second line of an attribution wrapped over two
            wrapped_attribution = False
            continue
        if ORIGINAL_MESSAGE.match(stripped) or _starts_header_block(lines, index):
            quoted.extend(lines[index:])
            break
        if is_attribution(lines, index, attribution):
            if _answered_below(lines, index):
                quoted.append(line)  # bottom-posting: the author answers under the quote
                wrapped_attribution = not stripped.endswith(":")
                continue
            quoted.extend(lines[index:])
            break
        if stripped.startswith(">"):
            quoted.append(line)
            continue
        author.append(line)
    return author, quoted


def is_attribution(lines: list[str], index: int, attribution: PhraseMatcher) -> bool:
    """A mail client's line above quoted history, possibly wrapped over two lines.

    "On Tue, 3 Mar 2026 Anna <a@b.example> wrote:", "W dniu 3.03.2026 o 10:15 Jan napisał(a):",
    "Am 03.03.2026 schrieb Max <max@x.de>:", "Иван пишет:". The line ends in a colon and holds
    an attribution verb (lexicon ``quote_attribution``); to tell it from "Here is what I wrote:",
    it also holds a date or an address, or it is short and quoted lines follow.
    """
    stripped = lines[index].strip()
    if not stripped or stripped.startswith(">"):
        return False
    candidate = stripped
    if not candidate.endswith(":") and index + 1 < len(lines) and lines[index + 1].strip().endswith(":"):
        candidate = candidate + " " + lines[index + 1].strip()  # a wrapped attribution line
    if not candidate.endswith(":") or len(candidate) > 300:
        return False
    if _DATED_ADDRESS_COLON.search(candidate):
        return True  # Gmail in Russian names no verb: "пн, 2 мар. 2026 г. в 08:55, Андрей <a@x.ru>:"
    verb = attribution.search(candidate)
    if verb is None:
        return False
    if _DATE_OR_ADDRESS.search(candidate):
        return True
    if _DIGIT.search(candidate) and len(candidate[verb.end:].split()) <= NAME_MAX_WORDS:
        return True  # "On Tue, 3 Mar, Anna Berg wrote:", "W dniu wt., 3 mar Anna Nowak napisała:"
    following = next((line.strip() for line in lines[index + 1:] if line.strip()), "")
    return len(candidate.split()) <= 6 and following.startswith(">")



def _answered_below(lines: list[str], index: int) -> bool:
    """The attribution heads a '>' quote that the author's own words follow (a reply below a quote)."""
    following = lines[index + 1:] if lines[index].strip().endswith(":") else lines[index + 2:]
    rest = [line.strip() for line in following if line.strip()]
    quote_end = next((i for i, line in enumerate(rest) if not line.startswith(">")), len(rest))
    return 0 < quote_end < len(rest)


def _starts_header_block(lines: list[str], index: int) -> bool:
    """Outlook-style quoting: From:/Sent:/To:/Subject: lines (in any language) start the history."""
    if not QUOTE_HEADER_FIELD.match(lines[index]):
        return False
    following = [line for line in lines[index + 1:index + 5] if line.strip()]
    return sum(1 for line in following if regex.match(r"^\s*[\p{L} ]{2,20}:\s", line)) >= 2


def find_signature(lines: list[str], closings: PhraseMatcher) -> Signature | None:
    """Find the signature block: framed by rules, after a '-- ' line, or after a closing phrase.

    A block found after a lone rule or a closing phrase must start like a signature (a name,
    a title), not with a sentence: "Thanks for waiting!" followed by news is not a signature.
    """
    start = _window_start(lines, SIGNATURE_WINDOW + 2)
    rules = [i for i in range(start, len(lines)) if HORIZONTAL_RULE.match(lines[i])]
    if len(rules) >= 2 and 0 < _filled(lines[rules[-2] + 1:rules[-1]]) <= SIGNATURE_WINDOW:
        above, below = rules[-2], rules[-1]
        trailing = [line for line in lines[below + 1:] if line.strip()]
        if not trailing:
            return _signature(lines, above + 1, below, True, True, "framed", above)
    for index in range(len(lines) - 1, start - 1, -1):
        if SIGNATURE_DELIMITER.match(lines[index]):
            return _signature(lines, index + 1, len(lines), False, False, "delimiter", index)
    if rules and len(lines) - rules[-1] > 1:
        signature = _signature(lines, rules[-1] + 1, len(lines), True, False, "rule", rules[-1])
        if _starts_like_signature(signature):
            return signature
    for index in range(len(lines) - 1, start - 1, -1):
        line = lines[index].strip()
        loose = not _closes_above_signature(line, closings)
        if loose and not (_loose_valediction(line, closings) and _name_follows(lines, index)):
            continue
        signature = _signature(lines, index + 1, len(lines), False, False, "closing", -1)
        opens_message = not any(previous.strip() for previous in lines[:index])
        if (_starts_like_signature(signature) and _filled(signature.lines) <= SIGNATURE_WINDOW
                and not (loose and _runs_on(signature)) and not (opens_message and _hard_wrapped(signature))):
            return signature
        return None  # the last closing phrase decides: an earlier "Thanks for …" is body text
    return None


def _closes_above_signature(line: str, closings: PhraseMatcher) -> bool:
    """A valediction line: short, and opened by a closing phrase ("С уважением и надеждой на
    новую встречу,") or ended by one ("Sportliche Grüße", "Успехов в учёбе и хорошего дня!").

    A line ending in a full stop is a statement ("Wir sind geschlossen bis Montag."), not a
    valediction, unless the phrase opens it ("Thanks."). Of a line of several sentences the last
    decides ("¡Nos vemos bajo el agua! Un saludo grande,").
    """
    if not line or len(line) > CLOSING_MAX_CHARS:
        return False
    found = list(closings.finditer(line))
    if not found:
        return False
    first, last = found[0], found[-1]
    extra_words = len(line.split()) - len(first.text.split())
    if first.start <= 2 and extra_words <= CLOSING_EXTRA_WORDS:
        return True
    ends_line = not TRAILING_PUNCTUATION.sub("", line[last.end:])
    if ends_line and not line.endswith(".") and len(line.split()) <= CLOSING_EXTRA_WORDS + len(last.text.split()):
        return True
    last = _closing_sentence(line)
    return last is not None and _closes_above_signature(last, closings)


def _loose_valediction(line: str, closings: PhraseMatcher) -> bool:
    """A goodbye by its shape rather than its words: one sentence holding a closing phrase that
    trails off with a comma ("With apologies again for the trouble, and best wishes to the tower,")
    or that the phrase opens, however many words follow it ("Trzymaj się ciepło i do zobaczenia na lodzie!",
    "Всего доброго, и ещё раз простите за путаницу."). A wrapped body line can look the same ("We
    did our best with the parcel,"), so only a name may follow it."""
    first = closings.search(line) if len(line) <= CLOSING_MAX_CHARS else None
    return first is not None and _single_goodbye(line, first)


def _name_follows(lines: list[str], index: int) -> bool:
    """Is the next filled line a name ("Hannah Sewell", "Ola Dąbek"): a few capitalised words, no punctuation after?"""
    following = next((line.strip() for line in lines[index + 1:] if line.strip()), "")
    return (0 < len(following.split()) <= NAME_MAX_WORDS and following[0].isupper()
            and not following.endswith((".", ",", ";", ":", "!", "?")))


def _runs_on(signature: Signature | None) -> bool:
    """Does the block read on like wrapped prose: a line ending in a comma, or opening with a
    lower-case word that is no web or mail address ("ist lächerlich", not "www.kos.pl")?"""
    filled = _filled_lines(signature)
    return any(line.endswith(",") or (line[0].islower() and not any(mark in line.split()[0] for mark in ".@/:"))
               for line in filled)


def _hard_wrapped(signature: Signature | None) -> bool:
    """A line opening lower-case right below a long line without final punctuation: prose wrapped by
    hand. Below "Thank you for your email." as a message's first line such a block is the message
    (an out-of-office wrapped at 72 columns), not a signature; lower-case job titles ("менеджер")
    stand below short lines."""
    filled = _filled_lines(signature)
    return any(len(above) > SHORT_LINE and not above.endswith((".", "!", "?", ":")) and below[0].islower()
               for above, below in zip(filled, filled[1:]))


def _filled_lines(signature: Signature | None) -> list[str]:
    return [line.strip() for line in signature.lines if line.strip()] if signature else []


def _filled(lines: "list[str] | tuple[str, ...]") -> int:
    return sum(1 for line in lines if line.strip())


def _window_start(lines: list[str], filled: int) -> int:
    """Where the last ``filled`` non-blank lines begin (HTML text puts a blank line after every block)."""
    seen = 0
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].strip():
            seen += 1
            if seen > filled:
                return index + 1
    return 0


def _starts_like_signature(signature: Signature | None) -> bool:
    return signature is not None and not PROSE_LINE.match(signature.lines[0].strip())


def _signature(lines: list[str], first: int, end: int, above: bool, below: bool, method: str,
               block_start: int) -> Signature | None:
    body = [line.rstrip() for line in lines[first:end]]
    while body and not body[0].strip():
        body.pop(0)
        first += 1
    if method in OPEN_ENDED:
        # Nothing marks where such a block ends: it stops before running text, the legal footer
        # of a campaign ("You receive this email because …") or a disclaimer.
        prose = next((i for i, line in enumerate(body) if i and PROSE_LINE.match(line.strip())), None)
        if prose is not None:
            body, end = body[:prose], first + prose
    while body and not body[-1].strip():
        body.pop()
    if not body:
        return None
    if not below and end < len(lines) and HORIZONTAL_RULE.match(lines[end]):
        below = True
    if not above and first > 0 and HORIZONTAL_RULE.match(lines[first - 1]):
        above, block_start = True, first - 1
    return Signature(tuple(body), first, above, below, method, block_start)
