"""Write assets/demo-history.json: a believable 12-week rehab history for demos and screenshots.

The story: a mid-portion tendinopathy assessed as irritable starts at L1, moves to L2
after three good weeks and to L3 after week seven; week six has a flare-up (a long
walk on a sore day), a few rest days are scattered through, and morning pain and
stiffness drift down with day-to-day noise. Everything is generated from a fixed
seed, so the file only changes when this script does.

Dates are fixed, ending on END (2026-03-15). ``achilles_tui.storage.demo.load_demo_export``
shifts every date and time so the last diary day becomes the user's today.

Run: .venv/bin/python scripts/make_demo_history.py
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from achilles_tui.domain.assessment import Assessment, Condition
from achilles_tui.domain.engine import recommend
from achilles_tui.domain.models import (
    DayKind,
    DiaryEntry,
    Effort,
    Exercise,
    Plan,
    RepRecord,
    SessionLog,
    Side,
)
from achilles_tui.storage import codec
from achilles_tui.storage.migrations import SCHEMA_VERSION
from achilles_tui.storage.transfer import EXPORT_FORMAT

END = dt.date(2026, 3, 15)
WEEKS = 12
START = END - dt.timedelta(days=7 * WEEKS - 1)
OUT = Path(__file__).resolve().parents[1] / "assets" / "demo-history.json"

# Level changes (first day of the week they start on), as plan versions.
LEVEL_WEEKS = {0: "L1", 3: "L2", 7: "L3"}
LEVEL_DOSE = {"L1": (3, 10, 15), "L2": (5, 10, 15), "L3": (5, 20, 30)}  # reps, hold, rest
FLARE_WEEK = 5  # the sixth week (0-based)
REST_DAYS = {9, 20, 31, 47, 58, 66, 79}  # day offsets from START


def level_on(offset: int) -> str:
    """The ladder level in force on a day."""
    week = offset // 7
    return LEVEL_WEEKS[max(w for w in LEVEL_WEEKS if w <= week)]


def build_plans(base: Exercise) -> list[Plan]:
    """One plan version per level, created on the morning its week starts."""
    plans = []
    for version, (week, level) in enumerate(sorted(LEVEL_WEEKS.items()), start=1):
        reps, hold, rest = LEVEL_DOSE[level]
        created = dt.datetime.combine(START + dt.timedelta(weeks=week), dt.time(7, 55))
        plans.append(
            Plan(
                version=version,
                created=created,
                exercises=(
                    dataclasses.replace(base, reps=reps, hold_seconds=hold, rest_seconds=rest),
                ),
                source="assessment" if version == 1 else "review",
                level=level,
                assessment_id=1 if version == 1 else None,
                note="" if version == 1 else "Weekly review: a green week, one step up.",
            )
        )
    return plans


def morning_values(offset: int, rng: random.Random) -> tuple[int, int, bool]:
    """Pain, stiffness and settled for one morning: a slow improvement with noise."""
    progress = offset / (7 * WEEKS)
    pain = 5.0 - 3.2 * progress + rng.uniform(-0.8, 0.8)
    stiffness = 28.0 - 22.0 * progress + rng.uniform(-4, 4)
    flare_day = offset - FLARE_WEEK * 7
    if 0 <= flare_day < 7:
        bump = max(0.0, 3.0 - 0.6 * flare_day)
        pain += bump
        stiffness += 6 * bump
    pain_score = min(10, max(0, round(pain)))
    settled = not (0 <= flare_day < 3) and rng.random() > 0.06
    return pain_score, max(0, round(stiffness)), settled


def build_days(plans: list[Plan]) -> tuple[list[DiaryEntry], list[SessionLog]]:
    """Daily diary and near-daily sessions over the twelve weeks."""
    rng = random.Random(20260315)
    diary: list[DiaryEntry] = []
    sessions: list[SessionLog] = []
    version_by_level = {p.level: p.version for p in plans}
    for offset in range(7 * WEEKS):
        day = START + dt.timedelta(days=offset)
        pain, stiffness, settled = morning_values(offset, rng)
        flare_day = offset - FLARE_WEEK * 7
        kind = DayKind.NORMAL
        notes = ""
        activity = ""
        if offset in REST_DAYS:
            kind = DayKind.REST
            notes = rng.choice(["Busy day, planned rest.", "Rest day.", "Travelling."])
        elif 0 <= flare_day < 3:
            kind = DayKind.FLARE_UP
            notes = "Flare-up after a long hilly walk." if flare_day == 0 else "Still sore."
        if rng.random() < 0.15 and kind is DayKind.NORMAL:
            activity = rng.choice(["30 min walk", "easy cycling", "swim", "gardening"])
        diary.append(
            DiaryEntry(
                date=day,
                morning_pain=pain,
                stiffness_minutes=stiffness,
                settled=None if offset == 0 else settled,
                day=kind,
                activity=activity,
                notes=notes,
            )
        )
        skipped = rng.random() < 0.05
        if kind is DayKind.REST or (kind is DayKind.FLARE_UP and flare_day < 2) or skipped:
            continue
        sessions.append(session_for(day, offset, level_on(offset), version_by_level, rng))
    return diary, sessions


def session_for(
    day: dt.date,
    offset: int,
    level: str,
    version_by_level: dict[str | None, int],
    rng: random.Random,
) -> SessionLog:
    """One session with every hold recorded, a pain rating and an effort rating."""
    reps, hold, rest = LEVEL_DOSE[level]
    flare_day = offset - FLARE_WEEK * 7
    in_flare = 0 <= flare_day < 7
    done = reps - 2 if in_flare and flare_day < 4 else reps
    started = dt.datetime.combine(day, dt.time(rng.choice([7, 8, 12, 18, 19]), rng.randrange(60)))
    ended = started + dt.timedelta(seconds=done * hold + (done - 1) * rest + 40)
    week_in_level = (offset // 7) - max(w for w in LEVEL_WEEKS if w <= offset // 7)
    pain_during = 4.2 - 2.4 * offset / (7 * WEEKS) + rng.uniform(-0.7, 0.7)
    if in_flare:
        pain_during += 1.5
    if week_in_level == 0:
        pain_during += 0.5  # a new level feels harder for a few days
    if in_flare:
        effort = Effort.TOO_HARD if flare_day < 4 else Effort.CHALLENGING
    elif week_in_level >= 2 and rng.random() < 0.6:
        effort = Effort.TOO_EASY
    else:
        effort = Effort.CHALLENGING
    return SessionLog(
        id=f"demo{offset:03d}",
        date=day,
        plan_version=version_by_level[level],
        started_at=started,
        ended_at=ended,
        reps=tuple(
            RepRecord(exercise_index=0, side=Side.BOTH, rep=n, hold_seconds=hold)
            for n in range(1, done + 1)
        ),
        pain_during=min(10, max(0, round(pain_during))),
        effort=effort,
        complete=done == reps,
        source="timer",
        reps_planned=reps,
    )


def build_export() -> dict[str, Any]:
    """The whole demo history in the export format of Repository.export_data()."""
    answers = Assessment(condition=Condition.MIDPORTION, weeks=10, flares_easily=True)
    recommendation = recommend(answers)
    assert recommendation.level == "L1" and recommendation.exercises
    plans = build_plans(recommendation.exercises[0])
    diary, sessions = build_days(plans)
    assessment = {
        "created": dt.datetime.combine(START, dt.time(7, 50)).isoformat(),
        "answers": json.loads(json.dumps(dataclasses.asdict(answers))),
        "result": recommendation.to_json(),
    }
    return {
        "format": EXPORT_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "assessments": [assessment],
        "plans": [codec.plan_to_doc(p) for p in plans],
        "sessions": [codec.session_to_doc(s) for s in sessions],
        "diary": [codec.diary_to_doc(e) for e in diary],
        "reviews": [],
    }


def main() -> None:
    """Write the asset (stable output: sorted keys are not used, order is meaningful)."""
    export = build_export()
    OUT.write_text(json.dumps(export, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"wrote {OUT}: {len(export['diary'])} diary days, {len(export['sessions'])} sessions, "
        f"{len(export['plans'])} plan versions, {START} to {END}"
    )


if __name__ == "__main__":
    main()
