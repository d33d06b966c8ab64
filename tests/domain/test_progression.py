"""Table-driven tests of the weekly review: every §E2 branch and every PROG-* rule (clinical.md)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import pytest

from achilles_tui.domain.assessment import Assessment, Condition, RedFlag
from achilles_tui.domain.models import (
    LEVELS,
    DayKind,
    DiaryEntry,
    DomainError,
    Effort,
    RepRecord,
    SessionLog,
    Side,
)
from achilles_tui.domain.profile import ProfileHistory, profile_on
from achilles_tui.domain.progression import (
    Change,
    PastWeek,
    Review,
    ReviewContext,
    Suggestion,
    flare_up_adjustment,
    ladder_changes,
)
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.domain.review_figures import baseline_morning_pain, compute_week
from achilles_tui.domain.rules import (
    GROUP_ORDER,
    LADDER,
    RULES,
    step_down,
    step_up,
)
from achilles_tui.domain.weekly_review import review_week

END = dt.date(2025, 3, 16)
THIS_WEEK = range(7)  # offsets 0..6 before END
LAST_WEEK = range(7, 14)


def day(offset: int) -> dt.date:
    """The date ``offset`` days before the end of the review week."""
    return END - dt.timedelta(days=offset)


def entry(offset: int, **kw: Any) -> DiaryEntry:
    """A settled, mild morning unless told otherwise."""
    values: dict[str, Any] = {"morning_pain": 1, "stiffness_minutes": 10, "settled": True}
    values.update(kw)
    return DiaryEntry(date=day(offset), **values)


def session(
    offset: int, pain: int | None = 2, effort: Effort | None = Effort.CHALLENGING, **kw: Any
) -> SessionLog:
    """A complete session on that day with one two-leg 10 s hold recorded."""
    start = dt.datetime.combine(day(offset), dt.time(8, 0))
    values: dict[str, Any] = {
        "id": f"s-{offset}-{kw.pop('n', 0)}",
        "date": day(offset),
        "plan_version": 1,
        "started_at": start,
        "ended_at": start + dt.timedelta(minutes=10),
        "reps": (RepRecord(0, Side.BOTH, 1, 10),),
        "pain_during": pain,
        "effort": effort,
        "complete": True,
    }
    values.update(kw)
    return SessionLog(**values)


def history(
    *,
    week: dict[int, dict[str, Any]] | None = None,
    last_stiffness: int = 10,
    last_pain: int = 1,
    this_stiffness: int = 10,
    this_pain: int = 1,
    with_last_week: bool = True,
) -> list[DiaryEntry]:
    """Two weeks of diary: a steady previous week and this week, with per-day overrides."""
    diary = []
    if with_last_week:
        diary += [
            entry(i, morning_pain=last_pain, stiffness_minutes=last_stiffness) for i in LAST_WEEK
        ]
    overrides = week or {}
    for i in THIS_WEEK:
        values: dict[str, Any] = {"morning_pain": this_pain, "stiffness_minutes": this_stiffness}
        values.update(overrides.get(i, {}))
        diary.append(entry(i, **values))
    return diary


def sessions(
    pains: Sequence[int | None] | None = None,
    effort: Effort | None = Effort.CHALLENGING,
    count: int = 7,
) -> list[SessionLog]:
    """This week's sessions, one a day, with the given pain-during ratings."""
    ratings = pains if pains is not None else [2] * count
    return [session(i, pain=p, effort=effort) for i, p in enumerate(ratings)]


def review(
    diary: list[DiaryEntry] | None = None,
    logs: list[SessionLog] | None = None,
    **context: Any,
) -> Review:
    """Review the week ending END with a default good week and an L3 plan."""
    context.setdefault("level", "L3")
    return review_week(
        END,
        history() if diary is None else diary,
        sessions() if logs is None else logs,
        ReviewContext(**context),
    )


def reason(result: Review, rule_id: str) -> str:
    """The message of the reason tagged with ``rule_id``."""
    matches = [r.message for r in result.reasons if r.rule == rule_id]
    assert matches, f"no reason for {rule_id}: {result.rules_fired}"
    return matches[0]


# -- the must-show cases ----------------------------------------------------------------


@pytest.mark.parametrize("level", ["L1", "L2", "L3", "L4", "L5"])
def test_good_week_below_l6_progresses_exactly_one_step(level: str) -> None:
    result = review(level=level, logs=sessions([2, 1, 2, 0, 2, 1, 2]))
    assert result.suggestion is Suggestion.PROGRESS
    assert result.level_to == step_up(level)
    assert LEVELS.index(result.level_to) == LEVELS.index(level) + 1
    assert result.changes == ladder_changes(level, step_up(level))
    assert "PROG-ADVANCE" in result.rules_fired
    assert "Pain during sessions stayed at or under 5/10 (max 2)" in reason(result, "PROG-ADVANCE")
    assert "7 of 7 planned sessions (100%)" in reason(result, "PROG-ADVANCE")


