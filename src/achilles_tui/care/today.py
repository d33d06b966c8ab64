"""Today at a glance: the plan, the care state, today's session and diary, in plain words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from achilles_tui.care.plan_today import plan_in_force
from achilles_tui.care.state import current_care_state
from achilles_tui.domain.care_state import CareState, CareStateKind, LoadedWeek, loaded_week
from achilles_tui.domain.counting import session_counts
from achilles_tui.domain.engine import Advice
from achilles_tui.domain.models import ISOTONIC, DiaryEntry, HeelRaise, Plan, SessionLog
from achilles_tui.domain.wording import count
from achilles_tui.storage.repository import ReadOnlyRepository

if TYPE_CHECKING:
    from achilles_tui.care.heel_raise_test import HeelRaiseTestOffer
    from achilles_tui.care.sessions import Resumable


@dataclass(frozen=True)
class TodayView:
    """What the Today section shows, read once."""

    plan: Plan | None
    care: CareState
    sessions: tuple[SessionLog, ...]
    diary: DiaryEntry | None
    data_file: str
    resumable: Resumable | None = None
    # Heel-raise plans only: what the days around today say about a 3-a-week plan.
    loaded_days: str = ""
    # MON-ISOT-HR-TEST (§F5 decision 8): offered, or which rule stops it and why. None for a
    # plan below T7, where the offer is not worked out (Today's start stays lean).
    test_offer: HeelRaiseTestOffer | None = None
    # PROG-FLARE-UP-REST's advice when ``plan`` runs two steps below the stored plan.
    flare_up: Advice | None = None
    # §F5: the plan goes past a limit of the latest assessment (PROG-ISOT-CAP, ...).
    limit: Advice | None = None

    @property
    def plan_notes(self) -> str:
        """What Today adds under the plan: a limit it goes past, why it runs lower now, then
        the loaded days."""
        flare, limit = self.flare_up, self.limit
        why = f"After your flare-up: {flare.message} ({flare.rule})" if flare is not None else ""
        beyond = f"{limit.message} ({limit.rule})" if limit is not None else ""
        return "\n".join(note for note in (beyond, why, self.loaded_days) if note)

    @property
    def test_offered(self) -> bool:
        """Today offers the heel-raise test."""
        return self.test_offer is not None and self.test_offer.offered

    def in_sets(self, session: SessionLog) -> bool:
        """A heel-raise session counts sets, not holds (even before its first set is saved)."""
        if session.is_isotonic:
            return True
        plan = self.plan
        return plan is not None and plan.version == session.plan_version and plan.stage == ISOTONIC

    @property
    def session_line(self) -> str:
        """Today's sessions in one line, saying whether they count (§E1)."""
        finished = [s for s in self.sessions if s.finished]
        if finished:
            last = finished[-1]
            unit = "set" if self.in_sets(last) else "hold"
            holds = (
                f"{len(last.reps)} of {count(last.reps_planned, unit)}"
                if last.reps_planned
                else count(len(last.reps), unit)
            )
            if last.raises_done:
                holds += f", {count(last.raises_done, 'raise')}"
            pain = f", pain {last.pain_during}/10" if last.pain_during is not None else ""
            state = "done" if last.complete else "ended early"
            counts = "" if session_counts(last) else " (too short to count)"
            if last.paused_by == "rest_day":  # §F5 decision 12
                counts = " (an extra session on a rest day: not counted)"
            elif last.paused_by:  # §F5 decision 3: logged while sessions were not allowed
                counts = f" (logged while sessions were stopped, {last.paused_by}: not counted)"
            extra = f"; {count(len(finished), 'session')} today" if len(finished) > 1 else ""
            return f"{state} at {last.ended_at:%H:%M}, {holds}{pain}{counts}{extra}."
        if self.sessions:
            return "started but not finished; you can resume it."
        if self.care.kind is CareStateKind.REST_DAY:
            return "none today."  # "not done yet" would say one is due (§F5 decision 12)
        return "not done yet today."


