"""Template syntax that never reaches a recipient: comments of Jinja, Liquid, Handlebars, MJML."""

from __future__ import annotations

import re

TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}|\{\{!--.*?--\}\}|\{\{![^}]*\}\}|\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}",
                              re.DOTALL)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Output and logic tags of Jinja/Liquid/Handlebars and Mailchimp: markup, not words the reader sees.
TEMPLATE_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\*\|[^|\n]*\|\*", re.DOTALL)
DIRECTIVE_LINE = re.compile(r"^[ \t]*(?:#|//)?[ \t]*mailgate:[ \t]*(?:disable|enable)[^\n]*\n?", re.MULTILINE)


def strip_template_comments(text: str) -> str:
    """Blank out template comments, keeping line breaks so line numbers stay right."""
    return TEMPLATE_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)


def strip_text_comments(text: str) -> str:
    """For plain-text drafts: template comments, HTML comments and directive lines go."""
    text = strip_template_comments(text)
    text = HTML_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
    return DIRECTIVE_LINE.sub("", text)


def blank_template_tags(text: str) -> str:
    """Replace template tags by a space, so "*|FNAME|*" is not read as a word in capitals."""
    return TEMPLATE_TAG.sub(" ", text)