@pytest.mark.parametrize("level", ["L6", "L7", "L8"])
def test_same_week_too_easy_at_l6_or_above_switches_to_isotonic(level: str) -> None:
    result = review(level=level, logs=sessions(effort=Effort.TOO_EASY))
    assert result.suggestion is Suggestion.SWITCH_TO_ISOTONIC
    # §E6.5: level_to is the start step (not irritable: T3), level_from stays the L level.
    assert (result.level_from, result.level_to) == (level, "T3")
    assert (result.stage_from, result.stage_to) == ("isometric", "isotonic")
    assert result.changes == (Change("stage", "isometric", "isotonic"),)
    assert "PROG-SWITCH-ISOTONIC" in result.rules_fired
    assert "ELIG-ISOT-START" in result.rules_fired
    assert "PROG-ADVANCE" not in result.rules_fired


@pytest.mark.parametrize(
    ("level", "level_to", "fired"),
    [
        ("L6", "L7", ["PROG-FOREFOOT-STAY-ISO", "PROG-ADVANCE"]),
        ("L7", "L8", ["PROG-FOREFOOT-STAY-ISO", "PROG-ADVANCE"]),
        ("L8", "L8", ["PROG-FOREFOOT-STAY-ISO"]),
    ],
)
@pytest.mark.parametrize(
    "block", [{"forefoot_block": True, "can_do_heel_raises": False}, {"can_do_heel_raises": False}]
)
def test_forefoot_block_stays_isometric(
    level: str, level_to: str, fired: list[str], block: dict[str, Any]
) -> None:
    result = review(level=level, logs=sessions(effort=Effort.TOO_EASY), **block)
    assert result.suggestion is Suggestion.PROGRESS
    assert result.level_to == level_to
    assert [r for r in result.rules_fired if r in fired] == fired
    assert "PROG-SWITCH-ISOTONIC" not in result.rules_fired
    if level == "L8":
        assert result.changes == (Change("added_load", "current load", "a little heavier"),)
        assert "heavier" in reason(result, "PROG-FOREFOOT-STAY-ISO")


def test_green_week_at_l8_switches_even_when_challenging() -> None:
    result = review(level="L8")
    assert result.suggestion is Suggestion.SWITCH_TO_ISOTONIC
    assert "at L8, the top step" in reason(result, "PROG-SWITCH-ISOTONIC")


def test_too_easy_below_l6_just_progresses() -> None:
    result = review(level="L4", logs=sessions(effort=Effort.TOO_EASY))
    assert result.suggestion is Suggestion.PROGRESS
    assert result.level_to == "L5"


@pytest.mark.parametrize(
    "pains", [[6, 6, 2, 2, 2, 2, 2], [9, 6, 1, 1, 1, 1, 1], [6, 7, 6, 6, 6, 6, 6]]
)
@pytest.mark.parametrize("level", LEVELS)
def test_pain_during_over_5_in_two_sessions_never_progresses(pains: list[int], level: str) -> None:
    result = review(level=level, logs=sessions(pains))
    assert result.suggestion is Suggestion.REGRESS
    assert "MON-PAIN-DURING" in result.rules_fired
    assert "PROG-ADVANCE" not in result.rules_fired


@pytest.mark.parametrize("level", LEVELS)
def test_morning_pain_worse_than_week_before_never_progresses(level: str) -> None:
    result = review(history(last_pain=1, this_pain=3), level=level)
    assert result.week.baseline_morning_pain == 1.0
    assert result.week.not_settled_mornings == 7
    assert result.suggestion is Suggestion.REGRESS
    assert result.level_to == step_down(level, 2)
    assert "MON-NOT-SETTLED" in result.rules_fired


def test_morning_pain_one_point_up_is_still_settled() -> None:
    """Only 2+ points over baseline count as a worse morning (MON-NOT-SETTLED [DESIGN])."""
    result = review(history(last_pain=1, this_pain=2))
    assert result.week.not_settled_mornings == 0
    assert result.suggestion is Suggestion.PROGRESS


# -- §E2 REGRESS branch (PROG-REGRESS, one or two steps) ---------------------------------------


