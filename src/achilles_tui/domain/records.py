"""A stored assessment: the answers, the engine's result, when, and where it came from.

The care state needs to know, for every assessment, whether it reported a warning sign and
whether it ended on a rule that stops any plan; reading that from one typed record keeps the
screens and commands from picking through stored dictionaries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from achilles_tui.domain.assessment import Assessment
from achilles_tui.domain.engine import Advice, Recommendation, Verdict, blocking_sign_rules
from achilles_tui.domain.rules import RULES, Severity

SOURCE_ASSESSMENT = "assessment"
SOURCE_RECHECK = "red-flags-check"
TOO_PAINFUL = "ELIG-ISO-TOO-PAINFUL"
# Warning signs a user reports (§F1); their BLOCK form pauses the plan until a clean
# assessment (§F4). Diagnosis-based blocks (uncleared rupture, calf strain) are not signs.
SIGN_RULES = frozenset(
    {
        "RF-RUPTURE-SUSPECT",
        "RF-DVT",
        "RF-PE",
        "RF-INFECTION",
        "RF-NIGHT-REST-PAIN",
        "RF-FLUOROQUINOLONE",
    }
)


@dataclass(frozen=True)
class AssessmentRecord:
    """One stored assessment (or warning-sign re-check) with its result as stored JSON."""

    created: dt.datetime
    answers: Assessment | None
    result: Mapping[str, Any] = field(default_factory=dict)
    source: str = SOURCE_ASSESSMENT
    id: int | None = None

    @classmethod
    def of(
        cls,
        assessment: Assessment,
        result: Recommendation,
        when: dt.datetime,
        source: str = SOURCE_ASSESSMENT,
    ) -> AssessmentRecord:
        """A new record from the engine's answer, ready to store."""
        return cls(created=when, answers=assessment, result=result.to_json(), source=source)

    @property
    def verdict(self) -> str | None:
        """The stored verdict (isometric, isotonic, see_clinician), if any."""
        value = self.result.get("verdict")
        return value if isinstance(value, str) else None

    @property
    def level(self) -> str | None:
        """The start level the assessment suggested, if it gave a plan."""
        value = self.result.get("level")
        return value if isinstance(value, str) else None

    @property
    def rules_fired(self) -> tuple[str, ...]:
        """Rule ids in evaluation order, as stored."""
        value = self.result.get("rules_fired")
        return tuple(str(item) for item in value) if isinstance(value, list) else ()

    @property
    def cautions(self) -> tuple[Advice, ...]:
        """The stored cautions with their rule ids."""
        value = self.result.get("cautions")
        items = value if isinstance(value, list) else []
        return tuple(
            Advice(str(item.get("rule", "")), str(item.get("message", "")))
            for item in items
            if isinstance(item, Mapping)
        )

    @property
    def is_recheck(self) -> bool:
        """A "something changed?" check rather than a full assessment."""
        return self.source == SOURCE_RECHECK

    @property
    def blocking_signs(self) -> tuple[str, ...]:
        """Reported warning signs of BLOCK severity, as rule ids (§F1)."""
        if self.answers is not None:
            return blocking_sign_rules(self.answers)
        if self.verdict != str(Verdict.SEE_CLINICIAN):
            return ()
        return tuple(
            rule_id
            for rule_id in self.rules_fired
            if rule_id in SIGN_RULES and rule_id != "RF-FLUOROQUINOLONE"
        )

    @property
    def block_rule(self) -> str | None:
        """The rule that made the verdict see_clinician: the first BLOCK rule, or too painful."""
        if self.verdict != str(Verdict.SEE_CLINICIAN):
            return None
        for rule_id in self.rules_fired:
            entry = RULES.get(rule_id)
            if entry is not None and entry.group == "RF" and entry.severity is Severity.BLOCK:
                return rule_id
        if "RF-FLUOROQUINOLONE" in self.blocking_signs:
            return "RF-FLUOROQUINOLONE"
        return TOO_PAINFUL if TOO_PAINFUL in self.rules_fired else self._first_fired()

    def _first_fired(self) -> str | None:
        """Fallback for an old record without rules: the first caution's rule, if any."""
        cautions = self.cautions
        return cautions[0].rule if cautions else None

    def message_for(self, rule_id: str) -> str:
        """The stored caution text of a rule (it may carry age or steroid sentences)."""
        for caution in self.cautions:
            if caution.rule == rule_id:
                return caution.message
        entry = RULES.get(rule_id)
        return entry.message if entry is not None else ""


def latest_answers_of(records: Sequence[AssessmentRecord]) -> Assessment | None:
    """The newest stored answers, or None when no record has readable answers."""
    for record in reversed(records):
        if record.answers is not None:
            return record.answers
    return None
