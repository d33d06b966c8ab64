"""The plan the next sessions of a day run: one answer for every surface (§F5 decision 13).

After a flare-up the sessions run two ladder steps lower until the weekly review sets a new
plan (PROG-FLARE-UP-REST, ``domain.flare``). Today, Session, `status`, `plan`, `log-session`
and the report all take the plan from here, so none shows or logs the stored level while the
timer runs another.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from achilles_tui.domain.models import Plan
from achilles_tui.storage.repository import ReadOnlyRepository

if TYPE_CHECKING:
    from achilles_tui.domain.flare import SessionPlan


def plan_in_force(
    repo: ReadOnlyRepository, day: dt.date, plan: Plan | None = None
) -> SessionPlan | None:
    """The stored plan followed on ``day``, stepped down after a flare-up since it began.

    ``plan`` is that stored plan when the caller has it already (the care state read the
    plans); otherwise the newest version started by ``day``. Only the diary from the plan's
    start to ``day`` is read, and never a closed year's archive, so Today and `status` stay
    quick to open: a flare-up in a closed year (over 90 days ago, with the plan unchanged
    since) no longer steps the plan down [DESIGN].
    """
    stored = plan if plan is not None else repo.plan_on(day)
    if stored is None:
        return None
    # Imported here: without a plan (a first start) Today needs none of it.
    from achilles_tui.care.profile import limits_today
    from achilles_tui.domain.flare import plan_for_today
    from achilles_tui.domain.profile import beyond_limits

    since = stored.start_date
    open_since = repo.open_since()
    if open_since is not None and open_since > since:
        since = open_since
    # Only the flare-up days, then the mornings since the last one, are decoded.
    flares = repo.flare_up_entries(since, day)
    diary = repo.diary_entries(flares[-1].date, day) if flares else []
    in_force = plan_for_today(stored, diary, day)
    if in_force.plan.level is None:
        return in_force  # an own or physio plan keeps its caps lifted
    limit = beyond_limits(in_force.plan, limits_today(repo, day))
    return dataclasses.replace(in_force, limit=limit) if limit is not None else in_force
