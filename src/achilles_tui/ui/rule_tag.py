"""A rule id where a clinician can trace it and a reader can pass over it: after the words.

Every sentence the app says on a rule's behalf ends with its id, dimmed, after a middle
dot: "Has it settled? · MON-24H". An id never leads a sentence (a new user took the ids for
part of the question).
"""

from __future__ import annotations

from textual.content import Content
from textual.markup import escape

RULE_STYLE = "dim"
SEPARATOR = " · "


def rule_tag(rule: str) -> str:
    """`` [dim]· RULE-ID[/dim]``: markup to put after a sentence."""
    return f" [{RULE_STYLE}]· {escape(rule)}[/{RULE_STYLE}]"


def tagged_markup(message: str, rule: str) -> str:
    """A plain sentence (escaped here) followed by its dimmed rule id, as markup."""
    return f"{escape(message)}{rule_tag(rule)}"


def tagged(message: str | Content, rule: str, style: str = "") -> Content:
    """A sentence (optionally styled) followed by its dimmed rule id."""
    words = message if isinstance(message, Content) else Content(message)
    if style:
        words = words.stylize(style)
    return Content.assemble(words, (f"{SEPARATOR}{rule}", RULE_STYLE))
