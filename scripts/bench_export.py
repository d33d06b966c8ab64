"""Years of daily use as an export in the app's own JSON format, for the CLI `import`.

The records are copies of the ones in a small export made with the real CLI (an
assessment, two own plans, three logged sessions and diary days of each kind), so
the generated file follows the app's export format as it changes: nothing here
names a field the small export does not already have, except the values it sets.

`ten_year_export(10, today)` is what the acceptance check imports: 3,650 diary
days ending yesterday, a session each day, a new plan about every four weeks.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

Export = dict[str, Any]


def cli_command() -> list[str]:
    """The `achilles-tui` console script beside this Python, else `python -m achilles_tui`."""
    script = Path(sys.executable).with_name("achilles-tui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "achilles_tui"]


def run_cli(data_dir: Path, *args: str, cli: Sequence[str] | None = None) -> str:
    """Run one CLI command on `data_dir`; its stdout, or RuntimeError with its output."""
    cmd = [*(cli or cli_command()), "--data-dir", str(data_dir), *args]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        output = (done.stderr or done.stdout).strip()[-400:]
        raise RuntimeError(f"achilles-tui {' '.join(args)} failed ({done.returncode}): {output}")
    return done.stdout


@functools.cache
def _template_text() -> str:
    with tempfile.TemporaryDirectory(prefix="achilles-bench-template.") as tmp:
        return json.dumps(small_export(Path(tmp) / "data"))


def template_export() -> Export:
    """A small export made with the real CLI (made once per process, a fresh copy each call)."""
    parsed: Export = json.loads(_template_text())
    return parsed


def small_export(data_dir: Path, cli: Sequence[str] | None = None) -> Export:
    """Make a small history with the CLI in `data_dir` and return its JSON export.

    The assessment plan is back-dated (`--since`), else the app refuses to log a
    session on a date before its first plan.
    """

    def run(*args: str) -> str:
        return run_cli(data_dir, *args, cli=cli)

    run("assess", "--condition", "midportion", "--save", "--since", "2020-01-01")
    run(
        "plan", "set", "--position", "heel-raised", "--legs", "2", "--reps", "4",
        "--hold", "20", "--rest", "40", "--load-kg", "5", "--force",
    )  # fmt: skip
    run(
        "plan", "set", "--position", "neutral", "--legs", "2", "--reps", "5",
        "--hold", "30", "--rest", "45", "--force",
    )  # fmt: skip
    kinds = (("too-easy", "normal"), ("challenging", "rest"), ("too-hard", "flare-up"))
    for i, (effort, day) in enumerate(kinds):
        date = f"2020-01-0{i + 1}"
        run("log-session", "--date", date, "--pain-during", "2", "--effort", effort)
        run(
            "log", "--date", date, "--morning-pain", "2", "--stiffness-minutes", "5",
            "--settled", "yes", "--day", day, "--activity", "walk", "--note", "ok",
        )  # fmt: skip
    export: Export = json.loads(run("export", "--format", "json"))
    return export


def ten_year_export(
    years: int,
    today: dt.date,
    *,
    template: Export | None = None,
    seed: int = 20240601,
) -> Export:
    """`years` x 365 days of daily use ending the day before `today`, as an export dict.

    One diary entry and one complete timer session a day, and a new plan (alternating
    the template's own plans, with varied dose) every 25 to 31 days after the
    assessment plan. `template` is a small CLI-made export (`template_export()` when
    not given).
    """
    small = template if template is not None else template_export()
    rng = random.Random(seed)
    days = years * 365
    first = today - dt.timedelta(days=days)
    assessment_plan = next(p for p in small["plans"] if p["source"] == "assessment")
    own_plans = [p for p in small["plans"] if p["source"] != "assessment"]
    session_tpl = small["sessions"][0]
    rep_tpl = session_tpl["reps"][0]
    diary_tpl = small["diary"][0]
    efforts = sorted({s["effort"] for s in small["sessions"]})
    normal_day = diary_tpl["day"]
    other_days = sorted({d["day"] for d in small["diary"]} - {normal_day})

    export = copy.deepcopy(small)
    for assessment in export.get("assessments", []):
        assessment["created"] = f"{first}T07:30:00"

    first_plan = copy.deepcopy(assessment_plan)
    first_plan.update(version=1, created=f"{first}T07:40:00")
    if "since" in first_plan:
        first_plan["since"] = str(first)
    plans = [first_plan]
    day = first + dt.timedelta(days=28)
    while day < today:
        plan = copy.deepcopy(own_plans[len(plans) % len(own_plans)])
        exercise = plan["exercises"][0]
        exercise["reps"] = rng.randint(3, 6)
        exercise["hold_seconds"] = rng.choice([10, 15, 20, 30, 45])
        exercise["rest_seconds"] = min(600, exercise["hold_seconds"] * 2)
        if "load_kg" in exercise:
            exercise["load_kg"] = float(rng.choice([0, 0, 2.5, 5, 10, 15]))
            exercise["added_load"] = exercise["load_kg"] > 0
        plan.update(version=len(plans) + 1, created=f"{day}T07:40:00")
        plan["note"] = f"week {(day - first).days // 7} change"
        plans.append(plan)
        day += dt.timedelta(days=28 + rng.randint(-3, 3))

    sessions: list[dict[str, Any]] = []
    diary: list[dict[str, Any]] = []
    current = 0
    for n in range(days):
        date = first + dt.timedelta(days=n)
        while current + 1 < len(plans) and plans[current + 1]["created"][:10] <= str(date):
            current += 1
        plan = plans[current]
        exercise = plan["exercises"][0]
        start = dt.datetime.combine(date, dt.time(7, rng.randint(0, 50), rng.randint(0, 59)))
        length = exercise["reps"] * exercise["hold_seconds"]
        length += (exercise["reps"] - 1) * exercise["rest_seconds"]
        session = copy.deepcopy(session_tpl)
        session.update(
            id=f"{n:06d}{rng.getrandbits(24):06x}",
            date=str(date),
            plan_version=plan["version"],
            started_at=start.isoformat(),
            ended_at=(start + dt.timedelta(seconds=length)).isoformat(),
            pain_during=rng.choice([0, 1, 1, 2, 2, 3, 4]),
            effort=rng.choice(efforts),
            complete=True,
            reps_planned=exercise["reps"],
        )
        if "source" in session:
            session["source"] = "timer"
        session["reps"] = []
        for r in range(exercise["reps"]):
            rep = copy.deepcopy(rep_tpl)
            rep.update(rep=r + 1, hold_seconds=exercise["hold_seconds"])
            if "load_kg" in rep:
                rep["load_kg"] = exercise.get("load_kg", 0.0)
            session["reps"].append(rep)
        sessions.append(session)
        entry = copy.deepcopy(diary_tpl)
        unusual = rng.random() <= 0.08 and other_days
        entry.update(
            date=str(date),
            morning_pain=rng.choice([0, 1, 1, 2, 2, 3, 4, 5]),
            stiffness_minutes=rng.randint(0, 30),
            settled=rng.random() > 0.1,
            day=rng.choice(other_days) if unusual else normal_day,
            activity=rng.choice(["", "", "walk", "run", "cycle", "swim"]),
            notes=rng.choice(
                ["", "", "", "tight after stairs", "felt good", "long day on my feet"]
            ),
        )
        diary.append(entry)
    export.update(plans=plans, sessions=sessions, diary=diary)
    return export


def write_export(path: Path, export: Export) -> Path:
    """Write an export dict as the JSON file `achilles-tui import` reads."""
    path.write_text(json.dumps(export), encoding="utf-8")
    return path
