"""Email signup forms on web pages: consent must be asked for, not assumed (GDPR Art. 4(11), 7).

A signup form needs an unticked consent checkbox (a pre-ticked box is not consent, GDPR
Recital 32) and a link to the privacy notice at the point of collection (Art. 13). Login
forms (with a password field) are not signup forms.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from mailgate.checks.base import Hit
from mailgate.checks.named import NamedCheck
from mailgate.hookspecs import hookimpl

if TYPE_CHECKING:
    from mailgate.document import Document
    from mailgate.lexicon import PhraseMatcher
    from mailgate.rules.model import Rule
    from mailgate.text.html import Form

_URL_SEPARATORS = re.compile(r"[-_/.?=&#:%+]+")
_UNRENDERED = frozenset({"template", "noscript", "script", "head"})


def _form_tags(doc: "Document") -> list[Any]:
    """The <form> elements the HtmlView saw, in the same (document) order."""
    return [tag for tag in doc.soup.find_all("form") if not any(p.name in _UNRENDERED for p in tag.parents)]


def privacy_linked(links: list[tuple[str, str]], wording: "PhraseMatcher") -> bool:
    """A link whose text or URL path speaks of privacy ("Datenschutz", /polityka-prywatnosci)."""
    return any(wording.search(text) or wording.search(_URL_SEPARATORS.sub(" ", href)) for href, text in links)


def form_problems(form: "Form", tag: Any, consent: "PhraseMatcher", privacy: "PhraseMatcher") -> list[str]:
    problems = []
    boxes = [box for box in form.checkboxes if consent.search(box["label"])]
    if not boxes:
        problems.append("no consent checkbox" + (" (its checkboxes ask for something else)" if form.checkboxes else ""))
    ticked = [box for box in boxes if box["checked"]]
    if ticked:
        problems.append(f"the consent box “{ticked[0]['label'][:50]}” is ticked in advance, which is not consent")
    links = [(link.href, link.text) for link in form.links]
    if tag is not None and tag.parent is not None:
        links += [(str(a.get("href")), a.get_text(" ")) for a in tag.parent.find_all("a", href=True)]
    if not privacy_linked(links, privacy):
        problems.append("no link to the privacy notice")
    return problems


def signup_form_consent(doc: "Document", rule: "Rule") -> Iterator[Hit]:
    view = doc.html_view
    if view is None:
        return
    consent = doc.lexicons.matcher(rule.options["consent_lexicon"], doc.lang)
    privacy = doc.lexicons.matcher(rule.options["privacy_lexicon"], None)  # URLs are often English or transliterated
    tags = _form_tags(doc)
    paired = zip(view.forms, tags) if len(tags) == len(view.forms) else ((form, None) for form in view.forms)
    for form, tag in paired:
        if form.email_fields == 0 or (tag is not None and tag.find("input", attrs={"type": "password"})):
            continue
        problems = form_problems(form, tag, consent, privacy)
        if problems:
            line, column = doc.locate(f'action="{form.action}"') if form.action else (None, None)
            yield Hit(form.line or line, column, {"problems": "; ".join(problems), "action": form.action or "(none)"})


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    lexicon = {"type": "string"}
    return [NamedCheck("signup_form_consent", signup_form_consent,
                       {"consent_lexicon": lexicon, "privacy_lexicon": lexicon},
                       "Email signup forms: an unticked consent checkbox and a privacy-notice link.")]