@pytest.mark.parametrize(
    ("diary_overrides", "pains", "level", "level_to"),
    [
        # two sessions > 5: one step
        ({}, [6, 6, 2, 2, 2, 2, 2], "L4", "L3"),
        # one session > 7: two steps
        ({}, [8, 2, 2, 2, 2, 2, 2], "L4", "L2"),
        # two unsettled mornings: one step
        ({0: {"settled": False}, 1: {"settled": False}}, None, "L4", "L3"),
        # three unsettled mornings: two steps
        ({0: {"settled": False}, 1: {"settled": False}, 2: {"settled": False}}, None, "L4", "L2"),
        # a flare-up: two steps
        ({3: {"day": DayKind.FLARE_UP}}, None, "L4", "L2"),
        # floor at L1
        ({3: {"day": DayKind.FLARE_UP}}, None, "L2", "L1"),
        ({3: {"day": DayKind.FLARE_UP}}, None, "L1", "L1"),
        ({}, [6, 6, 2, 2, 2, 2, 2], "L1", "L1"),
    ],
)
def test_regress_steps(
    diary_overrides: dict[int, dict[str, Any]], pains: list[int] | None, level: str, level_to: str
) -> None:
    result = review(history(week=diary_overrides), sessions(pains), level=level)
    assert result.suggestion is Suggestion.REGRESS
    assert result.level_to == level_to
    assert result.red
    assert result.changes == ladder_changes(level, level_to)
    assert "PROG-REGRESS" in result.rules_fired


def test_flare_up_reason_names_two_steps_and_the_figures() -> None:
    result = review(history(week={3: {"day": DayKind.FLARE_UP}}), level="L5")
    message = reason(result, "PROG-REGRESS")
    assert "flare-up was logged on 1 day" in message
    assert "step back two steps, from L5 to L3" in message
    assert result.week.flare_up
    assert result.week.sessions_planned == 6


def test_regress_at_l1_says_so() -> None:
    result = review(history(week={3: {"day": DayKind.FLARE_UP}}), level="L1")
    assert "already on the first step" in reason(result, "PROG-REGRESS")
    assert result.changes == ()


def test_regress_two_steps_lists_every_changed_field() -> None:
    result = review(logs=sessions([8, 2, 2, 2, 2, 2, 2]), level="L6")
    assert result.level_to == "L4"
    assert result.changes == (Change("legs", 1, 2), Change("rest_seconds", 60, 45))


# -- MON-STIFFNESS-TREND ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "this", "worse"),
    [
        (10, 20, True),  # 2x and +10
        (10, 14, False),  # 1.4x but only +4 min
        (30, 35, False),  # +5 min but under 1.2x
        (25, 30, True),  # exactly 1.2x and +5
        (0, 5, True),
        (20, 10, False),
    ],
)
def test_stiffness_trend(last: int, this: int, worse: bool) -> None:
    result = review(history(last_stiffness=last, this_stiffness=this))
    assert result.week.stiffness_worse is worse
    assert ("MON-STIFFNESS-TREND" in result.rules_fired) is worse
    assert (result.suggestion is Suggestion.REGRESS) is worse
    if worse:
        assert f"from {last:g} min" in reason(result, "MON-STIFFNESS-TREND")


def test_no_previous_week_means_no_stiffness_trend() -> None:
    result = review(history(with_last_week=False, this_stiffness=25))
    assert result.previous_week is None
    assert not result.week.stiffness_worse
    assert result.suggestion is Suggestion.PROGRESS
    assert "no earlier week" in reason(result, "PROG-ADVANCE")


# -- §E2 HOLD (AMBER) and default HOLD ----------------------------------------------------------


@pytest.mark.parametrize(
    ("diary", "logs", "phrase"),
    [
        (history(week={2: {"settled": False}}), sessions(), "ne morning had not settled"),
        (history(), sessions(count=4), "4 of 7 planned sessions (57%), under 70%"),
        (history(), sessions(effort=Effort.TOO_HARD), "mostly felt too hard"),
        (history(), sessions([4, 5, 4, 5, 2, 2, 2]), "4-5/10 in 4 of 7 rated sessions"),
    ],
)
def test_amber_holds(diary: list[DiaryEntry], logs: list[SessionLog], phrase: str) -> None:
    result = review(diary, logs, level="L4")
    assert result.suggestion is Suggestion.HOLD
    assert result.level_to == "L4"
    assert result.changes == ()
    assert phrase in reason(result, "PROG-HOLD")


def test_pain_4_5_in_exactly_half_or_fewer_sessions_is_not_amber() -> None:
    result = review(logs=sessions([4, 5, 4, 2, 2, 2, 2]))
    assert result.suggestion is Suggestion.PROGRESS


@pytest.mark.parametrize(
    ("logs", "phrase"),
    [
        (sessions(count=5), "5 of 7 planned sessions (71%), under 80%"),  # between 70 and 80 %
        (sessions([6, 2, 2, 2, 2, 2, 2]), "pain went over 5/10 in 1 session"),
    ],
)
def test_default_hold_names_what_was_missed(logs: list[SessionLog], phrase: str) -> None:
    result = review(logs=logs)
    assert result.suggestion is Suggestion.HOLD
    assert not result.green_criteria_met
    assert phrase in reason(result, "PROG-HOLD")


