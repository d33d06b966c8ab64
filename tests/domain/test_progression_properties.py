"""Safety properties of the weekly review that must hold for every possible week (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from achilles_tui.domain.assessment import Condition
from achilles_tui.domain.counting import session_counts
from achilles_tui.domain.models import (
    LEVELS,
    DayKind,
    DiaryEntry,
    Effort,
    RepRecord,
    SessionLog,
    Side,
)
from achilles_tui.domain.progression import (
    Review,
    ReviewContext,
    Suggestion,
)
from achilles_tui.domain.red_flags import BLOCKING_FLAG_RULES
from achilles_tui.domain.rules import LADDER, RULES
from achilles_tui.domain.weekly_review import review_week

END = dt.date(2025, 3, 16)
FLAGS = [*BLOCKING_FLAG_RULES, "inflammatory", "fluoroquinolone"]
BLOCKING = frozenset(BLOCKING_FLAG_RULES)
TAME_EFFORTS = [Effort.CHALLENGING, Effort.CHALLENGING, Effort.TOO_EASY]
MOVING_ON = (Suggestion.PROGRESS, Suggestion.SWITCH_TO_ISOTONIC)


def _date(offset: int) -> dt.date:
    """Days before the end of the review week (0-6 this week, 7-13 the week before)."""
    return END - dt.timedelta(days=offset)


@st.composite
def diary_entries(draw: st.DrawFn, offset: int, flags: bool, tame: bool) -> DiaryEntry:
    """One morning; a tame week keeps to mild, settled, normal days with a rare bad one."""
    pain: int | None
    settled: bool | None
    stiffness: int | None
    if tame:
        bad = draw(st.integers(0, 40)) == 0
        pain = draw(st.integers(0, 10) if bad else st.integers(0, 2))
        settled = draw(st.booleans()) if bad else True
        day = draw(st.sampled_from(DayKind)) if bad else DayKind.NORMAL
        stiffness = draw(st.integers(0, 60) if bad else st.integers(5, 10))
    else:
        pain = draw(st.none() | st.integers(0, 10))
        settled = draw(st.none() | st.booleans())
        day = draw(st.sampled_from(DayKind))
        stiffness = draw(st.none() | st.integers(0, 90))
    return DiaryEntry(
        date=_date(offset),
        morning_pain=pain,
        stiffness_minutes=stiffness,
        settled=settled,
        day=day,
        red_flags=tuple(draw(st.lists(st.sampled_from(FLAGS), max_size=2))) if flags else (),
    )


@st.composite
def session_logs(draw: st.DrawFn, offset: int, index: int, tame: bool) -> SessionLog:
    """One session on that day; a tame one is complete with low pain and a usual effort."""
    start = dt.datetime.combine(_date(offset), dt.time(7 + index))
    complete = True if tame else draw(st.booleans())
    hold = draw(st.sampled_from([10, 20, 30, 45]))
    sides = draw(st.lists(st.sampled_from(Side), min_size=1, max_size=3))
    load = draw(st.sampled_from([0.0, 2.5]))
    reps = tuple(RepRecord(0, side, n, hold, load_kg=load) for n, side in enumerate(sides, 1))
    pain = draw(
        st.integers(0, 10) if not tame or draw(st.integers(0, 40)) == 0 else st.integers(0, 3)
    )
    return SessionLog(
        id=f"s{offset}-{index}",
        date=_date(offset),
        plan_version=1,
        started_at=start,
        ended_at=start + dt.timedelta(minutes=10) if complete or draw(st.booleans()) else None,
        reps=reps,
        pain_during=None if not tame and draw(st.booleans()) else pain,
        effort=draw(st.sampled_from(Effort) if not tame else st.sampled_from(TAME_EFFORTS)),
        complete=complete,
        over_limit=pain > 5 and not complete,
    )


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[DiaryEntry], list[SessionLog]]:
    """Two weeks of diary and sessions: tame (mostly good) or wild; flags are rare."""
    tame = draw(st.booleans())
    with_flags = draw(st.integers(0, 4)) == 0
    diary: list[DiaryEntry] = []
    logs: list[SessionLog] = []
    for offset in range(14):
        if tame or draw(st.integers(0, 5)) > 0:
            diary.append(draw(diary_entries(offset, with_flags and offset < 7, tame)))
        count = 1 if tame else draw(st.integers(0, 2))
        logs.extend(draw(session_logs(offset, index, tame)) for index in range(count))
    return diary, logs


@st.composite
def contexts(draw: st.DrawFn) -> ReviewContext:
    """Any plan level (or an own plan), mode, condition and earlier verdicts."""
    return ReviewContext(
        level=draw(st.none() | st.sampled_from(LEVELS)),
        mode=draw(st.sampled_from(["standard", "standard", "competition"])),
        condition=draw(st.none() | st.sampled_from(Condition)),
        can_do_heel_raises=draw(st.booleans()),
        forefoot_block=draw(st.booleans()),
        single_leg_cleared=draw(st.booleans()),
        warn_flags_active=tuple(
            draw(st.lists(st.sampled_from(["inflammatory", "fluoroquinolone"]), max_size=1))
        ),
        previous_verdicts=tuple(
            draw(st.lists(st.sampled_from([str(s) for s in Suggestion]), max_size=4))
        ),
    )


weeks = st.tuples(histories(), contexts())


def _run(case: tuple[tuple[list[DiaryEntry], list[SessionLog]], ReviewContext]) -> Review:
    """Review the generated week."""
    (diary, logs), context = case
    return review_week(END, diary, logs, context)


def _this_week(diary: list[DiaryEntry]) -> list[DiaryEntry]:
    """Entries inside the review week (last entry per date wins, as in the review)."""
    by_date = {e.date: e for e in diary}
    return [e for d, e in by_date.items() if _date(6) <= d <= END]


@settings(max_examples=200)
@given(weeks)
def test_pain_over_5_or_unsettled_morning_never_moves_on(
    case: tuple[tuple[list[DiaryEntry], list[SessionLog]], ReviewContext],
) -> None:
    (diary, logs), _ = case
    result = _run(case)
    painful = any(
        session_counts(s) and ((s.pain_during or 0) > 5 or s.over_limit)
        for s in logs
        if _date(6) <= s.date <= END
    )
    unsettled = any(e.settled is False for e in _this_week(diary))
    if painful or unsettled or result.week.not_settled_mornings:
        assert result.suggestion not in MOVING_ON


@settings(max_examples=200)
@given(weeks)
def test_blocking_red_flag_always_sees_clinician(
    case: tuple[tuple[list[DiaryEntry], list[SessionLog]], ReviewContext],
) -> None:
    (diary, _), context = case
    result = _run(case)
    flagged = any(BLOCKING & set(e.red_flags) for e in _this_week(diary))
    assert (result.week.blocking_flags != ()) is flagged
    if flagged:
        assert result.suggestion is Suggestion.SEE_CLINICIAN
        assert result.level_to == result.level_from == context.level
        assert result.changes == ()
        assert "PROG-SEE-CLINICIAN" in result.rules_fired


@settings(max_examples=200)
@given(weeks)
def test_level_moves_at_most_one_step_up_and_stays_on_the_ladder(
    case: tuple[tuple[list[DiaryEntry], list[SessionLog]], ReviewContext],
) -> None:
    _, context = case
    result = _run(case)
    assert result.level_from == context.level
    if context.level is None:
        assert result.level_to is None
        assert result.changes == ()
        return
    if result.suggestion is Suggestion.SWITCH_TO_ISOTONIC:
        # §E6.5: the switch names the heel-raise start step; the holds stay until accepted.
        assert result.level_to in ("T1", "T3")
        return
    assert result.level_to in LEVELS
    before, after = LEVELS.index(context.level), LEVELS.index(result.level_to)
    assert after <= before + 1
    if "PROG-RUPTURE-SINGLE-LEG-GATE" in result.rules_fired and before > LEVELS.index("L5"):
        # §F5: a kept single-leg plan comes down to the gate's L5 (or further on a RED week).
        assert after <= LEVELS.index("L5")
        return
    assert before - 2 <= after
    if result.suggestion is Suggestion.REGRESS:
        assert after <= before
    elif result.suggestion is not Suggestion.PROGRESS:
        assert after == before


@settings(max_examples=200)
@given(weeks)
def test_progress_never_shortens_rest(
    case: tuple[tuple[list[DiaryEntry], list[SessionLog]], ReviewContext],
) -> None:
    result = _run(case)
    if result.suggestion is Suggestion.PROGRESS and result.level_from is not None:
        assert result.level_to is not None
        assert LADDER[result.level_to].rest_seconds >= LADDER[result.level_from].rest_seconds
        for change in result.changes:
            if change.field == "rest_seconds":
                assert isinstance(change.to, int) and isinstance(change.from_, int)
                assert change.to >= change.from_


@settings(max_examples=200)
@given(weeks)
def test_freezes_and_too_little_data_never_move_on(
    case: tuple[tuple[list[DiaryEntry], list[SessionLog]], ReviewContext],
) -> None:
    _, context = case
    result = _run(case)
    if result.suggestion in MOVING_ON:
        assert context.mode == "standard"
        assert not context.warn_flags_active
        assert result.green_criteria_met
        assert not result.too_little_data
        assert result.week.diary_days >= 3
        assert result.week.sessions_over_5 == 0
        assert not result.week.stiffness_worse
    if result.suggestion is Suggestion.SWITCH_TO_ISOTONIC:
        assert context.can_do_heel_raises and not context.forefoot_block
    if context.mode == "competition":
        assert "PROG-COMPETITION-FREEZE" in result.rules_fired or result.week.blocking_flags


@settings(max_examples=200)
@given(weeks)
def test_review_is_explained_and_serialisable(
    case: tuple[tuple[list[DiaryEntry], list[SessionLog]], ReviewContext],
) -> None:
    result = _run(case)
    assert len(result.rules_fired) == len(set(result.rules_fired))
    assert all(rule_id in RULES for rule_id in result.rules_fired)
    assert result.reasons, "every review says why"
    assert {r.rule for r in result.reasons} <= set(result.rules_fired)
    data = result.to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["suggestion"] in {str(s) for s in Suggestion}
    assert 0 <= data["week"]["sessions_done"] <= 14
    adherence = data["week"]["adherence"]
    assert adherence is None or 0.0 <= adherence <= 1.0
