"""§F5 properties over generated histories: re-assessments with other conditions, flags,
competition and forefoot answers, back-dated plans, and weeks of any kind.

- No review result exceeds the caps of the week's profile (E6.3 T caps, the L5 gate), and a
  floor-only profile never gets a step.
- Nothing moves up or starts heel raises against a freeze or block that held on any day.
- Every pain-over-5 event of a day (a session, a heel-raise set, a heel-raise test) stops it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from achilles_tui.domain import isotonic
from achilles_tui.domain.assessment import Condition, RedFlag, Strength
from achilles_tui.domain.care_state import CareStateKind, care_state
from achilles_tui.domain.models import (
    ALL_LEVELS,
    DayKind,
    DiaryEntry,
    Effort,
    HeelRaise,
    HeelRaiseTest,
    Plan,
    SessionLog,
    Surface,
)
from achilles_tui.domain.profile import ProfileHistory, profile_for_week
from achilles_tui.domain.progression import Suggestion
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.domain.review_context import build_review, plan_from_review
from tests.care.builders import day, record, session
from tests.domain.test_profile import END, l_plan, t_plan

CONDITIONS = [c for c in Condition if c is not Condition.CALF_STRAIN]
UP = {Suggestion.PROGRESS, Suggestion.SWITCH_TO_ISOTONIC}


@st.composite
def assessments(draw: st.DrawFn, rid: int) -> AssessmentRecord:
    """One stored assessment somewhere in the three weeks before END."""
    condition = draw(st.sampled_from(CONDITIONS))
    answers: dict[str, Any] = {
        "condition": condition,
        "weeks": draw(st.integers(0, 20)),
        "rupture_loading_cleared": True,
        "single_leg_cleared": draw(st.booleans()),
        "competition_phase": draw(st.booleans()),
        "forefoot_problem": draw(st.booleans()),
        "can_do_heel_raises": draw(st.booleans()),
        "strength": draw(st.sampled_from(list(Strength))),
        "red_flags": draw(
            st.sampled_from(
                [()] * 7
                + [(RedFlag.INFLAMMATORY,), (RedFlag.FLUOROQUINOLONE,), (RedFlag.CALF_SWELLING,)]
            )
        ),
    }
    made = dt.datetime.combine(END - dt.timedelta(days=draw(st.integers(0, 20))), dt.time(9, rid))
    base = record(made, **answers)
    return AssessmentRecord(base.created, base.answers, base.result, base.source, rid)


@st.composite
def histories(
    draw: st.DrawFn,
) -> tuple[Plan, list[AssessmentRecord], list[DiaryEntry], list[SessionLog]]:
    """A kept review plan, one to three assessments, and two weeks of diary and sessions."""
    level = draw(st.sampled_from(ALL_LEVELS))
    days = draw(st.integers(0, 20))
    if level.startswith("T"):
        surface = draw(st.sampled_from(list(Surface)))
        kept = t_plan(level, days=days, surface=surface)
    else:
        rules = draw(st.sampled_from([(), ("PROG-ISOT-BACK-TO-ISO",)]))
        kept = l_plan(level, days=days, rules=rules)
    records = [draw(assessments(rid)) for rid in range(1, draw(st.integers(1, 3)) + 1)]
    records.sort(key=lambda r: r.created)
    if draw(st.booleans()):  # the first assessment gave the (back-dated) plan
        kept = Plan(**{**kept.__dict__, "assessment_id": records[0].id})
    diary: list[DiaryEntry] = []
    logs: list[SessionLog] = []
    clean = draw(st.booleans())  # a good fortnight, so the review may move up
    for offset in range(13, -1, -1):
        when = END - dt.timedelta(days=offset)
        if clean:
            diary.append(day(when))
            done = session(when, pain=1)
            effort = draw(st.sampled_from([Effort.CHALLENGING, Effort.TOO_EASY]))
            logs.append(SessionLog(**{**done.__dict__, "effort": effort}))
            continue
        if draw(st.integers(0, 9)) > 0:
            kind = draw(st.sampled_from([DayKind.NORMAL] * 8 + [DayKind.FLARE_UP]))
            diary.append(day(when, kind=kind, pain=draw(st.integers(0, 4)),
                             settled=draw(st.sampled_from([True, True, True, False]))))  # fmt: skip
        if draw(st.integers(0, 6)) > 0:
            done = session(when, pain=draw(st.sampled_from([0, 1, 2, 3, 4, 6, 8])))
            effort = draw(st.sampled_from(list(Effort)))
            logs.append(SessionLog(**{**done.__dict__, "effort": effort}))
    return kept, records, diary, logs


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_no_review_exceeds_the_weeks_caps_or_moves_up_against_a_freeze(
    history: tuple[Plan, list[AssessmentRecord], list[DiaryEntry], list[SessionLog]],
) -> None:
    kept, records, diary, logs = history
    review = build_review(END, [kept], diary, logs, records, [])
    profile = profile_for_week(END, ProfileHistory(records, [kept], diary))
    event(str(review.suggestion))
    if review.suggestion is Suggestion.SEE_CLINICIAN:
        assert review.level_to == review.level_from  # nothing moves while paused
        return
    assert not profile.block_flags, "a BLOCK sign in the week always means see a clinician"
    level_to = review.level_to
    assert level_to is not None
    if level_to.startswith("T"):
        assert isotonic.index(level_to) <= isotonic.index(profile.isotonic.cap)
        proposal = plan_from_review(kept, review)
        if profile.isotonic.floor_only_surface:
            assert all(ex.surface is Surface.FLOOR for ex in proposal if isinstance(ex, HeelRaise))
            if not proposal:  # the kept plan goes on: it must already be on the floor
                assert all(ex.surface is Surface.FLOOR for ex in kept.exercises)  # type: ignore[union-attr]
    elif profile.single_leg_gate and review.suggestion is not Suggestion.SWITCH_TO_ISOTONIC:
        assert ALL_LEVELS.index(level_to) <= ALL_LEVELS.index("L5")
    if profile.freezes or profile.block_flags:
        assert review.suggestion not in UP
    if profile.heel_raises_blocked or profile.isotonic.too_early:
        assert review.suggestion is not Suggestion.SWITCH_TO_ISOTONIC
        if kept.stage == "isotonic":
            assert review.suggestion is not Suggestion.PROGRESS


# -- every pain-over-5 event stops the day (§F4 amendment) --------------------------------------


@st.composite
def painful_days(draw: st.DrawFn) -> tuple[list[Plan], list[SessionLog], list[HeelRaiseTest], str]:
    """A hold or heel-raise plan, and a day whose sessions and tests may go over 5/10."""
    level = draw(st.sampled_from(ALL_LEVELS))
    kept = t_plan(level, days=10) if level.startswith("T") else l_plan(level, days=10)
    logs: list[SessionLog] = []
    for n in range(draw(st.integers(0, 3))):
        pain = draw(st.integers(0, 10))
        done = session(END, pain=pain, over_limit=pain > 5, sid=f"s{n}")
        logs.append(done)
    tests = [
        HeelRaiseTest(END, draw(st.integers(0, 40)), None, pain, over_limit=pain > 5)
        for pain in draw(st.lists(st.integers(0, 10), max_size=2))
    ]
    return [kept], logs, tests, kept.stage


@settings(max_examples=200, deadline=None)
@given(painful_days())
def test_every_pain_over_5_event_stops_the_day(
    case: tuple[list[Plan], list[SessionLog], list[HeelRaiseTest], str],
) -> None:
    plans, logs, tests, stage = case
    moment = dt.datetime.combine(END, dt.time(18))
    state = care_state(moment, plans, [], [], logs, tests)
    over = [s for s in logs if s.over_limit] or [t for t in tests if t.over_limit]
    if not over:
        assert state.kind is not CareStateKind.STOPPED_TODAY
        return
    assert state.kind is CareStateKind.STOPPED_TODAY and not state.session_allowed
    expected = (
        "MON-ISOT-SET-PAIN"
        if stage == "isotonic" or not logs or not any(s.over_limit for s in logs)
        else "MON-PAIN-DURING"
    )
    assert state.blocked_by == expected
    assert state.until == dt.datetime.combine(END + dt.timedelta(days=1), dt.time())