def test_adherence_excludes_rest_pause_and_flare_days_and_is_capped() -> None:
    diary = history(week={0: {"day": DayKind.REST}, 1: {"day": DayKind.PAUSE}})
    logs = sessions(count=5)
    result = review(diary, logs)
    assert result.week.sessions_planned == 5
    assert result.week.adherence == 1.0
    assert result.suggestion is Suggestion.PROGRESS
    extra = [*logs, session(2, n=1), session(3, n=1)]
    assert review(diary, extra).week.adherence == 1.0


def test_week_of_only_days_off_holds() -> None:
    diary = history(week={i: {"day": DayKind.REST} for i in THIS_WEEK})
    result = review(diary, [])
    assert result.week.sessions_planned == 0
    assert result.week.adherence is None
    assert result.suggestion is Suggestion.HOLD
    assert "no sessions to judge" in reason(result, "PROG-HOLD")


# -- too little data ------------------------------------------------------------------------------


def few_days(**overrides: Any) -> list[DiaryEntry]:
    """Only two mornings logged this week (plus a full previous week)."""
    return [entry(i) for i in LAST_WEEK] + [entry(0, **overrides), entry(1)]


def test_too_little_data_holds_and_says_so() -> None:
    result = review(few_days())
    assert result.too_little_data
    assert result.suggestion is Suggestion.HOLD
    assert "Only 2 mornings logged" in reason(result, "PROG-HOLD")


def test_no_diary_at_all_holds() -> None:
    result = review([], [])
    assert result.suggestion is Suggestion.HOLD
    assert "No morning was logged in this week" in reason(result, "PROG-HOLD")
    assert "Only 0" not in reason(result, "PROG-HOLD")


@pytest.mark.parametrize(
    ("diary", "logs", "level_to"),
    [
        (few_days(day=DayKind.FLARE_UP), sessions(), "L1"),
        (few_days(), sessions([8, 2, 2]), "L1"),
        (few_days(), sessions([6, 6, 2]), "L2"),
    ],
)
def test_too_little_data_still_regresses_on_clear_red_counts(
    diary: list[DiaryEntry], logs: list[SessionLog], level_to: str
) -> None:
    result = review(diary, logs)
    assert result.too_little_data
    assert result.suggestion is Suggestion.REGRESS
    assert result.level_to == level_to


def test_too_little_data_does_not_judge_the_stiffness_average() -> None:
    diary = [entry(i, stiffness_minutes=5) for i in LAST_WEEK]
    diary += [entry(0, stiffness_minutes=20), entry(1, stiffness_minutes=20)]
    result = review(diary)
    assert result.week.stiffness_worse
    assert result.suggestion is Suggestion.HOLD


def test_too_little_data_with_blocking_flag_sees_clinician() -> None:
    result = review([entry(0, red_flags=("pop",))], [])
    assert result.suggestion is Suggestion.SEE_CLINICIAN


def test_too_little_data_never_triggers_the_four_week_rule() -> None:
    result = review(few_days(), previous_verdicts=["hold", "hold", "hold"])
    assert result.suggestion is Suggestion.HOLD


# -- red flags -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flag", "rule_id"),
    [
        ("pop", "RF-RUPTURE-SUSPECT"),
        ("calf-swelling", "RF-DVT"),
        ("breathless", "RF-PE"),
        ("infection", "RF-INFECTION"),
        ("night-pain", "RF-NIGHT-REST-PAIN"),
        ("fluoroquinolone-new-pain", "RF-FLUOROQUINOLONE"),
    ],
)
def test_blocking_flag_sees_clinician(flag: str, rule_id: str) -> None:
    result = review(history(week={4: {"red_flags": (flag,)}}), level="L5")
    assert result.suggestion is Suggestion.SEE_CLINICIAN
    assert result.level_to == result.level_from == "L5"
    assert result.changes == ()
    assert result.rules_fired[0] == rule_id
    assert "PROG-SEE-CLINICIAN" in result.rules_fired
    assert not {"PROG-ADVANCE", "PROG-REGRESS", "PROG-HOLD"} & set(result.rules_fired)
    assert result.week.blocking_flags == (rule_id,)


def test_blocking_flag_outside_the_week_is_ignored() -> None:
    diary = history()
    diary[0] = entry(8, red_flags=("pop",))
    result = review(diary)
    assert result.suggestion is Suggestion.PROGRESS


