"""How far back a question reads: the recent weeks first, whole years only when they must.

Reads widen from a recent start to the whole history file, then a closed year at a time, then
everything. Each question says when what it read is enough, so its answer is the same as if
the whole history had been read (tests compare both).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from achilles_tui.domain.models import DiaryEntry, SessionLog
from achilles_tui.domain.review_context import history_suffices
from achilles_tui.storage.repository import ReadOnlyRepository

# A weekly review needs about a month and the 7 mornings before it: half a year is plenty for
# anyone who keeps the diary, and reads widen for those who log now and then.
REVIEW_READ = dt.timedelta(weeks=26)


def widening_starts(repo: ReadOnlyRepository, first: dt.date) -> Iterator[dt.date | None]:
    """``first``, then the start of the history file, then each closed year back; None last."""
    yield first
    since = repo.open_since()
    if since is not None and since < first:
        yield since
    for year in reversed(repo.archives.years):
        start = dt.date(year, 1, 1)
        if start < min(first, since or first):
            yield start
    yield None


def review_reads(
    repo: ReadOnlyRepository, week_ending: dt.date
) -> tuple[list[DiaryEntry], list[SessionLog]]:
    """The diary and sessions the review of the week ending ``week_ending`` depends on."""
    for start in widening_starts(repo, week_ending - REVIEW_READ):
        diary = repo.diary_entries(start, week_ending)
        if start is None or history_suffices(week_ending, diary, start):
            return diary, repo.sessions(start, week_ending)
    raise AssertionError("widening_starts ends with None")  # pragma: no cover
