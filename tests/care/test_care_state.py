"""§F4 care state: one table-driven test per row, first match wins, and the edges between."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from achilles_tui.domain import isotonic
from achilles_tui.domain.assessment import Condition, Feel, RedFlag
from achilles_tui.domain.care_state import CareStateKind, care_state
from achilles_tui.domain.models import DayKind, HeelRaiseTest, Plan, SessionLog
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


# -- §F4 amendment (a heel-raise test over the limit) and the rest_day row (§F5 decision 12) --


def raises(level: str = "T7", *, version: int = 1, since: dt.date | None = None) -> Plan:
    """A heel-raise plan at a ladder step (T7-T8: three a week, never two days in a row)."""
    exercise = isotonic.exercise_for(level, isotonic.Profile())
    created = at(-30) if since is None else dt.datetime.combine(since, dt.time(7))
    return Plan(version, created, (exercise,), level=level, since=since)


def days_ago(*offsets: int, version: int = 1) -> list[SessionLog]:
    """A counted session (all its sets) on each of these days before TODAY."""
    found = []
    for offset in offsets:
        done = session(TODAY - dt.timedelta(days=offset), sid=f"s{offset}")
        found.append(dataclasses.replace(done, plan_version=version))
    return found


def hr_test(when: dt.date = TODAY, *, pain: int = 8) -> HeelRaiseTest:
    """A heel-raise test with this pain (over 5/10: over the limit)."""
    return HeelRaiseTest(when, 12, 24, pain, over_limit=pain > 5)


YESTERDAY = TODAY - dt.timedelta(days=1)
SWITCHED = [plan("L3", since=TODAY - dt.timedelta(days=30)), raises("T7", version=2, since=TODAY)]

ROWS = [
    # (id, plans, diary, sessions of the last 7 days, heel-raise tests, state, blocked_by)
    ("painful-test-stops-the-day", [plan()], [], [], [hr_test()], K.STOPPED_TODAY,
     "MON-ISOT-SET-PAIN"),
    ("painful-test-stops-a-heel-raise-plan", [raises()], [], [], [hr_test()], K.STOPPED_TODAY,
     "MON-ISOT-SET-PAIN"),
    ("test-within-the-limit-is-no-stop", [plan()], [], [], [hr_test(pain=5)], K.DUE, None),
    ("yesterdays-painful-test-is-over", [plan()], [], [], [hr_test(YESTERDAY)], K.DUE, None),
    ("painful-test-beats-done", [plan()], [], [session(TODAY)], [hr_test()], K.STOPPED_TODAY,
     "MON-ISOT-SET-PAIN"),
    ("painful-set-names-the-set-rule", [raises()], [], [session(TODAY, over_limit=True)], [],
     K.STOPPED_TODAY, "MON-ISOT-SET-PAIN"),
    ("painful-set-before-the-first-set-is-saved", [raises()], [],
     [session(TODAY, done=0, over_limit=True)], [], K.STOPPED_TODAY, "MON-ISOT-SET-PAIN"),
    ("rest-day-after-a-loaded-day", [raises()], [], days_ago(1), [], K.REST_DAY, None),
    ("rest-day-once-the-week-is-done", [raises("T8")], [], days_ago(2, 4, 6), [], K.REST_DAY,
     None),
    ("due-with-two-of-three-and-none-yesterday", [raises()], [], days_ago(3, 5), [], K.DUE, None),
    ("a-week-old-session-is-out-of-the-window", [raises()], [], days_ago(3, 5, 7), [], K.DUE,
     None),
    ("done-beats-rest-day", [raises()], [], days_ago(0, 1), [], K.DONE_TODAY, None),
    ("a-short-session-yesterday-is-no-loaded-day", [raises()], [],
     [session(YESTERDAY, done=1)], [], K.DUE, None),
    ("daily-steps-have-no-rest-days", [raises("T5")], [], days_ago(1), [], K.DUE, None),
    ("holds-have-no-rest-days", [plan(per_week=3)], [], days_ago(1), [], K.DUE, None),
    ("daily-holds-before-a-switch-to-t7-are-no-loaded-days", SWITCHED, [],
     days_ago(1, 2, 3, 4, 5, 6), [], K.DUE, None),
    ("flare-up-beats-rest-day", [raises()], [day(TODAY, kind=DayKind.FLARE_UP)], days_ago(1),
     [], K.STOPPED_TODAY, "PROG-FLARE-UP-REST"),
    ("painful-test-beats-rest-day", [raises()], [], days_ago(1), [hr_test()], K.STOPPED_TODAY,
     "MON-ISOT-SET-PAIN"),
    ("an-uncounted-loaded-day-is-still-loaded", [raises()], [],
     [session(YESTERDAY, paused_by="rest_day")], [], K.REST_DAY, None),
    ("an-extra-loaded-session-today-is-done", [raises()], [],
     [session(TODAY, paused_by="rest_day")], [], K.DONE_TODAY, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("plans", "diary", "sessions", "tests", "kind", "blocked_by"),
    [row[1:] for row in ROWS],
    ids=[row[0] for row in ROWS],
)
def test_care_state_rows_for_heel_raises(plans, diary, sessions, tests, kind, blocked_by) -> None:  # type: ignore[no-untyped-def]
    state = care_state(NOW, plans, [], diary, sessions, tests)
    assert state.kind is kind
    assert state.blocked_by == blocked_by
    assert state.session_allowed is (kind in (K.DUE, K.DONE_TODAY, K.REST_DAY))
    assert state.needs_confirmation is (kind in (K.DONE_TODAY, K.REST_DAY))
    if blocked_by is not None:
        assert state.reasons and state.reasons[0].rule == blocked_by
        assert blocked_by in state.headline and "tomorrow" in state.explanation
    json = state.to_json()
    assert (json["care_state"], json["blocked_by"]) == (str(kind), blocked_by)


def test_a_painful_test_says_so_and_holds_still_name_the_hold_rule() -> None:
    tested = care_state(NOW, [plan()], [], [], [], [hr_test()])
    assert "pain went over 5/10 in today's heel-raise test" in tested.headline
    held = care_state(NOW, [plan()], [], [], [session(TODAY, over_limit=True)])
    assert held.blocked_by == "MON-PAIN-DURING"
    assert "pain went over 5/10 in today's session" in held.headline


def test_rest_day_says_why_and_asks_before_an_extra_session() -> None:
    after = care_state(NOW, [raises()], [], [], days_ago(1))
    assert after.kind is K.REST_DAY and after.blocked_by is None and after.reasons == ()
    assert "rest day" in after.headline and "yesterday was a loaded day" in after.headline
    assert "session due" not in after.headline.lower()
    assert "breaks the rest day" in after.confirmation
    assert "not count" in after.confirmation
    done = care_state(NOW, [raises()], [], [], days_ago(2, 4, 6))
    assert "3 loaded sessions are done" in done.confirmation
    assert care_state(NOW, [raises()], [], [], days_ago(0)).confirmation.startswith(
        "Today's session is already done"
    )
    assert care_state(NOW, [raises()], [], [], []).confirmation == ""