@pytest.mark.parametrize(
    "flags", [("inflammatory",), ("fluoroquinolone",), ("RF-INFLAMMATORY", "RF-FLUOROQUINOLONE")]
)
@pytest.mark.parametrize(("level", "effort"), [("L3", Effort.CHALLENGING), ("L7", Effort.TOO_EASY)])
def test_warn_flags_freeze_progress_and_switch(
    flags: tuple[str, ...], level: str, effort: Effort
) -> None:
    result = review(logs=sessions(effort=effort), level=level, warn_flags_active=flags)
    assert result.suggestion is Suggestion.HOLD
    assert result.green_criteria_met
    assert set(result.rules_fired) >= {"PROG-HOLD"}
    assert any(r.startswith("RF-") for r in result.rules_fired)
    assert "checked with a doctor first" in reason(result, "PROG-HOLD")


def test_warn_flags_do_not_stop_a_regress() -> None:
    result = review(logs=sessions([6, 6, 2, 2, 2, 2, 2]), warn_flags_active=("inflammatory",))
    assert result.suggestion is Suggestion.REGRESS


def test_diary_warn_flag_freezes() -> None:
    result = review(history(week={1: {"red_flags": ("fluoroquinolone",)}}))
    assert result.suggestion is Suggestion.HOLD
    assert "RF-FLUOROQUINOLONE" in result.rules_fired


def test_inflammatory_from_weekly_stiffness_over_30_minutes() -> None:
    result = review(history(last_stiffness=35, this_stiffness=35))
    assert not result.week.stiffness_worse
    assert "RF-INFLAMMATORY" in result.rules_fired
    assert "averaged 35 min" in reason(result, "RF-INFLAMMATORY")
    assert result.suggestion is Suggestion.HOLD


def test_stiffness_of_exactly_30_minutes_is_not_inflammatory() -> None:
    result = review(history(last_stiffness=30, this_stiffness=30))
    assert "RF-INFLAMMATORY" not in result.rules_fired
    assert result.suggestion is Suggestion.PROGRESS


def test_unknown_warn_flag_is_refused() -> None:
    with pytest.raises(DomainError):
        ReviewContext(level="L1", warn_flags_active=("pop",))


# -- PROG-SEE-CLINICIAN from the history -------------------------------------------------------


@pytest.mark.parametrize(
    ("previous", "suggestion"),
    [
        (["regress"], Suggestion.SEE_CLINICIAN),
        ([PastWeek("see_clinician", red=True, green=False)], Suggestion.SEE_CLINICIAN),
        (["hold", "regress"], Suggestion.REGRESS),
        (["progress"], Suggestion.REGRESS),
        ([], Suggestion.REGRESS),
    ],
)
def test_two_red_weeks_in_a_row_see_clinician(
    previous: list[PastWeek | str], suggestion: Suggestion
) -> None:
    result = review(logs=sessions([6, 6, 2, 2, 2, 2, 2]), previous_verdicts=previous, level="L4")
    assert result.suggestion is suggestion
    if suggestion is Suggestion.SEE_CLINICIAN:
        assert result.level_to == "L4"
        assert "reacted again" in reason(result, "PROG-SEE-CLINICIAN")
        assert "PROG-REGRESS" not in result.rules_fired


@pytest.mark.parametrize(
    ("previous", "suggestion"),
    [
        (["hold", "hold", "hold"], Suggestion.SEE_CLINICIAN),
        (["hold", "regress", "hold", "progress"], Suggestion.SEE_CLINICIAN),
        (["hold", "hold"], Suggestion.HOLD),
        (["hold", "progress", "hold"], Suggestion.HOLD),
        # a HOLD forced by competition mode still met the GREEN criteria
        (["hold", PastWeek("hold", red=False, green=True), "hold"], Suggestion.HOLD),
    ],
)
def test_four_weeks_short_of_green_see_clinician(
    previous: list[PastWeek | str], suggestion: Suggestion
) -> None:
    result = review(logs=sessions(count=4), previous_verdicts=previous)
    assert result.suggestion is suggestion
    if suggestion is Suggestion.SEE_CLINICIAN:
        assert "4th logged week in a row" in reason(result, "PROG-SEE-CLINICIAN")


def test_green_week_never_counts_towards_the_stall() -> None:
    result = review(previous_verdicts=["hold", "hold", "hold"])
    assert result.suggestion is Suggestion.PROGRESS


def test_past_week_round_trips_through_review_json() -> None:
    frozen = review(mode="competition")
    past = PastWeek.from_json(frozen.to_json())
    assert past == PastWeek.from_review(frozen) == PastWeek("hold", red=False, green=True)
    assert PastWeek.from_json({"suggestion": "regress"}) == PastWeek("regress", True, False)
    with pytest.raises(DomainError):
        PastWeek.from_suggestion("maybe")


