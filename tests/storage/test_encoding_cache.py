"""The per-table encoding cache never lets the file drift from what was saved."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from achilles_tui.domain.models import DiaryEntry, Exercise, Position, Settings
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import ReadOnlyRepository, Repository

OPERATIONS = st.lists(
    st.tuples(st.sampled_from(["diary", "plan", "settings", "session"]), st.integers(0, 30)),
    min_size=1,
    max_size=12,
)


@settings(max_examples=25, deadline=None)
@given(operations=OPERATIONS)
def test_file_always_equals_memory_after_mixed_saves(
    tmp_path_factory: object, operations: list[tuple[str, int]]
) -> None:
    data_dir = Path(tmp_path_factory.mktemp("cache")) / "data"  # type: ignore[attr-defined]
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        session = None
        for kind, n in operations:
            if kind == "diary":
                day = dt.date(2024, 1, 1) + dt.timedelta(days=n % 5)
                repo.save_diary(DiaryEntry(date=day, morning_pain=n % 11))
            elif kind == "plan":
                repo.add_plan([Exercise(Position.NEUTRAL, 2, reps=1 + n % 5)], source="own")
            elif kind == "settings":
                repo.save_settings(Settings(get_ready_seconds=3 + n % 5))
            elif repo.current_plan() is not None:
                plan = repo.current_plan()
                assert plan is not None
                session = session or repo.start_session(plan, dt.datetime(2024, 1, 2, 8, 0))
            assert store.storage is not None
            if not (data_dir / "history.json").exists():
                assert store.storage.revision == 0  # a new history is written by its first save
                continue
            on_disk = json.loads((data_dir / "history.json").read_text())
            assert on_disk == store.storage.read()
    reopened = ReadOnlyRepository(data_dir)
    assert len(reopened.diary_entries()) == len({n % 5 for k, n in operations if k == "diary"})
