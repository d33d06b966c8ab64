"""Diary section: keyboard-only logging, refusals, other dates, flare-up and red flags."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Static

from achilles_tui.domain.models import DayKind, DiaryEntry
from achilles_tui.domain.morning import not_settled_reason
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.ui.app import AchillesApp
from tests.conftest import FROZEN_NOW
from tests.ui.helpers import app_for, prepared_history, with_session

TODAY = FROZEN_NOW.date()
YESTERDAY = TODAY - dt.timedelta(days=1)
SIZE = (100, 30)


def saved(data_dir: Path, day: dt.date = TODAY) -> DiaryEntry | None:
    return ReadOnlyRepository(data_dir).diary_on(day)


def messages(app: AchillesApp) -> list[str]:
    return [n.message for n in app._notifications]


def seed(data_dir: Path, *entries: DiaryEntry) -> None:
    prepared_history(data_dir)
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        for entry in entries:
            repo.save_diary(entry)


async def test_log_today_with_keys_only_and_today_shows_it(data_dir: Path) -> None:
    with_session(data_dir)  # the settled question waits for a session (issue 14 item 7)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "3", "tab", "1", "5", "tab", "y", "enter")
        await pilot.pause()
        entry = saved(data_dir)
        assert entry is not None
        assert (entry.morning_pain, entry.stiffness_minutes, entry.settled) == (3, 15, True)
        assert entry.day is DayKind.NORMAL
        assert any("Diary saved" in m for m in messages(app))
        await pilot.press("t")
        await pilot.pause()
        today_card = str(app.screen.query_one("#today-diary", Static).render())
        assert "morning pain 3/10" in today_card
        assert "stiffness 15 min" in today_card


async def test_out_of_range_pain_is_refused_and_nothing_saved(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "1", "1", "enter")
        await pilot.pause()
        assert any("0 to 10" in m and "Nothing was saved" in m for m in messages(app))
        await pilot.press("backspace", "backspace", "4", "tab", "2", "0", "0", "0", "ctrl+s")
        await pilot.pause()
        assert any("0 to 1440" in m for m in messages(app))
    assert saved(data_dir) is None


async def test_previous_day_can_be_filled_in_and_future_is_refused(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "right_square_bracket")
        await pilot.pause()
        assert any("no future dates" in m for m in messages(app))
        await pilot.press("left_square_bracket")
        await pilot.pause()
        title = str(app.screen.query_one("#diary-date", Static).render())
        assert "Sunday 15 March 2026" in title
        await pilot.press("2", "tab", "1", "0", "enter")
        await pilot.pause()
    assert saved(data_dir) is None
    entry = saved(data_dir, YESTERDAY)
    assert entry is not None and entry.morning_pain == 2 and entry.stiffness_minutes == 10


async def test_opening_a_logged_date_edits_and_replaces_it(data_dir: Path) -> None:
    seed(
        data_dir,
        DiaryEntry(date=TODAY, morning_pain=5, stiffness_minutes=20, notes="sore"),
        DiaryEntry(date=YESTERDAY, morning_pain=4, stiffness_minutes=12),
    )
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.query_one("#diary-pain").value == "5"  # type: ignore[attr-defined]
        before = str(app.screen.query_one("#diary-before", Static).render())
        assert "pain 4/10" in before and "stiffness 12 min" in before
        await pilot.press("end", "backspace", "2", "enter")
        await pilot.pause()
    entries = ReadOnlyRepository(data_dir).diary_entries(TODAY, TODAY)
    assert len(entries) == 1
    assert (entries[0].morning_pain, entries[0].stiffness_minutes, entries[0].notes) == (
        2,
        20,
        "sore",
    )


async def test_unsaved_changes_are_kept_until_the_date_key_is_pressed_twice(
    data_dir: Path,
) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "6", "left_square_bracket")
        await pilot.pause()
        assert any("unsaved changes" in m for m in messages(app))
        assert "Monday 16 March" in str(app.screen.query_one("#diary-date", Static).render())
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "Sunday 15 March" in str(app.screen.query_one("#diary-date", Static).render())
    assert saved(data_dir) is None


async def test_flare_up_key_marks_and_saves_the_day(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "6", "f")
        await pilot.pause()
    entry = saved(data_dir)
    assert entry is not None
    assert entry.day is DayKind.FLARE_UP and entry.morning_pain == 6


async def test_red_flag_checklist_stores_flags_and_shows_advice(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "r")
        await pilot.pause()
        assert type(app.screen).__name__ == "RedFlagChecklist"
        await pilot.press("1", "7", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DiaryScreen"
        banner = app.screen.query_one("#diary-flags", Static)
        text = str(banner.render())
        assert banner.display and banner.has_class("-blocking")
        assert "RF-RUPTURE-SUSPECT" in text and "RF-FLUOROQUINOLONE" in text
        assert "paused" in text
    entry = saved(data_dir)
    assert entry is not None and entry.red_flags == ("pop", "fluoroquinolone")


async def test_warning_only_flag_advises_without_pausing(data_dir: Path) -> None:
    seed(data_dir, DiaryEntry(date=TODAY, morning_pain=2))
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "r", "6", "enter")
        await pilot.pause()
        banner = app.screen.query_one("#diary-flags", Static)
        text = str(banner.render())
        assert "RF-INFLAMMATORY" in text and "paused" not in text
        assert not banner.has_class("-blocking")
    entry = saved(data_dir)
    assert entry is not None and entry.red_flags == ("inflammatory",) and entry.morning_pain == 2


async def test_cancelled_checklist_changes_nothing(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "r", "1", "escape")
        await pilot.pause()
        assert not app.screen.query_one("#diary-flags", Static).display
    assert saved(data_dir) is None


async def test_not_settled_morning_gets_the_mon_not_settled_advice(data_dir: Path) -> None:
    with_session(data_dir)  # the settled question waits for a session (issue 14 item 7)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "3", "tab", "tab", "n", "enter")
        await pilot.pause()
        # The rule id follows the advice, dimmed (never the toast's title, in front of it).
        assert any(n.message.endswith("· MON-NOT-SETTLED[/dim]") for n in app._notifications)
    entry = saved(data_dir)
    assert entry is not None and entry.settled is False


def test_not_settled_uses_the_baseline_before_the_week() -> None:
    earlier = [DiaryEntry(date=TODAY - dt.timedelta(days=d), morning_pain=2) for d in range(8, 15)]
    assert not_settled_reason(DiaryEntry(date=TODAY, morning_pain=3), earlier) is None
    reason = not_settled_reason(DiaryEntry(date=TODAY, morning_pain=4), earlier)
    assert reason is not None and "usual 2" in reason
    assert not_settled_reason(DiaryEntry(date=TODAY, morning_pain=9), []) is None