# -- PROG-RUPTURE-SINGLE-LEG-GATE ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "cleared", "level", "suggestion"),
    [
        (Condition.RUPTURE_SURGERY, False, "L5", Suggestion.HOLD),
        (Condition.RUPTURE_CONSERVATIVE, False, "L5", Suggestion.HOLD),
        (Condition.UNSURE, True, "L5", Suggestion.HOLD),
        (Condition.RUPTURE_SURGERY, True, "L5", Suggestion.PROGRESS),
        (Condition.MIDPORTION, False, "L5", Suggestion.PROGRESS),
        (Condition.RUPTURE_SURGERY, False, "L4", Suggestion.PROGRESS),
    ],
)
def test_rupture_single_leg_gate(
    condition: Condition, cleared: bool, level: str, suggestion: Suggestion
) -> None:
    result = review(level=level, condition=condition, single_leg_cleared=cleared)
    assert result.suggestion is suggestion
    gated = suggestion is Suggestion.HOLD
    assert ("PROG-RUPTURE-SINGLE-LEG-GATE" in result.rules_fired) is gated
    if gated:
        assert result.level_to == "L5"
        assert "Single-leg holds" in reason(result, "PROG-RUPTURE-SINGLE-LEG-GATE")


# -- PROG-COMPETITION-FREEZE ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("logs", "level", "suggestion"),
    [
        (sessions(), "L3", Suggestion.HOLD),
        (sessions(effort=Effort.TOO_EASY), "L7", Suggestion.HOLD),
        (sessions(), "L8", Suggestion.HOLD),
        (sessions([6, 6, 2, 2, 2, 2, 2]), "L3", Suggestion.REGRESS),
        (sessions(count=4), "L3", Suggestion.HOLD),
    ],
)
def test_competition_freeze(logs: list[SessionLog], level: str, suggestion: Suggestion) -> None:
    result = review(logs=logs, level=level, mode="competition")
    assert result.suggestion is suggestion
    assert "PROG-COMPETITION-FREEZE" in result.rules_fired
    assert result.suggestion not in (Suggestion.PROGRESS, Suggestion.SWITCH_TO_ISOTONIC)


def test_competition_green_week_still_counts_as_green() -> None:
    result = review(mode="competition")
    assert result.green_criteria_met
    assert "competition mode never raises the level" in reason(result, "PROG-HOLD")


# -- own / physio plan (DOSE-PHYSIO-OVERRIDE) ----------------------------------------------------


@pytest.mark.parametrize(
    ("logs", "suggestion"),
    [
        (sessions(), Suggestion.PROGRESS),
        (sessions([8, 2, 2, 2, 2, 2, 2]), Suggestion.REGRESS),
        (sessions(count=4), Suggestion.HOLD),
        (sessions(effort=Effort.TOO_EASY), Suggestion.PROGRESS),
    ],
)
def test_own_plan_is_never_changed(logs: list[SessionLog], suggestion: Suggestion) -> None:
    result = review(logs=logs, level=None)
    assert result.suggestion is suggestion
    assert result.level_from is None and result.level_to is None
    assert result.changes == ()
    assert result.rules_fired[0] == "DOSE-PHYSIO-OVERRIDE"
    assert "never changes it" in reason(result, "DOSE-PHYSIO-OVERRIDE")


# -- rules_fired, reasons, JSON -------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"mode": "competition", "warn_flags_active": ("inflammatory",)},
        {"diary": history(week={0: {"settled": False}, 1: {"day": DayKind.FLARE_UP}})},
        {"logs": sessions([6, 8, 4, 5, 2, 2, 2]), "level": None},
        {"diary": history(week={2: {"red_flags": ("pop", "inflammatory")}})},
    ],
)
def test_rules_fired_are_unique_known_in_group_order_and_explained(kwargs: dict[str, Any]) -> None:
    result = review(**kwargs)
    fired = result.rules_fired
    assert len(fired) == len(set(fired))
    assert all(rule_id in RULES for rule_id in fired)
    groups = [GROUP_ORDER.index(RULES[rule_id].group) for rule_id in fired]
    assert groups == sorted(groups)
    assert [r.rule for r in result.reasons] == [
        rule_id for rule_id in fired if rule_id != "PROG-NO-SHORTER-REST"
    ]
    assert all(r.message for r in result.reasons)


def test_to_json_shape() -> None:
    data = review(level="L1").to_json()
    assert {
        "suggestion",
        "level_from",
        "level_to",
        "changes",
        "rules_fired",
        "reasons",
        "week",
    } <= (set(data))
    assert data["suggestion"] == "progress"
    assert data["level_from"] == "L1" and data["level_to"] == "L2"
    assert data["changes"] == [{"field": "reps", "from": 3, "to": 5}]
    assert all(set(r) == {"rule", "message"} for r in data["reasons"])
    for key in ("sessions_done", "sessions_planned", "max_pain_during", "adherence", "dose"):
        assert key in data["week"]
    assert data["week"]["sessions_done"] == 7
    assert data["week"]["max_pain_during"] == 2
    assert json.loads(json.dumps(data)) == data


