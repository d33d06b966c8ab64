"""Plans a person enters or accepts: the physio's own plan, back-dating, and their checks.

DOSE-PHYSIO-OVERRIDE: a physio's dose replaces the app's, but the red-flag rules still apply.
An own plan entered while a warning sign pauses the plan, or after an assessment that ended
on a BLOCK rule, is refused with that rule unless the user confirms it; the confirmation is
stored with the plan.

A heel-raise (isotonic) own plan goes through the same checks, with the §E6.3 limits in
place of the hold positions (POS-ISOT-FLOOR-ONLY, PROG-FOREFOOT-STAY-ISO); load past the
app's 20 kg cap is saved with a warning (DOSE-ISOT-LOAD-CAP), not refused [DESIGN].
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence

from achilles_tui.care.errors import NeedsConfirmation, Refused
from achilles_tui.care.profile import limits_today
from achilles_tui.care.state import current_care_state
from achilles_tui.domain.care_state import CareStateKind, latest_assessment_block
from achilles_tui.domain.engine import Advice, no_rest, own_plan_notes, review_own_plan
from achilles_tui.domain.models import AnyExercise, HeelRaise, Plan, Surface
from achilles_tui.storage.repository import ReadOnlyRepository, Repository

OVERRIDE_RULE = "DOSE-PHYSIO-OVERRIDE"


def check_since(repo: ReadOnlyRepository, since: dt.date | None, today: dt.date) -> None:
    """A back-dated start: not in the future, not before the newest plan version began."""
    if since is None:
        return
    if since > today:
        raise Refused(
            f"--since {since.isoformat()} is in the future; a plan can only start today or earlier"
        )
    newest = repo.current_plan()
    if newest is not None and since < newest.start_date:
        raise Refused(
            f"--since {since.isoformat()} is before your current plan (version {newest.version}) "
            f"began on {newest.start_date.isoformat()}; a new plan cannot start before it"
        )


def plan_blocks(repo: ReadOnlyRepository, at: dt.datetime) -> tuple[Advice, ...]:
    """What makes an own plan need confirmation now: a pausing sign or a blocking assessment."""
    care = current_care_state(repo, at)
    blocks: list[Advice] = []
    if care.kind is CareStateKind.PAUSED_RED_FLAG:
        blocks += care.reasons
    block = latest_assessment_block(repo.assessment_records(), at)
    if block is not None and all(b.rule != block.rule for b in blocks):
        blocks.append(block)
    return tuple(blocks)


def stays_on_floor(repo: ReadOnlyRepository) -> bool:
    """The current plan keeps heel raises on the floor (MON-ISOT-STEP-TRIAL accepted)."""
    current = repo.current_plan()
    return current is not None and current.floor_only


def own_plan_conflicts(
    repo: ReadOnlyRepository,
    exercises: Iterable[AnyExercise],
    at: dt.datetime,
    *,
    edited: bool = False,
) -> list[Advice]:
    """Every rule the plan goes against (each must be confirmed before it is saved)."""
    exercises = list(exercises)  # read twice: the review, then the rest check
    profile = limits_today(repo, at.date())
    advice = review_own_plan(
        list(exercises),
        profile.answers,
        plan_blocks(repo, at),
        edited=edited,
        floor_only=stays_on_floor(repo) or profile.floor_only,
    )
    conflicts = [item for item in advice if item.rule != OVERRIDE_RULE]
    return conflicts + zero_rest(exercises, conflicts)


def zero_rest(exercises: Iterable[AnyExercise], named: Sequence[Advice]) -> list[Advice]:
    """§F5 decision 10: an own plan with a rest of 0 s between holds or sets is saved only once
    confirmed (DOSE-REST-SCALES), whether the dose was typed or edited; named once."""
    if any(item.rule == "DOSE-REST-SCALES" for item in named):
        return []
    found = (no_rest(exercise) for exercise in exercises)
    first = next((item for item in found if item is not None), None)
    return [] if first is None else [first]


def own_plan_warnings(exercises: Iterable[AnyExercise]) -> list[Advice]:
    """What the plan is warned about but need not confirm (DOSE-ISOT-LOAD-CAP)."""
    return own_plan_notes(exercises)


def with_confirmations(
    exercises: Sequence[AnyExercise], confirmed: Sequence[str]
) -> list[AnyExercise]:
    """Each hold keeps the ids of the rules the user chose to override, for the record."""
    tags = tuple(dict.fromkeys((OVERRIDE_RULE, *confirmed)))
    return [
        dataclasses.replace(ex, rules=tuple(dict.fromkeys((*ex.rules, *tags)))) for ex in exercises
    ]


def require_confirmed(conflicts: Sequence[Advice], confirmed: Sequence[str]) -> None:
    """Raise NeedsConfirmation naming every conflict the user has not confirmed."""
    missing = [item for item in conflicts if item.rule not in set(confirmed)]
    if missing:
        raise NeedsConfirmation(
            "this plan goes against " + ", ".join(item.rule for item in missing), missing
        )


def save_own_plan(
    repo: Repository,
    exercises: Sequence[AnyExercise],
    at: dt.datetime,
    *,
    confirmed: Sequence[str] = (),
    since: dt.date | None = None,
    note: str = "",
    edited: bool = False,
) -> Plan:
    """Store an own (physio) plan as the current plan, once every conflict is confirmed.

    Heel raises all on the floor keep the current plan's ``floor_only`` (the step trial's
    answer still holds); the ids of warnings (DOSE-ISOT-LOAD-CAP) are kept with the exercise.
    """
    check_since(repo, since, at.date())
    conflicts = own_plan_conflicts(repo, exercises, at, edited=edited)
    require_confirmed(conflicts, confirmed)
    rule_ids = tuple(item.rule for item in conflicts)
    tagged = with_confirmations(exercises, rule_ids)
    warned = tuple(item.rule for item in own_plan_warnings(exercises))
    if warned:
        tagged = [
            dataclasses.replace(ex, rules=tuple(dict.fromkeys((*ex.rules, *warned))))
            for ex in tagged
        ]
    floor_only = stays_on_floor(repo) and all(
        isinstance(ex, HeelRaise) and ex.surface is Surface.FLOOR for ex in exercises
    )
    return repo.add_plan(
        tagged,
        source="own",
        note=note,
        created=at,
        since=since,
        confirmed_rules=rule_ids,
        floor_only=floor_only,
    )
