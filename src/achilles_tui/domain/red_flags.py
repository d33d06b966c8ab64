"""Warning-sign ids as the diary and the CLI spell them, and the §D1 rules they trigger.

One table for every reader (care state, weekly review, status), so a sign that pauses the
plan in one place can never be ignored in another.
"""

from __future__ import annotations

from collections.abc import Iterable

from achilles_tui.domain.rules import RULE_ORDER

# BLOCK severity: the plan pauses until a clean assessment (§D1, §F4).
BLOCKING_FLAG_RULES: dict[str, str] = {
    "pop": "RF-RUPTURE-SUSPECT",
    "calf-swelling": "RF-DVT",
    "breathless": "RF-PE",
    "infection": "RF-INFECTION",
    "night-pain": "RF-NIGHT-REST-PAIN",
    "fluoroquinolone-new-pain": "RF-FLUOROQUINOLONE",
}
# WARN severity: the plan goes on but never moves up (§D1).
WARN_FLAG_RULES: dict[str, str] = {
    "inflammatory": "RF-INFLAMMATORY",
    "fluoroquinolone": "RF-FLUOROQUINOLONE",
}


def in_rule_order(rule_ids: Iterable[str]) -> tuple[str, ...]:
    """Rule ids once each, in catalogue (evaluation) order."""
    return tuple(sorted(set(rule_ids), key=RULE_ORDER.__getitem__))


def diary_block_rules(flags: Iterable[str]) -> tuple[str, ...]:
    """The BLOCK rules of the signs ticked on a diary day, in catalogue order."""
    keys = (str(flag).strip().lower() for flag in flags)
    return in_rule_order(BLOCKING_FLAG_RULES[key] for key in keys if key in BLOCKING_FLAG_RULES)
