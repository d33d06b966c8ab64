"""§F4 care state: one table-driven test per row, first match wins, and the edges between."""

from __future__ import annotations

import datetime as dt

import pytest

from achilles_tui.domain.assessment import Condition, Feel, RedFlag
from achilles_tui.domain.care_state import CareStateKind, care_state
from achilles_tui.domain.models import DayKind
from achilles_tui.domain.records import SOURCE_RECHECK
from tests.care.builders import NOW, TODAY, at, day, plan, record, session

K = CareStateKind

CASES = [
    # (id, plans, assessments, diary, sessions today, state, blocked_by)
    ("no-plan", [], [], [], [], K.NO_PLAN, None),
    ("due", [plan()], [record(at(-30))], [], [], K.DUE, None),
    ("done", [plan()], [], [], [session(TODAY)], K.DONE_TODAY, None),
    ("short-session-is-not-done", [plan()], [], [], [session(TODAY, done=1)], K.DUE, None),
    ("half-rounded-up-is-done", [plan()], [], [], [session(TODAY, done=2)], K.DONE_TODAY, None),
    (
        "pain-stop",
        [plan()],
        [],
        [],
        [session(TODAY, done=1, over_limit=True)],
        K.STOPPED_TODAY,
        "MON-PAIN-DURING",
    ),
    (
        "flare-up-day",
        [plan()],
        [],
        [day(TODAY, kind=DayKind.FLARE_UP)],
        [],
        K.STOPPED_TODAY,
        "PROG-FLARE-UP-REST",
    ),
    (
        "sign-in-assessment",
        [plan()],
        [record(at(-1), red_flags=(RedFlag.POP,))],
        [],
        [],
        K.PAUSED_RED_FLAG,
        "RF-RUPTURE-SUSPECT",
    ),
    (
        "sign-in-recheck",
        [plan()],
        [record(at(-9)), record(at(-1), SOURCE_RECHECK, red_flags=(RedFlag.CALF_SWELLING,))],
        [],
        [],
        K.PAUSED_RED_FLAG,
        "RF-DVT",
    ),
    (
        "sign-in-diary",
        [plan()],
        [record(at(-30))],
        [day(TODAY - dt.timedelta(days=3), flags=("night-pain",))],
        [],
        K.PAUSED_RED_FLAG,
        "RF-NIGHT-REST-PAIN",
    ),
    (
        "sudden-loss-of-push-off",
        [plan()],
        [record(at(-1), can_do_heel_raises=False, sudden_onset=True)],
        [],
        [],
        K.PAUSED_RED_FLAG,
        "RF-RUPTURE-SUSPECT",
    ),
    (
        "clean-assessment-lifts-the-pause",
        [plan()],
        [record(at(-5), red_flags=(RedFlag.INFECTION,)), record(at(-1))],
        [day(TODAY - dt.timedelta(days=6), flags=("pop",))],
        [],
        K.DUE,
        None,
    ),
    (
        "a-recheck-without-signs-does-not-lift-it",
        [plan()],
        [
            record(at(-5), red_flags=(RedFlag.INFECTION,)),
            record(at(-1), SOURCE_RECHECK, red_flags=(RedFlag.INFLAMMATORY,)),
        ],
        [],
        [],
        K.PAUSED_RED_FLAG,
        "RF-INFECTION",
    ),
    (
        "uncleared-rupture",
        [plan()],
        [record(at(-1), condition=Condition.RUPTURE_SURGERY)],
        [],
        [],
        K.BLOCKED_NO_PLAN,
        "RF-UNCLEARED-RUPTURE",
    ),
    (
        "calf-strain",
        [],
        [record(at(-1), condition=Condition.CALF_STRAIN)],
        [],
        [],
        K.BLOCKED_NO_PLAN,
        "RF-CALF-STRAIN",
    ),
    (
        "too-painful",
        [plan()],
        [record(at(-1), isometrics_feel=Feel.TOO_PAINFUL)],
        [],
        [],
        K.BLOCKED_NO_PLAN,
        "ELIG-ISO-TOO-PAINFUL",
    ),
    (
        "own-plan-after-the-block",
        [plan(), plan(None, version=2, created=at(0, 8))],
        [record(at(-1), condition=Condition.RUPTURE_SURGERY)],
        [],
        [],
        K.DUE,
        None,
    ),
    (
        "pause-beats-pain-stop",
        [plan()],
        [record(at(-1), red_flags=(RedFlag.BREATHLESS,))],
        [],
        [session(TODAY, over_limit=True)],
        K.PAUSED_RED_FLAG,
        "RF-PE",
    ),
    (
        "pain-stop-beats-done",
        [plan()],
        [],
        [],
        [session(TODAY, sid="a"), session(TODAY, sid="b", over_limit=True)],
        K.STOPPED_TODAY,
        "MON-PAIN-DURING",
    ),
]


