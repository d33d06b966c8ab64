"""Generated histories: every surface agrees with the care state (§F4) and counts as §E1 says.

The domain properties run on many histories; the screen property stores a smaller number of
histories and opens Session and Today in a headless app for each.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Static

from achilles_tui.domain.assessment import Condition, Feel, RedFlag
from achilles_tui.domain.care_state import CareStateKind, care_state
from achilles_tui.domain.counting import PlanTimeline, counted_by_date, holds_needed
from achilles_tui.domain.models import DayKind, Settings
from achilles_tui.domain.progression import Suggestion
from achilles_tui.domain.records import SOURCE_ASSESSMENT, SOURCE_RECHECK
from achilles_tui.domain.review_context import build_review
from achilles_tui.domain.review_figures import compute_week
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository
from achilles_tui.ui.app import create_app
from tests.care.builders import NOW, TODAY, at, day, plan, record, session

PAUSE_STATES = (CareStateKind.PAUSED_RED_FLAG, CareStateKind.BLOCKED_NO_PLAN)
MOVING_ON = (Suggestion.PROGRESS, Suggestion.SWITCH_TO_ISOTONIC)

offsets = st.integers(min_value=-20, max_value=0)
flags = st.lists(st.sampled_from(list(RedFlag)), max_size=2, unique=True)
diary_flags = st.lists(
    st.sampled_from(["pop", "calf-swelling", "night-pain", "inflammatory"]), max_size=1
)


@st.composite
def histories(draw: st.DrawFn) -> dict[str, Any]:
    """Plans, assessments, diary mornings and sessions over the three weeks before NOW."""
    plan_days = sorted(draw(st.lists(st.integers(-25, 0), min_size=0, max_size=3, unique=True)))
    plans = [
        plan(
            draw(st.sampled_from(["L1", "L3", "L5", "L6", "L8", None])),
            version=n + 1,
            created=at(offset, 7),
            per_week=draw(st.sampled_from([3, 7, 14])),
        )
        for n, offset in enumerate(plan_days)
    ]
    records = [
        record(
            at(draw(offsets), draw(st.integers(6, 8))),
            draw(st.sampled_from([SOURCE_ASSESSMENT, SOURCE_RECHECK])),
            condition=draw(st.sampled_from(list(Condition))),
            red_flags=tuple(draw(flags)),
            isometrics_feel=draw(st.sampled_from(list(Feel))),
            rupture_loading_cleared=draw(st.booleans()),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    mornings = sorted(set(draw(st.lists(offsets, max_size=20))))
    diary = [
        day(
            TODAY + dt.timedelta(days=offset),
            kind=draw(st.sampled_from(list(DayKind))),
            flags=tuple(draw(diary_flags)),
            settled=draw(st.sampled_from([True, False, None])),
        )
        for offset in mornings
    ]
    sessions = []
    for n, offset in enumerate(draw(st.lists(offsets, max_size=25))):
        planned = draw(st.integers(0, 6))
        sessions.append(
            session(
                TODAY + dt.timedelta(days=offset),
                done=draw(st.integers(0, max(planned, 1))),
                planned=planned,
                pain=draw(st.one_of(st.none(), st.integers(0, 10))),
                over_limit=draw(st.booleans()),
                sid=f"s{n}",
            )
        )
    return {"plans": plans, "records": records, "diary": diary, "sessions": sessions}


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(history=histories())
def test_the_review_never_moves_on_while_sessions_are_stopped(history: dict[str, Any]) -> None:
    today = [s for s in history["sessions"] if s.date == TODAY]
    care = care_state(NOW, history["plans"], history["records"], history["diary"], today)
    if not history["plans"]:
        return
    blocks = care.reasons if care.kind in PAUSE_STATES else ()
    review = build_review(
        TODAY,
        history["plans"],
        history["diary"],
        history["sessions"],
        history["records"],
        [],
        blocks,
    )
    if care.kind in PAUSE_STATES:
        assert review.suggestion is Suggestion.SEE_CLINICIAN
        assert care.blocked_by in review.rules_fired
    if care.kind is CareStateKind.PAUSED_RED_FLAG or review.week.blocking_flags:
        assert review.suggestion not in MOVING_ON


@SETTINGS
@given(history=histories())
def test_no_zero_hold_session_and_no_pre_plan_day_is_ever_counted(history: dict[str, Any]) -> None:
    timeline = PlanTimeline(history["plans"])
    counted = counted_by_date(history["sessions"], timeline)
    for when, count in counted.items():
        assert timeline.is_planned_day(when)
        assert count <= timeline.cap_on(when)
        ready = [s for s in history["sessions"] if s.date == when and s.reps]
        assert len([s for s in ready if len(s.reps) >= holds_needed(s)]) >= count
    week = compute_week(TODAY, history["diary"], history["sessions"], None, timeline)
    first = timeline.first_day
    if first is None or first > TODAY:
        assert week.sessions_done == 0 and week.sessions_planned == 0
    assert week.sessions_done <= sum(counted.values())


@SETTINGS
@given(history=histories())
def test_the_care_state_is_one_of_the_table_and_says_why(history: dict[str, Any]) -> None:
    today = [s for s in history["sessions"] if s.date == TODAY]
    care = care_state(NOW, history["plans"], history["records"], history["diary"], today)
    assert care.session_allowed is (care.kind in (CareStateKind.DUE, CareStateKind.DONE_TODAY))
    if not care.session_allowed and care.kind is not CareStateKind.NO_PLAN:
        assert care.blocked_by is not None and care.blocked_by in care.headline
        assert care.until_text
    if any(s.over_limit for s in today) and care.kind not in PAUSE_STATES:
        assert care.kind is CareStateKind.STOPPED_TODAY


def _store(folder: Path, history: dict[str, Any]) -> None:
    """Write a generated history the way the app would have saved it."""
    with HistoryStore(folder) as store:
        repo = Repository(store)
        repo.save_settings(Settings(disclaimer_accepted=True))
        for item in history["plans"]:
            repo.add_plan(
                item.exercises, source=item.source, level=item.level, created=item.created
            )
        for item in history["records"]:
            repo.add_assessment(item)
        for entry in history["diary"]:
            repo.save_diary(entry)
        for item in history["sessions"]:
            repo.add_manual_session(item)


async def _screens(folder: Path) -> tuple[str, str, bool]:
    """Session's ready text, Today's session card, and whether Enter started a session."""
    app = create_app(folder, clock=lambda: NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        today = str(app.screen.query_one("#today-session", Static).render())
        await pilot.press("s")
        await pilot.pause()
        ready = str(app.screen.query_one("#ready-text", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        started = bool(getattr(app.screen, "running", False))
    return ready, today, started


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=histories())
def test_session_and_today_never_offer_a_start_the_care_state_forbids(
    history: dict[str, Any],
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="achilles-prop-")) / "data"
    try:
        _store(folder, history)
        today = [s for s in history["sessions"] if s.date == TODAY]
        care = care_state(NOW, history["plans"], history["records"], history["diary"], today)
        ready, today_card, started = asyncio.run(_screens(folder))
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)
    if not care.session_allowed:
        assert "Press Enter" not in ready and "another is fine" not in ready
        assert "Press s" not in today_card
        assert not started
        if care.blocked_by is not None:
            assert care.blocked_by in ready
    elif care.kind is CareStateKind.DUE:
        assert started or "Interrupted" in ready
