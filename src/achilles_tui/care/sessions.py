"""Sessions: whether one may start now, starting, recording each hold, rating, logging one
done away from the terminal. Every gate is the care state (§F4)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from achilles_tui.care.errors import NeedsConfirmation, Refused
from achilles_tui.care.plan_today import plan_in_force
from achilles_tui.care.state import current_care_state
from achilles_tui.domain.care_state import EXTRA_SESSION, CareState, CareStateKind
from achilles_tui.domain.engine import Advice
from achilles_tui.domain.flare import SessionPlan
from achilles_tui.domain.models import (
    ISOTONIC,
    Effort,
    Exercise,
    HeelRaise,
    Plan,
    RepRecord,
    SessionLog,
    Side,
    check_past_date,
)
from achilles_tui.domain.resume import first_missing_rep
from achilles_tui.domain.timer import Phase, RepPoint, build_schedule
from achilles_tui.domain.wording import count
from achilles_tui.storage.repository import ReadOnlyRepository, Repository

PAIN_LIMIT = 5


@dataclass(frozen=True)
class Resumable:
    """An interrupted session of today and the hold it picks up from."""

    session: SessionLog
    plan: Plan
    point: RepPoint


@dataclass(frozen=True)
class SessionGate:
    """What the Session section may offer now, and what it would run."""

    care: CareState
    today: SessionPlan | None
    resumable: Resumable | None


def session_gate(
    repo: ReadOnlyRepository, at: dt.datetime, *, sides: str = "both", injured_side: str = "left"
) -> SessionGate:
    """The care state, today's plan (stepped down after a flare-up) and any session to resume."""
    care = current_care_state(repo, at)
    plan = care.plan or repo.current_plan()
    today = None if plan is None else plan_in_force(repo, at.date(), plan)
    return SessionGate(care, today, resumable(repo, at.date(), sides, injured_side))


def resumable(
    repo: ReadOnlyRepository, day: dt.date, sides: str, injured_side: str
) -> Resumable | None:
    """Today's interrupted session and the first planned hold not yet logged, if any.

    It goes on at the level it was started at: after a flare-up, the stepped-down plan.
    """
    session = repo.unfinished_session(day)
    if session is None:
        return None
    stored = next((p for p in repo.plans() if p.version == session.plan_version), None)
    if stored is None:
        return None
    in_force = plan_in_force(repo, day, stored)
    plan = stored if in_force is None else in_force.plan
    point = first_missing_rep(plan, session.reps, sides=sides, injured_side=injured_side)
    return None if point is None else Resumable(session, plan, point)


def require_allowed(care: CareState, *, extra_confirmed: bool) -> None:
    """Refuse with the care state's reason, or ask before an extra session."""
    if not care.session_allowed:
        raise Refused(care.explanation, care.reasons)
    if care.needs_confirmation and not extra_confirmed:
        raise NeedsConfirmation(care.confirmation or EXTRA_SESSION)


def begin_session(
    repo: Repository,
    at: dt.datetime,
    plan: Plan,
    reps_planned: int,
    *,
    extra_confirmed: bool = False,
) -> SessionLog:
    """Create the session record before the first hold, once the care state allows it."""
    care = current_care_state(repo, at)
    require_allowed(care, extra_confirmed=extra_confirmed)
    return repo.start_session(
        plan, at, reps_planned=reps_planned, uncounted_reason=care.uncounted_reason
    )


def check_resume(repo: ReadOnlyRepository, at: dt.datetime, *, extra_confirmed: bool) -> None:
    """Resuming is starting again: the same gate applies."""
    require_allowed(current_care_state(repo, at), extra_confirmed=extra_confirmed)


def record_hold(repo: Repository, session: SessionLog, rep: RepRecord) -> SessionLog:
    """Save one finished hold the moment it ends."""
    return repo.add_rep(session, rep)


def finish_session(
    repo: Repository,
    session: SessionLog,
    at: dt.datetime,
    *,
    pain_during: int | None,
    effort: Effort | None,
    complete: bool,
    over_limit: bool,
) -> tuple[SessionLog, CareState]:
    """Close a session with its rating (partial ones too) and say what that means for today."""
    over = over_limit or (pain_during is not None and pain_during > PAIN_LIMIT)
    saved = repo.finish_session(
        session,
        ended_at=at,
        pain_during=pain_during,
        effort=effort,
        complete=complete,
        over_limit=over,
    )
    return saved, current_care_state(repo, at)


