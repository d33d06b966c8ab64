"""Questions that read less than the whole history answer as if they had read all of it.

Each history is saved while nothing is closed (one file, read whole), then opened on a later
day so its old years move to archive files; status, the weekly review and the morning baseline
must come out the same from both layouts.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from achilles_tui.care.diary import mornings_for_baseline
from achilles_tui.care.reach import REVIEW_READ, review_reads
from achilles_tui.care.review import weekly_review
from achilles_tui.care.state import current_care_state
from achilles_tui.care.status import day_status
from achilles_tui.domain.models import DayKind, DiaryEntry
from achilles_tui.domain.review_context import build_review
from achilles_tui.domain.status import compute_status
from achilles_tui.storage import codec
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import ReadOnlyRepository, Repository

from .builders import day, plan, session

FIRST = dt.date(2019, 3, 4)
LAST = dt.date(2023, 6, 30)
BEFORE_ANY_CLOSE = dt.date(2019, 3, 5)
LATER = dt.date(2023, 7, 1)


def make_history(
    data_dir: Path, seed: int, *, diary_every: int, gap_days: int, recent: int = 0
) -> None:
    """Years of sessions and diary mornings; a seed decides gaps, rest days and pain."""
    rnd = random.Random(seed)
    plans = [plan("L3", version=1, created=dt.datetime.combine(FIRST, dt.time(7)), since=FIRST)]
    gaps = {
        FIRST + dt.timedelta(days=rnd.randrange(0, (LAST - FIRST).days)) for _ in range(gap_days)
    }
    sessions, diary = [], []
    day_ = FIRST
    while day_ <= LAST:
        if day_ not in gaps:
            sessions.append(session(day_, pain=rnd.choice([0, 1, 2, 3])))
        if (day_ - FIRST).days % diary_every == 0 or (LAST - day_).days < recent:
            kind = DayKind.REST if rnd.random() < 0.05 else DayKind.NORMAL
            diary.append(day(day_, kind=kind, pain=rnd.choice([0, 1, 1, 2, 3, 5])))
        day_ += dt.timedelta(days=1)
    tables = {
        "plans": [codec.plan_to_doc(p) for p in plans],
        "sessions": [codec.session_to_doc(s) for s in sessions],
        "diary": [codec.diary_to_doc(e) for e in diary],
    }
    store = HistoryStore(data_dir, lock_timeout=1.0).open(today=BEFORE_ANY_CLOSE)
    try:
        Repository(store).import_export(tables, today=BEFORE_ANY_CLOSE)
    finally:
        store.close()


def close_old_years(data_dir: Path) -> None:
    HistoryStore(data_dir, lock_timeout=1.0).open(today=LATER).close()


NOW = dt.datetime.combine(LAST, dt.time(20))
ENDINGS = [LAST - dt.timedelta(weeks=weeks_back) for weeks_back in (0, 1, 30, 60, 120, 200)]


def answers(repo: ReadOnlyRepository) -> tuple[object, ...]:
    """Status, reviews and the morning baseline the way the app reads them."""
    status = day_status(repo, NOW).to_json()
    reviews = []
    for ending in ENDINGS:
        view = weekly_review(repo, ending, NOW)
        reviews.append((view.review.to_json() if view.review else None, view.first_day))
    return status, reviews, baseline_mornings(mornings_for_baseline(repo, LAST))


def answers_from_everything(repo: ReadOnlyRepository) -> tuple[object, ...]:
    """The same answers computed by the domain from every record at once."""
    plans = repo.plans()
    diary, sessions = repo.diary_entries(), repo.sessions()
    status = compute_status(
        LAST,
        current_care_state(repo, NOW),
        plans,
        sessions,
        diary,
        max((dt.date.fromisoformat(r["week_ending"]) for r in repo.reviews()), default=None),
    ).to_json()
    reviews = []
    for ending in ENDINGS:
        review = build_review(
            ending,
            plans,
            [e for e in diary if e.date <= ending],
            [s for s in sessions if s.date <= ending],
            repo.assessment_records(),
            repo.reviews(),
        )
        first = min(e.date for e in [*diary, *sessions])
        reviews.append((review.to_json(), first))
    return status, reviews, baseline_mornings(diary)


def baseline_mornings(diary: list[DiaryEntry]) -> list[dt.date]:
    """The 7 logged mornings before the last week: what §E1's baseline is made of."""
    week_start = LAST - dt.timedelta(days=6)
    return [e.date for e in diary if e.date < week_start and e.morning_pain is not None][-7:]


@pytest.mark.parametrize(
    ("seed", "diary_every", "gap_days", "recent"),
    [
        *[(1, 1, 0, 0), (2, 1, 6, 0), (3, 3, 2, 0), (4, 9, 0, 0), (5, 40, 1, 0), (6, 2, 40, 0)],
        # a diary logged daily for the last weeks after months of one morning in 60: the
        # review's baseline mornings lie further back than half a year
        *[(9, 60, 0, 21), (10, 75, 3, 14), (11, 60, 0, 10), (12, 50, 0, 9)],
    ],
)
def test_answers_are_the_same_with_closed_years_in_their_own_files(
    tmp_path: Path, seed: int, diary_every: int, gap_days: int, recent: int
) -> None:
    data_dir = tmp_path / "data"
    make_history(data_dir, seed, diary_every=diary_every, gap_days=gap_days, recent=recent)
    whole = answers_from_everything(ReadOnlyRepository(data_dir))
    assert answers(ReadOnlyRepository(data_dir)) == whole
    assert not (data_dir / "archive").exists()

    close_old_years(data_dir)
    assert sorted(p.name for p in (data_dir / "archive").iterdir()) == [
        "2019.json",
        "2020.json",
        "2021.json",
        "2022.json",
    ]
    assert answers(ReadOnlyRepository(data_dir)) == whole


def test_an_unbroken_streak_crosses_closed_years_without_opening_them(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    make_history(data_dir, 7, diary_every=1, gap_days=0)
    close_old_years(data_dir)
    repo = ReadOnlyRepository(data_dir)
    opened: list[int] = []
    load = repo.archives.load

    def spy(year: int) -> object:
        opened.append(year)
        return load(year)

    repo.archives.load = spy  # type: ignore[method-assign]
    status = day_status(repo, NOW)
    assert status.streak_days == (LAST - FIRST).days + 1
    assert opened == []


def test_a_regular_diary_reviews_from_the_recent_months_only(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    make_history(data_dir, 8, diary_every=1, gap_days=3)
    close_old_years(data_dir)
    diary, sessions = review_reads(ReadOnlyRepository(data_dir), LAST)
    assert min(e.date for e in diary) >= LAST - REVIEW_READ
    assert min(s.date for s in sessions) >= LAST - REVIEW_READ
