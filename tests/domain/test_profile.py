"""§F5 "one clinical profile over time": table tests per bullet and per decision this module
owns (1, 2, 5, 6, 7, 9; the care-state and counting decisions have their own files).

A history is built from the care builders (assessments, plans, diary days, sessions) and
judged the way every surface judges it: ``profile_on`` / ``profile_for_week`` for the
profile, ``build_review`` for the week.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from achilles_tui.domain import isotonic
from achilles_tui.domain.assessment import Condition, Feel, RedFlag, Strength
from achilles_tui.domain.engine import recommend
from achilles_tui.domain.models import (
    DayKind,
    DiaryEntry,
    Effort,
    HeelRaise,
    HeelRaiseTest,
    Plan,
    SessionLog,
    Surface,
)
from achilles_tui.domain.profile import ProfileHistory, profile_for_week, profile_on
from achilles_tui.domain.progression import Review, Suggestion
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.domain.review_context import build_review
from achilles_tui.domain.review_figures import compute_week
from tests.care.builders import day, plan, record, session

END = dt.date(2026, 3, 15)


def on(days_before_end: int, hour: int = 9) -> dt.datetime:
    """A moment ``days_before_end`` days before END."""
    return dt.datetime.combine(END - dt.timedelta(days=days_before_end), dt.time(hour))


def rec(days_before_end: int, rid: int, **answers: Any) -> AssessmentRecord:
    """A stored assessment with an id (plans point at it) made that day."""
    made = record(on(days_before_end), **answers)
    return AssessmentRecord(made.created, made.answers, made.result, made.source, rid)


def t_plan(level: str, days: int = 14, **changes: Any) -> Plan:
    """A review plan at a T step begun ``days`` before END (on the step for T6-T8)."""
    exercise = isotonic.exercise_for(level, isotonic.Profile())
    surface = changes.pop("surface", None)
    if surface is not None:
        exercise = HeelRaise(**{**exercise.__dict__, "surface": surface})
    start = END - dt.timedelta(days=days)
    return Plan(1, on(days, 8), (exercise,), source="review", level=level, since=start, **changes)


def l_plan(level: str, days: int = 14, **changes: Any) -> Plan:
    """A review plan of holds at ``level`` begun ``days`` before END."""
    base = plan(level, since=END - dt.timedelta(days=days), created=on(days, 8), **changes)
    return Plan(1, base.created, base.exercises, source="review", level=level, since=base.since)


def good_days(
    days: int = 14, *, per_week: int = 7, pain: int = 1, effort: Effort = Effort.CHALLENGING
) -> tuple[list[DiaryEntry], list[SessionLog]]:
    """Settled mornings and sessions at ``pain`` for ``days`` days ending on END; a 3-a-week
    plan gets sessions on alternate days."""
    diary, logs = [], []
    for offset in range(days - 1, -1, -1):
        when = END - dt.timedelta(days=offset)
        diary.append(day(when))
        if per_week == 7 or offset % 7 in (5, 3, 1):
            done = session(when, done=3, planned=3, pain=pain)
            logs.append(SessionLog(**{**done.__dict__, "effort": effort}))
    return diary, logs


def judge(
    plans: list[Plan],
    records: list[AssessmentRecord],
    diary: list[DiaryEntry] | None = None,
    logs: list[SessionLog] | None = None,
    *,
    end: dt.date = END,
    tests: tuple[HeelRaiseTest, ...] = (),
    **good: Any,
) -> Review:
    """The review of the week ending ``end`` on this history."""
    if diary is None:
        per_week = plans[-1].sessions_per_week
        diary, logs = good_days(per_week=per_week, **good)
    return build_review(end, plans, diary, logs or [], records, [], (), tests)


# -- §F5 "what it holds" and "where it comes from" ------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"condition": Condition.INSERTIONAL}, {"condition": Condition.INSERTIONAL}),
        ({"condition": Condition.RUPTURE_SURGERY, "weeks": 10, "rupture_loading_cleared": True},
         {"rupture": True, "weeks": 10, "rupture_loading_cleared": True}),
        ({"single_leg_cleared": True}, {"single_leg_cleared": True}),
        ({"forefoot_problem": True, "can_do_heel_raises": False},
         {"forefoot_problem": True, "forefoot_block": True, "can_do_heel_raises": False}),
        ({"competition_phase": True}, {"mode": "competition", "competition": True}),
        ({"side": "right"}, {"side": "right"}),
        ({"red_flags": (RedFlag.INFLAMMATORY,)}, {"warn_flags": ("RF-INFLAMMATORY",)}),
        ({"red_flags": (RedFlag.CALF_SWELLING,)}, {"block_flags": ("RF-DVT",)}),
    ],
    ids=["condition", "rupture", "single-leg", "forefoot", "competition", "side",
         "warn-sign", "block-sign"],
)  # fmt: skip
def test_the_profile_holds_what_the_latest_assessment_says(
    answers: dict[str, Any], expected: dict[str, Any]
) -> None:
    profile = profile_on(END, ProfileHistory([rec(0, 1, **answers)], []))
    for name, value in expected.items():
        assert getattr(profile, name) == value, name
    assert profile.assessed_on == END


def test_rupture_weeks_are_the_assessed_weeks_plus_whole_weeks_since() -> None:
    answers = {"condition": Condition.RUPTURE_SURGERY, "weeks": 10, "rupture_loading_cleared": True}
    history = ProfileHistory([rec(15, 1, **answers)], [])
    assert profile_on(END, history).weeks == 12


def test_the_latest_assessment_on_or_before_the_date_is_in_force() -> None:
    records = [rec(10, 1, condition=Condition.INSERTIONAL), rec(3, 2, competition_phase=True)]
    history = ProfileHistory(records, [])
    assert profile_on(END - dt.timedelta(days=5), history).condition is Condition.INSERTIONAL
    assert profile_on(END, history).competition
    assert profile_on(END - dt.timedelta(days=11), history).assessed_on is None


def test_an_assessment_counts_from_the_start_of_the_plan_it_gave() -> None:
    made_today = rec(0, 1, red_flags=(RedFlag.FLUOROQUINOLONE,))
    back_dated = l_plan("L1", days=13)
    back_dated = Plan(**{**back_dated.__dict__, "assessment_id": 1})
    history = ProfileHistory([made_today], [back_dated])
    assert profile_on(END - dt.timedelta(days=13), history).warn_flags == ("RF-FLUOROQUINOLONE",)
    assert profile_on(END - dt.timedelta(days=14), history).assessed_on is None


def test_diary_signs_join_the_profile_from_the_day_they_are_reported() -> None:
    diary = [day(END - dt.timedelta(days=2), flags=("inflammatory", "calf-swelling"))]
    history = ProfileHistory([rec(10, 1)], [], diary)
    before = profile_on(END - dt.timedelta(days=3), history)
    after = profile_on(END, history)
    assert before.warn_flags == () and after.warn_flags == ("RF-INFLAMMATORY",)
    assert profile_on(END - dt.timedelta(days=2), history).block_flags == ("RF-DVT",)
    assert profile_on(END, history).block_flags == ()  # reported before the day asked about


def test_a_step_trial_floor_only_plan_makes_the_profile_floor_only() -> None:
    floor = t_plan("T5", floor_only=True)
    profile = profile_on(END, ProfileHistory([rec(20, 1)], [floor]))
    assert profile.floor_only and profile.isotonic.floor_only_surface
    assert "MON-ISOT-STEP-TRIAL" in profile.rules


def test_no_assessment_means_no_limit_beyond_the_plan() -> None:
    profile = profile_on(END, ProfileHistory([], [t_plan("T8")]))
    assert profile.assessed_on is None and profile.isotonic.cap == isotonic.TOP_STEP


# -- §F5 "a week is judged with every profile that held in it" ----------------------------------


def test_a_freeze_on_any_day_of_the_week_holds_for_the_week() -> None:
    records = [rec(5, 1, competition_phase=True), rec(1, 2)]
    week = profile_for_week(END, ProfileHistory(records, []))
    assert week.competition and not profile_on(END, ProfileHistory(records, [])).competition


def test_a_block_reported_in_the_week_stays_even_after_a_clean_assessment() -> None:
    records = [rec(4, 1, red_flags=(RedFlag.CALF_SWELLING,)), rec(2, 2)]
    assert profile_for_week(END, ProfileHistory(records, [])).block_flags == ("RF-DVT",)
    review = judge([l_plan("L6")], records)
    assert review.suggestion is Suggestion.SEE_CLINICIAN and "RF-DVT" in review.rules_fired


def test_a_warn_sign_on_any_day_turns_progress_into_hold() -> None:
    records = [rec(20, 1, strength=Strength.STRONG),
               rec(4, 2, strength=Strength.STRONG, red_flags=(RedFlag.INFLAMMATORY,)),
               rec(1, 3, strength=Strength.STRONG)]  # fmt: skip
    review = judge([l_plan("L6")], records)
    assert review.suggestion is Suggestion.HOLD and "RF-INFLAMMATORY" in review.rules_fired


def test_a_cap_that_held_on_any_day_is_kept_for_the_week() -> None:
    records = [rec(20, 1), rec(4, 2, condition=Condition.UNSURE), rec(1, 3)]
    review = judge([t_plan("T4", days=20)], records)
    assert review.suggestion is Suggestion.REGRESS and review.level_to == "T2"


# -- §F5 "a kept plan obeys the new profile" ----------------------------------------------------


@pytest.mark.parametrize(
    ("level", "answers", "suggestion", "level_to", "rule_id"),
    [
        ("T8", {"condition": Condition.RUPTURE_SURGERY, "rupture_loading_cleared": True,
                "weeks": 16, "single_leg_cleared": True}, "regress", "T5", "PROG-ISOT-CAP"),
        ("T6", {"condition": Condition.RUPTURE_CONSERVATIVE, "rupture_loading_cleared": True,
                "weeks": 9}, "regress", "T2", "PROG-ISOT-CAP"),
        ("T3", {"condition": Condition.UNSURE}, "regress", "T2", "PROG-ISOT-CAP"),
        ("L7", {"condition": Condition.UNSURE}, "regress", "L5", "PROG-RUPTURE-SINGLE-LEG-GATE"),
        ("L6", {"condition": Condition.RUPTURE_SURGERY, "rupture_loading_cleared": True},
         "regress", "L5", "PROG-RUPTURE-SINGLE-LEG-GATE"),
        ("T6", {"condition": Condition.INSERTIONAL}, "regress", "T5", "POS-ISOT-FLOOR-ONLY"),
        ("T8", {"condition": Condition.BURSITIS}, "regress", "T8", "POS-ISOT-FLOOR-ONLY"),
        ("T4", {"forefoot_problem": True, "can_do_heel_raises": False}, "hold", "T4",
         "PROG-FOREFOOT-STAY-ISO"),
        ("T4", {"competition_phase": True}, "hold", "T4", "PROG-COMPETITION-FREEZE"),
        ("T4", {"red_flags": (RedFlag.FLUOROQUINOLONE,)}, "hold", "T4", "RF-FLUOROQUINOLONE"),
        ("L8", {"competition_phase": True, "strength": Strength.STRONG}, "hold", "L8",
         "PROG-COMPETITION-FREEZE"),
        ("L8", {"forefoot_problem": True, "can_do_heel_raises": False}, "progress", "L8",
         "PROG-FOREFOOT-STAY-ISO"),
    ],
    ids=["rupture-T5-cap-no-load", "early-rupture-T2", "unsure-T2", "unsure-L5-gate",
         "rupture-L5-gate", "insertional-off-the-step", "bursitis-loaded-to-the-floor",
         "forefoot-no-progress", "competition-no-progress", "warn-no-progress",
         "competition-no-switch", "forefoot-no-switch"],
)  # fmt: skip
def test_a_kept_plan_obeys_the_profile_in_force(
    level: str, answers: dict[str, Any], suggestion: str, level_to: str, rule_id: str
) -> None:
    kept = t_plan(level, days=20) if level.startswith("T") else l_plan(level, days=20)
    review = judge([kept], [rec(10, 1, **answers)])
    assert (str(review.suggestion), review.level_to) == (suggestion, level_to)
    assert rule_id in review.rules_fired
    if review.profile is not None and level_to.startswith("T"):
        assert isotonic.index(level_to) <= isotonic.index(review.profile.cap)


def test_an_own_plan_keeps_its_caps_lifted_but_never_its_warning_signs() -> None:
    own = Plan(1, on(20, 8), t_plan("T8").exercises, source="own", since=END - dt.timedelta(20))
    unsure = judge([own], [rec(10, 1, condition=Condition.UNSURE)])
    assert unsure.level_to is None and str(unsure.suggestion) == "progress"
    flagged = judge([own], [rec(3, 1, red_flags=(RedFlag.CALF_SWELLING,))])
    assert flagged.suggestion is Suggestion.SEE_CLINICIAN


# -- decisions 1, 2, 5, 6, 7, 9 -----------------------------------------------------------------


def test_decision1_too_few_mornings_hold_but_never_hide_red() -> None:
    diary = [day(END - dt.timedelta(days=1))]
    calm = [session(END - dt.timedelta(days=n), pain=2) for n in range(7)]
    assert judge([l_plan("L4")], [], diary, calm).suggestion is Suggestion.HOLD
    flare = [day(END - dt.timedelta(days=1), kind=DayKind.FLARE_UP)]
    assert judge([l_plan("L4")], [], flare, calm).suggestion is Suggestion.REGRESS
    sore = [session(END - dt.timedelta(days=n), pain=8 if n == 2 else 2) for n in range(7)]
    assert judge([l_plan("L4")], [], diary, sore).suggestion is Suggestion.REGRESS


@pytest.mark.parametrize(("days", "moves"), [(6, False), (7, True)], ids=["6-days", "7-days"])
def test_decision2_a_plan_younger_than_the_week_is_not_moved_up(days: int, moves: bool) -> None:
    diary, logs = good_days()
    review = judge([l_plan("L3", days=days - 1)], [], diary, logs)
    assert (review.suggestion is Suggestion.PROGRESS) is moves
    if not moves:
        assert any("too early to judge this plan" in r.message for r in review.reasons)
    sore = [day(END - dt.timedelta(days=n), settled=n > 2) for n in range(7)]
    assert judge([l_plan("L3", days=days - 1)], [], sore, logs).suggestion is Suggestion.REGRESS


def test_decision5_reentry_is_not_stopped_by_the_single_leg_gate() -> None:
    holds = l_plan("L5", days=20, rules=("PROG-ISOT-BACK-TO-ISO",))
    records = [rec(30, 1, condition=Condition.UNSURE)]
    past = [{"kind": "weekly-review", "week_ending": (END - dt.timedelta(days=7)).isoformat(),
             "suggestion": "progress", "red": False, "green_criteria_met": True}]  # fmt: skip
    diary, logs = good_days()
    review = build_review(END, [holds], diary, logs, records, past)
    assert review.suggestion is Suggestion.SWITCH_TO_ISOTONIC and review.level_to == "T1"
    assert "PROG-RUPTURE-SINGLE-LEG-GATE" not in review.rules_fired


def test_decision6_the_stiffness_trend_compares_unrounded_means() -> None:
    last = [DiaryEntry(END - dt.timedelta(days=7 + n), 1, minutes, True)
            for n, minutes in enumerate((40, 40, 45))]  # fmt: skip
    this = [DiaryEntry(END - dt.timedelta(days=n), 1, 50, True) for n in range(3)]
    before = compute_week(END - dt.timedelta(days=7), last, [])
    assert before.mean_stiffness_minutes == 41.67  # shown rounded
    week = compute_week(END, [*last, *this], [], before.exact_stiffness_minutes)
    assert week.stiffness_worse  # 50 >= 1.2 x 41.666...


@pytest.mark.parametrize(
    ("test", "side", "fires"),
    [
        (HeelRaiseTest(END - dt.timedelta(days=14), 24, 25, 1), "left", True),
        (HeelRaiseTest(END - dt.timedelta(days=15), 24, 25, 1), "left", False),
        (HeelRaiseTest(END - dt.timedelta(days=3), 24, 25, None), "left", False),
        (HeelRaiseTest(END - dt.timedelta(days=3), 24, None, 1), "left", False),
        (HeelRaiseTest(END - dt.timedelta(days=3), 24, None, 1), "both", True),
    ],
    ids=["day-14-counts", "day-15-too-old", "no-test-pain", "one-side-no-other", "both-sides"],
)
def test_decision7_the_milestone_needs_its_evidence(
    test: HeelRaiseTest, side: str, fires: bool
) -> None:
    top = t_plan("T8", days=30)
    diary, logs = good_days(30, per_week=3)
    past = [{"kind": "weekly-review", "week_ending": (END - dt.timedelta(days=7)).isoformat(),
             "suggestion": "progress", "red": False, "green_criteria_met": True}]  # fmt: skip
    records = [rec(40, 1, side=side)]
    review = build_review(END, [top], diary, logs, records, past, (), (test,))
    assert ("PROG-ISOT-MILESTONE" in review.rules_fired) is fires


@pytest.mark.parametrize(
    ("answers", "isotonic_start"),
    [
        ({}, True),
        ({"competition_phase": True}, False),
        ({"red_flags": (RedFlag.INFLAMMATORY,)}, False),
        ({"condition": Condition.RUPTURE_SURGERY, "rupture_loading_cleared": True, "weeks": 4},
         False),
    ],
    ids=["allowed", "competition", "warn-sign", "early-rupture"],
)  # fmt: skip
def test_decision9_too_easy_text_only_when_the_switch_is_allowed(
    answers: dict[str, Any], isotonic_start: bool
) -> None:
    values: dict[str, Any] = {"isometrics_feel": Feel.TOO_EASY, "strength": Strength.STRONG}
    result = recommend(record(on(0), **values, **answers).answers)  # type: ignore[arg-type]
    easy = next(n for n in result.notes if n.rule == "ELIG-ISO-TOO-EASY")
    assert ("more good" in easy.message) is isotonic_start
    assert (str(result.verdict) == "isotonic") is isotonic_start


def test_seed_plans_are_on_the_surface_they_claim() -> None:
    assert t_plan("T7").exercises[0].surface is Surface.STEP  # type: ignore[union-attr]
    assert t_plan("T5").exercises[0].surface is Surface.FLOOR  # type: ignore[union-attr]


def test_a_decided_week_keeps_the_figures_it_was_judged_with() -> None:
    """A version accepted on the week's last day does not re-plan that week (3/3 stays 3/3)."""
    loaded = t_plan("T8", days=20)
    diary, logs = good_days(per_week=3)
    before = build_review(END, [loaded], diary, logs, [], [])
    daily = Plan(2, on(0, 20), t_plan("T2").exercises, source="review", level="T2", since=END)
    decided = [{"kind": "weekly-review", "week_ending": END.isoformat(), "suggestion": "regress",
                "plan_version_after": 2}]  # fmt: skip
    after = build_review(END, [loaded, daily], diary, logs, [], decided)
    assert before.week.sessions_planned == after.week.sessions_planned == 3
    assert after.level_from == "T8"
