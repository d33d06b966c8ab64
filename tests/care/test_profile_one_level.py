"""§F5 property: no surface shows a level other than the one the next session runs.

Generated histories (holds or heel raises, daily or three a week, a flare-up or none, a
later plan version or none) on a real history file; Today, Session, `status`, `plan` and the
report must all name the level the session timer would run today.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from achilles_tui.care.plan_today import plan_in_force
from achilles_tui.care.sessions import session_gate
from achilles_tui.care.status import day_status, physio_report
from achilles_tui.care.today import today_view
from achilles_tui.domain import isotonic
from achilles_tui.domain.models import ALL_LEVELS, DayKind, DiaryEntry
from achilles_tui.reports.markdown import render_markdown
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from tests.care.builders import plan

NOW = dt.datetime(2026, 3, 16, 18, 0)
TODAY = NOW.date()


def _exercises(level: str) -> list[object]:
    if level.startswith("T"):
        return [isotonic.exercise_for(level, isotonic.Profile())]
    return list(plan(level).exercises)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    level=st.sampled_from(ALL_LEVELS),
    started=st.integers(1, 20),
    flare=st.one_of(st.none(), st.integers(0, 12)),
    settled=st.booleans(),
    newer=st.one_of(st.none(), st.sampled_from(ALL_LEVELS)),
)
def test_every_surface_names_the_level_the_next_session_runs(
    level: str, started: int, flare: int | None, settled: bool, newer: str | None
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        with HistoryStore(data) as store:
            repo = Repository(store)
            start = TODAY - dt.timedelta(days=started)
            repo.add_plan(_exercises(level), source="review", level=level, since=start,
                          created=dt.datetime.combine(start, dt.time(8)))  # fmt: skip
            if flare is not None and flare <= started:
                day = TODAY - dt.timedelta(days=flare)
                repo.save_diary(DiaryEntry(day, 3, 10, None, DayKind.FLARE_UP))
                for n in range(flare - 1, -1, -1):
                    later = TODAY - dt.timedelta(days=n)
                    repo.save_diary(DiaryEntry(later, 2, 5, settled))
            if newer is not None:
                repo.add_plan(_exercises(newer), source="review", level=newer, since=TODAY,
                              created=NOW - dt.timedelta(hours=1))  # fmt: skip
        read = ReadOnlyRepository(data)
        runs = plan_in_force(read, TODAY)
        assert runs is not None
        level_run = runs.plan.level
        gate = session_gate(read, NOW)
        assert gate.today is not None and gate.today.plan.level == level_run
        view = today_view(read, NOW)
        assert view.plan is not None and view.plan.level == level_run
        assert day_status(read, NOW).level == level_run
        model = physio_report(read, NOW, 4)
        assert model.plan is not None and model.plan.level == level_run
        report = render_markdown(model)
        assert f"level: {level_run};" in report
        if runs.advice is not None:  # the flare-up stepped it down: everyone says why
            assert runs.advice.rule in view.plan_notes and runs.advice.rule in report