@dataclass(frozen=True)
class ManualSession:
    """A session logged away from the app, and the care state's warning if it applied.

    ``holds_planned`` counts the planned records: holds, or sets for a heel-raise plan
    (``isotonic``), each leg's holds or sets counted apart. ``flare_up`` is PROG-FLARE-UP-REST's
    advice when the day's plan ran two steps lower than the stored one.
    """

    session: SessionLog
    holds_planned: int
    warning: Advice | None
    note: str = ""
    isotonic: bool = False
    legs_logged: int = 1  # 2 when one-leg holds or raises were logged for the left and right leg
    level: str | None = None
    flare_up: Advice | None = None
    limit: Advice | None = None  # §F5: the plan goes past a limit now in force


def before_first_plan(repo: ReadOnlyRepository, day: dt.date) -> Refused | None:
    """Days before the first plan are not planned days: a session there needs --since."""
    plans = repo.plans()
    first = min((p.start_date for p in plans), default=None)
    if first is None or day >= first:
        return None
    return Refused(
        f"{day.isoformat()} is before your first plan began ({first.isoformat()}), so there "
        "is no plan to log a session against. If you started your physio's plan earlier, "
        f"record it with its start date: `plan set ... --since {day.isoformat()}` or "
        f"`assess ... --save --since {day.isoformat()}`. Nothing was written ({repo.path})."
    )


def log_manual_session(
    repo: Repository,
    day: dt.date,
    now: dt.datetime,
    *,
    pain_during: int,
    effort: Effort,
    reps_done: int | None,
    sets_done: int | None = None,
) -> ManualSession:
    """Record the first N holds (or, for heel raises, N sets) on each side of that day's plan.

    The plan is the one in force that day: after a flare-up, two steps below the stored one
    (PROG-FLARE-UP-REST, §F5 decision 13). N counts what the session screen counts (§F5
    decision 11): holds on each side of each exercise, or sets on each working leg; more than
    the plan has is refused and nothing is written. A heel-raise plan is logged in sets
    (``sets_done``), a hold plan in holds (``reps_done``); the other count is refused.

    It happened, so it is recorded whatever the care state says. When sessions were not
    allowed (§F4: paused, blocked or stopped for the day) the reason comes back as a warning
    and is stored with the session, which then never counts toward adherence; its pain still
    counts for the review (§F5 decision 3).
    """
    check_past_date("--date", day, now.date())
    refused = before_first_plan(repo, day)
    if refused is not None:
        raise refused
    stored = repo.plan_on(day)
    in_force = None if stored is None else plan_in_force(repo, day, stored)
    if in_force is None:
        raise Refused(
            "There is no plan yet, so there is nothing to log a session against. Take the "
            "assessment or run `achilles-tui plan set` first."
        )
    plan = in_force.plan
    check_count_kind(plan, reps_done, sets_done)
    check_count_limit(in_force, reps_done, sets_done)
    moment = dt.datetime.combine(day, now.time().replace(microsecond=0))
    if day < now.date():
        moment = dt.datetime.combine(day, dt.time(12, 0))
    isotonic = plan.stage == ISOTONIC
    care = current_care_state(repo, moment)
    if isotonic:
        planned, reps = set_records(plan, None), set_records(plan, sets_done)
    else:
        planned, reps = hold_records(plan, None), hold_records(plan, reps_done)
    blocked_by = care.uncounted_reason
    session = SessionLog(
        id=uuid.uuid4().hex[:12],
        date=day,
        plan_version=plan.version,
        started_at=moment,
        ended_at=moment,
        reps=reps,
        pain_during=pain_during,
        effort=effort,
        complete=len(reps) >= len(planned),
        over_limit=pain_during > PAIN_LIMIT,
        source="manual",
        reps_planned=len(planned),
        paused_by=blocked_by,
    )
    repo.add_manual_session(session)
    sides = {rep.side for rep in planned}
    return ManualSession(
        session,
        len(planned),
        _warning(care),
        _note(care),
        isotonic=isotonic,
        legs_logged=2 if sides == {Side.LEFT, Side.RIGHT} else 1,
        level=plan.level,
        flare_up=in_force.advice,
        limit=in_force.limit,
    )


def check_count_kind(plan: Plan, reps_done: int | None, sets_done: int | None) -> None:
    """Holds are counted in holds and heel raises in sets; the wrong count is refused."""
    if plan.stage == ISOTONIC and reps_done is not None:
        raise Refused(
            f"plan version {plan.version} is heel raises, counted in sets: give --sets-done N "
            "(sets done on each working leg), not --reps-done. Nothing was written."
        )
    if plan.stage != ISOTONIC and sets_done is not None:
        raise Refused(
            f"plan version {plan.version} is holds, counted in holds: give --reps-done N, "
            "not --sets-done. Nothing was written."
        )


