"""History with heel-raise sessions: sets in the table, raises, load and raises x kg per side."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from achilles_tui.care.history import RaiseWork, raise_work_by_day
from achilles_tui.domain import isotonic
from achilles_tui.domain.models import Plan, Side
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository
from achilles_tui.ui.screens.history import HistoryScreen
from achilles_tui.ui.widgets.history_table import HistoryTable
from tests.conftest import FROZEN_NOW
from tests.ui.helpers import app_for, with_session
from tests.ui.test_isotonic_support import (
    PLAN_MADE,
    ago,
    isotonic_history,
    raise_session,
)


def _t2_plan() -> Plan:
    exercise = isotonic.exercise_for("T2", isotonic.Profile())
    return Plan(1, PLAN_MADE, (exercise,), level="T2")


def test_raise_work_sums_sets_raises_and_load_per_side() -> None:
    plan = Plan(1, PLAN_MADE, (isotonic.exercise_for("T7", isotonic.Profile()),), level="T7")
    days = raise_work_by_day(
        [
            raise_session(ago(0), plan, side=Side.LEFT, ident="a"),
            raise_session(ago(0), plan, side=Side.RIGHT, sets_done=2, ident="b"),
        ]
    )
    work = days[ago(0)]
    assert work.text == "5/6 sets · 75 raises · +5 kg"
    assert work.dose_text == (
        "left 45 raises (raises x kg = 225); right 30 raises (raises x kg = 150)"
    )


def test_body_weight_raises_count_as_raises() -> None:
    work = raise_work_by_day([raise_session(ago(1), _t2_plan(), side=Side.BOTH)])[ago(1)]
    assert work.text == "3/3 sets · 45 raises · body weight"
    assert work.dose_text == "both 45 raises (body weight)"


def test_holds_are_not_raise_work() -> None:
    assert RaiseWork().raises == 0
    assert raise_work_by_day([]) == {}


async def test_history_rows_of_an_isotonic_session(data_dir: Path) -> None:
    plan = isotonic_history(data_dir, level="T7", session_days=(0, 2))
    with HistoryStore(data_dir) as store:  # a stopped session: 1 of 3 sets
        Repository(store).add_manual_session(
            raise_session(ago(5), plan, sets_done=1, ident="short")
        )
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one("#history-table", HistoryTable)
        assert "Sets" in table.columns
        sets = table.columns.index("Sets")
        cells = [table.get_row_at(i) for i in range(table.row_count)]
        assert [row[0] for row in cells] == [
            ago(0).isoformat(),
            ago(2).isoformat(),
            ago(5).isoformat(),
        ]
        assert [row[sets] for row in cells] == ["3/3", "3/3", "1/3"]
        note = str(screen.query_one("#history-note", Static).render())
        assert "3/3 sets · 45 raises · +5 kg" in note
        assert "left 45 raises (raises x kg = 225)" in note
        dose = str(screen.query_one("#history-raises", Static).render())
        assert "105 raises in 7 sets" in dose
        assert "left 105 raises (raises x kg = 525)" in dose
        table.focus()
        await pilot.press("end")
        await pilot.pause()
        assert "1/3 sets · 15 raises" in str(screen.query_one("#history-note", Static).render())


async def test_holds_only_history_has_no_sets_column(data_dir: Path) -> None:
    with_session(data_dir, FROZEN_NOW.date())
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one("#history-table", HistoryTable)
        assert "Sets" not in table.columns
        assert not app.screen.query_one("#history-raises").display
