"""Email signup forms on web pages: consent must be asked for, not assumed (GDPR Art. 4(11), 7).

A signup form needs an unticked consent checkbox (a pre-ticked box is not consent, GDPR
Recital 32) and a link to the privacy notice at the point of collection (Art. 13). Login
forms (with a password field) are not signup forms.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from mailgate.checks.base import Hit
from mailgate.checks.named import NamedCheck, lexicon_option
from mailgate.hookspecs import hookimpl

if TYPE_CHECKING:
    from mailgate.document import Document
    from mailgate.lexicon import PhraseMatcher
    from mailgate.rules.model import Rule
    from mailgate.text.html import Form

_URL_SEPARATORS = re.compile(r"[-_/.?=&#:%+]+")
_UNRENDERED = frozenset({"template", "noscript", "script", "head"})


def _form_elements(doc: "Document") -> list[Any]:
    """The <form> elements the HtmlView collected, in the same (document) order."""
    return [form for form in doc.html_tree.iter("form")
            if not any(parent.tag in _UNRENDERED for parent in form.iterancestors())]


def privacy_linked(links: list[tuple[str, str]], wording: "PhraseMatcher") -> bool:
    """A link whose text or URL path speaks of privacy ("Datenschutz", /polityka-prywatnosci)."""
    return any(wording.search(text) or wording.search(_URL_SEPARATORS.sub(" ", href)) for href, text in links)


def form_problems(form: "Form", element: Any, consent: "PhraseMatcher", privacy: "PhraseMatcher") -> list[str]:
    problems = []
    boxes = [box for box in form.checkboxes if consent.search(box["label"])]
    if not boxes:
        problems.append("no consent checkbox" + (" (its checkboxes ask for something else)" if form.checkboxes else ""))
    ticked = [box for box in boxes if box["checked"]]
    if ticked:
        problems.append(f"the consent box “{ticked[0]['label'][:50]}” is ticked in advance, which is not consent")
    links = [(link.href, link.text) for link in form.links]
    parent = element.getparent() if element is not None else None
    if parent is not None:
        links += [(a.get("href"), a.text_content()) for a in parent.iter("a") if a.get("href") is not None]
    if not privacy_linked(links, privacy):
        problems.append("no link to the privacy notice")
    return problems


def _has_password(form: Any) -> bool:
    """A login form, not a signup form."""
    return any((field.get("type") or "").lower() == "password" for field in form.iter("input"))


def signup_form_consent(doc: "Document", rule: "Rule") -> Iterator[Hit]:
    view = doc.html_view
    if view is None:
        return
    consent = doc.lexicons.matcher(lexicon_option(doc, rule, "consent_lexicon"), doc.lang)
    privacy = doc.lexicons.matcher(lexicon_option(doc, rule, "privacy_lexicon"), None)  # URLs are often English or transliterated
    elements = _form_elements(doc)
    paired = zip(view.forms, elements) if len(elements) == len(view.forms) else ((form, None) for form in view.forms)
    for form, element in paired:
        if form.email_fields == 0 or (element is not None and _has_password(element)):
            continue
        problems = form_problems(form, element, consent, privacy)
        if problems:
            line, column = doc.locate(f'action="{form.action}"') if form.action else (None, None)
            yield Hit(form.line or line, column, {"problems": "; ".join(problems), "action": form.action or "(none)"})


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    lexicon = {"type": "string"}
    return [NamedCheck("signup_form_consent", signup_form_consent,
                       {"consent_lexicon": lexicon, "privacy_lexicon": lexicon},
                       "Email signup forms: an unticked consent checkbox and a privacy-notice link.")]