def check_count_limit(in_force: SessionPlan, reps_done: int | None, sets_done: int | None) -> None:
    """§F5 decision 11: more holds or sets than the day's plan has on a side is refused.

    The count is the session screen's: holds on each side of an exercise, sets on each working
    leg. Nothing was done beyond the plan, so nothing is logged rather than quietly capped.
    """
    plan = in_force.plan
    if sets_done is not None:
        raises = [ex for ex in plan.exercises if isinstance(ex, HeelRaise)]
        given, option, unit = sets_done, "--sets-done", "set"
        most = max((ex.sets for ex in raises), default=0)
        each = " on each working leg" if any(ex.legs == 1 for ex in raises) else ""
    elif reps_done is not None:
        holds = [ex for ex in plan.exercises if isinstance(ex, Exercise)]
        given, option, unit = reps_done, "--reps-done", "hold"
        most = max((ex.reps for ex in holds), default=0)
        each = " on each side" if any(ex.legs == 1 for ex in holds) else ""
    else:
        return
    if given <= most:
        return
    level = f" at {plan.level}" if plan.level else ""
    why = ""
    if in_force.advice is not None:
        why = f" (as it runs after the flare-up, {in_force.advice.rule})"
    raise Refused(
        f"{option} {given} is more than plan version {plan.version}{level}{why} has: at most "
        f"{count(most, unit)}{each}, as the session screen counts them. Nothing was written."
    )


def hold_records(plan: Plan, holds_done: int | None) -> tuple[RepRecord, ...]:
    """One record per finished hold, in the timer's order (each exercise, left then right).

    ``holds_done`` counts the holds done on each side of each exercise (all when None; never
    more than the exercise has), as the session screen counts them.
    """
    return tuple(
        RepRecord(
            exercise_index=step.exercise_index,
            side=step.side,
            rep=step.rep,
            hold_seconds=int(step.seconds),
            load_kg=plan.exercises[step.exercise_index].load_kg,
        )
        for step in build_schedule(plan)
        if step.phase is Phase.HOLD and (holds_done is None or step.rep <= holds_done)
    )


def raise_sides(legs: int) -> tuple[Side, ...]:
    """Two-leg raises are one record a set (both); single-leg raises are done on each leg.

    As the manual log of holds does (the timer's default), a single-leg exercise is logged
    for the left leg, then the right.
    """
    return (Side.BOTH,) if legs == 2 else (Side.LEFT, Side.RIGHT)


def set_records(plan: Plan, sets_done: int | None) -> tuple[RepRecord, ...]:
    """One record per finished set: ``rep`` is the set number, ``hold_seconds`` the time under
    load (raises x tempo), ``raises`` the plan's reps, ``load_kg`` the plan's load.

    ``sets_done`` counts the sets done on each working leg (all when None; never more than
    the plan has).
    """
    records: list[RepRecord] = []
    for index, exercise in enumerate(plan.exercises):
        if not isinstance(exercise, HeelRaise):
            continue
        done = exercise.sets if sets_done is None else min(sets_done, exercise.sets)
        for side in raise_sides(exercise.legs):
            records += [
                RepRecord(
                    exercise_index=index,
                    side=side,
                    rep=number,
                    hold_seconds=exercise.reps * exercise.tempo.rep_seconds,
                    load_kg=exercise.load_kg,
                    raises=exercise.reps,
                )
                for number in range(1, done + 1)
            ]
    return tuple(records)


def _warning(care: CareState) -> Advice | None:
    """The care state's reason when sessions were not allowed at that moment."""
    if care.session_allowed or not care.reasons:
        return None
    return Advice(care.reasons[0].rule, f"{care.headline} {care.reasons[0].message}")


def _note(care: CareState) -> str:
    """What the session means for the week's count (§F4, §F5 decision 3)."""
    if care.kind is CareStateKind.PAUSED_RED_FLAG:
        return "It is kept, but it does not count toward your week while the plan is paused."
    if not care.session_allowed:
        return (
            f"It is kept and its pain counts in the weekly review, but it does not count "
            f"toward your week: sessions were stopped ({care.blocked_by})."
        )
    if care.kind is CareStateKind.DONE_TODAY:
        return "A session already counted for that day; this one is kept but does not count."
    if care.kind is CareStateKind.REST_DAY:
        return "That day was a rest day: the session is kept, but an extra one does not count."
    return ""
