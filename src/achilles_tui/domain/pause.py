"""Whether the plan is paused for a warning sign (clinical.md §F1), and why.

The newest assessment decides first: if it sent the user to a clinician, the
plan waits for a new assessment. A blocking sign ticked in the diary after the
newest assessment pauses the plan the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from achilles_tui.domain.engine import Advice, Verdict
from achilles_tui.domain.models import DiaryEntry
from achilles_tui.domain.rules import rule

DIARY_FLAG_RULES: dict[str, str] = {
    "pop": "RF-RUPTURE-SUSPECT",
    "calf-swelling": "RF-DVT",
    "breathless": "RF-PE",
    "infection": "RF-INFECTION",
    "night-pain": "RF-NIGHT-REST-PAIN",
}


def pause_advice(
    records: Sequence[dict[str, Any]], diary: Sequence[DiaryEntry] = ()
) -> list[Advice]:
    """Reasons the current plan is paused, or [] when it may be followed."""
    newest = records[-1] if records else None
    since = str(newest.get("created", ""))[:10] if newest else ""
    advice: list[Advice] = []
    result = newest.get("result") if newest else None
    if isinstance(result, dict) and result.get("verdict") == str(Verdict.SEE_CLINICIAN):
        cautions = result.get("cautions")
        advice = [
            Advice(str(item.get("rule", "")), str(item.get("message", "")))
            for item in (cautions if isinstance(cautions, list) else [])
            if isinstance(item, dict)
        ] or [Advice("PROG-SEE-CLINICIAN", rule("PROG-SEE-CLINICIAN").message)]
    for entry in diary:
        if entry.date.isoformat() < since:
            continue
        for flag in entry.red_flags:
            rule_id = DIARY_FLAG_RULES.get(flag)
            if rule_id and all(a.rule != rule_id for a in advice):
                advice.append(Advice(rule_id, rule(rule_id).message))
    return advice