def test_ladder_changes_between_steps() -> None:
    assert ladder_changes("L2", "L3") == (
        Change("hold_seconds", 10, 20),
        Change("rest_seconds", 15, 30),
    )
    assert ladder_changes("L5", "L6") == (Change("legs", 2, 1), Change("hold_seconds", 45, 30))
    assert ladder_changes("L7", "L8") == (
        Change("added_load", False, True),
        Change("hold_seconds", 45, 30),
    )
    assert ladder_changes("L3", "L3") == ()


def test_ladder_never_shortens_rest_going_up() -> None:
    for level in LEVELS[:-1]:
        assert LADDER[step_up(level)].rest_seconds >= LADDER[level].rest_seconds


# -- figures (§E1) -------------------------------------------------------------------------------


def test_only_the_seven_days_ending_on_the_week_count() -> None:
    diary = history()
    logs = [*sessions(), session(7, pain=9, n=1), session(14, pain=9, n=1)]
    result = review(diary, logs)
    assert result.week.sessions_done == 7
    assert result.week.max_pain_during == 2
    assert result.week.week_start == day(6)
    assert result.previous_week is not None
    assert result.previous_week.max_pain_during == 9


def test_baseline_is_mean_of_last_seven_logged_mornings_before_the_week() -> None:
    diary = [entry(i, morning_pain=4) for i in range(14, 20)]  # older, only partly used
    diary += [entry(i, morning_pain=2) for i in (7, 8, 9)]
    diary += [entry(10, morning_pain=None)]  # not a logged morning
    diary += [entry(i) for i in THIS_WEEK]
    # last seven logged mornings before the week: 2, 2, 2, 4, 4, 4, 4
    assert baseline_morning_pain(diary, END) == round((3 * 2 + 4 * 4) / 7, 2)


def test_baseline_without_earlier_mornings_is_the_first_morning_of_the_week() -> None:
    diary = [entry(5, morning_pain=None), entry(4, morning_pain=3), entry(0, morning_pain=5)]
    assert baseline_morning_pain(diary, END) == 3.0
    figures = compute_week(END, diary, [])
    assert figures.not_settled_mornings == 1  # 5 >= 3 + 2
    assert baseline_morning_pain([], END) is None


def test_figures_count_pain_bands_and_over_limit() -> None:
    logs = [
        session(0, pain=4),
        session(1, pain=5),
        session(2, pain=6),
        session(3, pain=8),
        session(4, pain=None, over_limit=True, complete=False),
        session(5, pain=None),
        session(6, pain=1, complete=False, ended_at=None, reps=()),  # no holds: not done
    ]
    figures = compute_week(END, history(), logs)
    assert figures.sessions_done == 6
    assert figures.pain_4_5_count == 2
    assert figures.sessions_over_5 == 3
    assert figures.sessions_over_7 == 1
    assert figures.max_pain_during == 8
    # §E1: the pain rating of a session too short to count still counts for the pain figures.
    assert figures.sessions_rated == 5
    assert figures.mean_pain_during == round((4 + 5 + 6 + 8 + 1) / 5, 2)


def test_figures_without_sessions_have_no_pain_means() -> None:
    figures = compute_week(END, history(), [])
    assert figures.max_pain_during is None
    assert figures.mean_pain_during is None
    assert figures.weekly_effort is None
    assert figures.adherence == 0.0


@pytest.mark.parametrize(
    ("efforts", "expected"),
    [
        ([Effort.TOO_EASY] * 3 + [Effort.CHALLENGING] * 2, Effort.TOO_EASY),
        ([Effort.TOO_EASY] * 2 + [Effort.CHALLENGING] * 2, Effort.CHALLENGING),
        ([Effort.CHALLENGING, Effort.TOO_HARD], Effort.TOO_HARD),
        ([Effort.TOO_EASY, Effort.TOO_HARD, Effort.CHALLENGING], Effort.TOO_HARD),
    ],
)
def test_weekly_effort_most_frequent_tie_goes_harder(
    efforts: list[Effort], expected: Effort
) -> None:
    logs = [session(i, effort=e) for i, e in enumerate(efforts)]
    assert compute_week(END, history(), logs).weekly_effort is expected