def today_view(
    repo: ReadOnlyRepository,
    now: dt.datetime,
    *,
    sides: str = "both",
    injured_side: str = "left",
) -> TodayView:
    """The day's state from one pass over what Today needs.

    An interrupted session is offered for resuming only while sessions are allowed.
    """
    day = now.date()
    care = current_care_state(repo, now)
    stored = care.plan or repo.current_plan()  # the care state has read the plans already
    # The plan the next sessions run: after a flare-up, two steps lower (§F5 decision 13).
    in_force = None if stored is None else plan_in_force(repo, day, stored)
    plan = None if in_force is None else in_force.plan
    isotonic = plan is not None and plan.stage == ISOTONIC
    sessions = tuple(repo.sessions(day, day))
    interrupted = None
    if care.session_allowed and any(not s.finished for s in sessions):
        # Imported here: the session modules (timer, flare, resume) cost start-up time,
        # and only a day with an interrupted session needs them.
        from achilles_tui.care.sessions import resumable

        interrupted = resumable(repo, day, sides, injured_side)
    offer = None
    tested_today = False
    if isotonic and plan is not None and plan.level in TEST_LEVELS:
        # Imported only for a top-step plan: Today's start stays as lean as before.
        from achilles_tui.care.heel_raise_test import heel_raise_test_offer, latest_test

        offer = heel_raise_test_offer(repo, now, care)
        last = latest_test(repo, day)
        tested_today = last is not None and last.date == day
    loaded = loaded_days_text(care.loaded, due=care.kind is CareStateKind.DUE)
    if tested_today and loaded:
        loaded += " Today's heel-raise test was the day's load."
    return TodayView(
        plan=plan,
        care=care,
        sessions=sessions,
        diary=repo.diary_on(day),
        data_file=str(repo.path),
        resumable=interrupted,
        loaded_days=loaded,
        test_offer=offer,
        flare_up=None if in_force is None else in_force.advice,
        limit=None if in_force is None else in_force.limit,
    )


TEST_LEVELS = frozenset({"T7", "T8"})
"""MON-ISOT-HR-TEST: the heel-raise test is offered at the loaded top steps."""


def heel_raise_lines(exercise: HeelRaise) -> list[str]:
    """A heel raise as Today shows it: what, how many, how slowly, rest, load, how often."""
    tempo = exercise.tempo
    top = f"{tempo.top} s at the top" if tempo.top else "no pause at the top"
    often = (
        "every day"
        if exercise.sessions_per_week == 7
        else f"{exercise.sessions_per_week} days a week"
    )
    return [
        f"{exercise.label}: {exercise.sets} sets x {exercise.reps} raises",
        f"  tempo {tempo.text}: {tempo.up} s up, {top}, {tempo.down} s down",
        f"  {exercise.rest_seconds} s rest between sets; {exercise.load_text}; {often}",
    ]


def loaded_days_note(plan: Plan, week: list[SessionLog], day: dt.date) -> str:
    """For a heel-raise plan of fewer than 7 days a week: is today a loaded day or a rest day?

    §E6.1 asks for loaded sessions on non-consecutive days; the app does not fix the weekdays,
    so the note follows what was done: never two loaded days in a row, and no more than the
    plan's number in any 7 days. The same reckoning as the care state's ``rest_day``.
    """
    return loaded_days_text(loaded_week([plan], week, day))


def loaded_days_text(loaded: LoadedWeek | None, *, due: bool = True) -> str:
    """The loaded-days note from the care state's count ("" for a plan without rest days).

    "Today can be one" only when a session is due: on a stopped or paused day the note
    gives the count alone, so it never offers what the care state refuses.
    """
    if loaded is None:
        return ""
    head = "Loaded days: never two in a row (for example Mon, Wed, Fri)."
    if loaded.today:
        return f"{head} Today was a loaded day."
    if loaded.yesterday:
        return f"{head} Yesterday was one, so today is a rest day."
    if loaded.rest_day:
        return f"{head} {loaded.done} done in the last 7 days, so today is a rest day."
    tally = f"{loaded.done} of {loaded.per_week} in the last 7 days"
    return f"{head} Today can be one ({tally})." if due else f"{head} {tally.capitalize()}."