@pytest.mark.parametrize(
    ("plans", "records", "diary", "today", "kind", "blocked_by"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_care_state_table(plans, records, diary, today, kind, blocked_by) -> None:  # type: ignore[no-untyped-def]
    state = care_state(NOW, plans, records, diary, today)
    assert state.kind is kind
    assert state.blocked_by == blocked_by
    assert state.session_allowed is (kind in (K.DUE, K.DONE_TODAY))
    if blocked_by is not None:
        assert state.reasons and state.reasons[0].rule == blocked_by
        assert blocked_by in state.headline
    json = state.to_json()
    assert json["care_state"] == str(kind)
    assert json["blocked_by"] == blocked_by


def test_stopped_today_says_until_tomorrow() -> None:
    state = care_state(NOW, [plan()], [], [], [session(TODAY, over_limit=True)])
    assert state.until == dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time())
    assert "tomorrow" in state.explanation
    assert state.until.strftime("%d %b") in state.explanation
    tomorrow = dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time(8))
    assert care_state(tomorrow, [plan()], [], [], []).kind is K.DUE


def test_done_today_needs_a_confirmation_and_two_a_day_plans_need_two() -> None:
    done = care_state(NOW, [plan()], [], [], [session(TODAY)])
    assert done.needs_confirmation and done.session_allowed
    twice = plan(per_week=14)
    assert care_state(NOW, [twice], [], [], [session(TODAY)]).kind is K.DUE
    both = [session(TODAY, sid="a"), session(TODAY, sid="b")]
    assert care_state(NOW, [twice], [], [], both).kind is K.DONE_TODAY


def test_a_diary_sign_ticked_after_the_clean_assessment_pauses_again() -> None:
    records = [record(at(-1, 8))]
    ticked = day(TODAY - dt.timedelta(days=1), flags=("calf-swelling",), reported=at(-1, 10))
    assert care_state(NOW, [plan()], records, [ticked], []).kind is K.PAUSED_RED_FLAG
    before = day(TODAY - dt.timedelta(days=1), flags=("calf-swelling",), reported=at(-1, 7))
    assert care_state(NOW, [plan()], records, [before], []).kind is K.DUE


def test_a_diary_sign_without_a_time_counts_from_the_end_of_its_day() -> None:
    same_day = [record(at(-1, 18))]
    untimed = day(TODAY - dt.timedelta(days=1), flags=("pop",))
    assert care_state(NOW, [plan()], same_day, [untimed], []).kind is K.PAUSED_RED_FLAG
    next_day = [record(at(0, 8))]
    assert care_state(NOW, [plan()], next_day, [untimed], []).kind is K.DUE


def test_records_after_the_moment_are_not_seen() -> None:
    records = [record(at(1), red_flags=(RedFlag.POP,))]
    assert care_state(NOW, [plan()], records, [], []).kind is K.DUE
    later = [plan(created=at(2))]
    assert care_state(NOW, later, [], [], []).kind is K.NO_PLAN
    backdated = [plan(created=at(2), since=TODAY - dt.timedelta(days=3))]
    assert care_state(NOW, backdated, [], [], []).kind is K.DUE