def test_dose_per_side_weights_added_load() -> None:
    reps = (
        RepRecord(0, Side.LEFT, 1, 30, load_kg=2.0),
        RepRecord(0, Side.LEFT, 2, 30, load_kg=2.0),
        RepRecord(0, Side.RIGHT, 1, 30),
    )
    figures = compute_week(END, history(), [session(0, reps=reps), session(1, reps=reps)])
    assert figures.dose == {"left": 2 * 2 * 30 * 3.0, "right": 2 * 30.0}
    assert figures.dose_total == 360.0 + 60.0


def test_duplicate_diary_dates_and_session_ids_count_once() -> None:
    diary = [*history(), entry(0, settled=False)]
    logs = [*sessions(), session(0)]
    figures = compute_week(END, diary, logs)
    assert figures.diary_days == 7
    assert figures.not_settled_mornings == 1
    assert figures.sessions_done == 7


def test_flags_are_split_by_severity() -> None:
    diary = history(week={0: {"red_flags": ("inflammatory",)}, 1: {"red_flags": ("pop",)}})
    figures = compute_week(END, diary, [])
    assert figures.blocking_flags == ("RF-RUPTURE-SUSPECT",)
    assert figures.warn_flags == ("RF-INFLAMMATORY",)
    assert figures.unknown_flags == ()


def test_a_diary_entry_refuses_unknown_warning_signs() -> None:
    with pytest.raises(DomainError, match="unknown warning sign"):
        history(week={0: {"red_flags": ("mystery",)}})


def test_fluoroquinolone_with_new_pain_is_blocking_not_warn() -> None:
    diary = history(week={0: {"red_flags": ("fluoroquinolone", "fluoroquinolone-new-pain")}})
    figures = compute_week(END, diary, [])
    assert figures.blocking_flags == ("RF-FLUOROQUINOLONE",)
    assert figures.warn_flags == ()


# -- context ---------------------------------------------------------------------------------------


def test_context_from_profile() -> None:
    assessment = Assessment(
        condition=Condition.RUPTURE_SURGERY,
        rupture_loading_cleared=True,
        forefoot_problem=True,
        can_do_heel_raises=False,
        competition_phase=True,
        red_flags=(RedFlag.INFLAMMATORY,),
    )
    record = AssessmentRecord(dt.datetime.combine(END, dt.time(9)), assessment, id=1)
    profile = profile_on(END, ProfileHistory([record], []))
    context = ReviewContext.from_profile(profile, "L5", previous_verdicts=["hold"])
    assert context.mode == "competition"
    assert context.condition is Condition.RUPTURE_SURGERY
    assert context.forefoot_block and not context.can_do_heel_raises
    assert context.warn_flags_active == ("RF-INFLAMMATORY",)
    assert context.past_weeks == (PastWeek("hold", red=False, green=False),)
    bare = ReviewContext.from_profile(profile_on(END, ProfileHistory([], [])), None)
    assert bare.level is None and bare.mode == "standard"


@pytest.mark.parametrize(
    "kwargs", [{"level": "L9"}, {"level": "L1", "mode": "race"}, {"level": "L1", "condition": "x"}]
)
def test_context_refuses_bad_values(kwargs: dict[str, Any]) -> None:
    with pytest.raises(DomainError):
        ReviewContext(**kwargs)


# -- flare-up helper ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "days", "settled", "now", "rest", "ramp", "ramp_back"),
    [
        ("L5", 0, True, "L3", True, False, ("L4", "L5")),
        ("L5", 1, True, "L3", False, True, ("L4", "L5")),
        ("L5", 3, False, "L3", False, False, ("L4", "L5")),
        ("L2", 1, True, "L1", False, True, ("L2",)),
        ("L1", 0, True, "L1", True, False, ()),
        ("L1", 2, True, "L1", False, True, ()),
    ],
)
def test_flare_up_adjustment(
    level: str,
    days: int,
    settled: bool,
    now: str,
    rest: bool,
    ramp: bool,
    ramp_back: tuple[str, ...],
) -> None:
    result = flare_up_adjustment(level, days, settled)
    assert result.level_before == level
    assert result.level_now == now == step_down(level, 2)
    assert result.rest_today is rest
    assert result.ramp_allowed is ramp
    assert result.ramp_back == ramp_back
    assert result.advice.rule in RULES
    assert now in result.advice.message
    assert result.to_json()["level_now"] == now


@pytest.mark.parametrize(("level", "days"), [("L0", 1), ("L3", -1)])
def test_flare_up_adjustment_refuses_bad_input(level: str, days: int) -> None:
    with pytest.raises(DomainError):
        flare_up_adjustment(level, days)


def test_flare_up_week_matches_the_helper() -> None:
    result = review(history(week={2: {"day": DayKind.FLARE_UP}}), level="L6")
    assert result.level_to == flare_up_adjustment("L6", 1).level_now == "L4"
