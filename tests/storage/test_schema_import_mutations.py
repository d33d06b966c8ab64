"""Issue 26: what the import accepts, every command can read; what it refuses changes nothing.

An export of a small history with a record of every kind (an assessment, plans, sessions,
diary days, a heel-raise test, a weekly review, a self-test and a questionnaire) is altered
through the schema's own strategies (tests/storage/schema_strategies.py): a field of any
record set to another type, a value at or past its range, a non-finite number, a lone
surrogate, an unknown choice, an impossible date, a time with a zone, deep nesting; a field
removed or added; the export's own version and tables changed. Each import, into an empty
folder or merged into the history it came from, either refuses (exit 1 or 2, one line, every
file byte for byte as before) or accepts, and then `status`, `plan`, `sessions`, `review`,
`report` and `export` all work.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from achilles_tui.care.capacity import save_questionnaire, save_self_test
from achilles_tui.care.review import dismiss_review, weekly_review
from achilles_tui.domain.capacity import QUESTIONNAIRE_ITEMS, Questionnaire, SelfTest
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository
from tests.badinput._cli import invoke

from .schema_strategies import TABLE_SPECS, hostile, paths, valid

TODAY = dt.date.today()
READS = (("status",), ("plan",), ("sessions",), ("review",), ("report",), ("export",))


def day(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def ok(*argv: str) -> str:
    code, out, err = invoke(*argv)
    assert code == 0, (argv, err)
    return out


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A history with every kind of record, and its export."""
    folder = tmp_path_factory.mktemp("mutations") / "base"
    d = ("--data-dir", str(folder))
    ok(*d, "assess", "--condition", "midportion", "--strength", "strong", "--save",
       "--since", day(30))  # fmt: skip
    for n in range(30, 0, -1):
        ok(*d, "log", "--date", day(n), "--morning-pain", "2", "--stiffness-minutes", "10",
           "--settled", "yes", "--note", f"day {n}")  # fmt: skip
        if n % 2:
            ok(*d, "log-session", "--date", day(n), "--pain-during", "2", "--effort",
               "challenging")  # fmt: skip
    ok(*d, "log-test", "--heel-raise-reps-affected", "12", "--heel-raise-reps-other", "20",
       "--test-pain", "2", "--date", day(3))  # fmt: skip
    at = dt.datetime.combine(TODAY, dt.time(9, 0))
    with HistoryStore(folder, lock_timeout=5.0) as store:
        repo = Repository(store)
        dismiss_review(repo, weekly_review(repo, TODAY - dt.timedelta(days=7), at), at)
        save_self_test(repo, SelfTest(TODAY - dt.timedelta(days=2), 14, 20, 2))
        save_questionnaire(
            repo, Questionnaire(TODAY - dt.timedelta(days=2), (5,) * len(QUESTIONNAIRE_ITEMS))
        )
    export = json.loads(ok(*d, "export", "--format", "json"))
    kinds = {r.get("kind") for r in export["reviews"]}
    assert kinds == {"weekly-review", "self-test", "questionnaire"}
    assert all(export[table] for table in TABLE_SPECS)
    return folder, export


def digest(folder: Path) -> str:
    """Every file but the backups and the lock, names and bytes."""
    h = hashlib.sha256()
    if not folder.exists():
        return "absent"
    for root, dirs, files in sorted(os.walk(folder)):
        dirs[:] = sorted(x for x in dirs if x != "backups")
        for name in sorted(files):
            if name.endswith(".lock"):
                continue
            path = Path(root) / name
            h.update(str(path.relative_to(folder)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _set(record: Any, path: tuple[str | int, ...], value: Any) -> bool:
    """Put ``value`` at ``path`` in ``record``; False when the path is not there to reach."""
    current = record
    for step in path[:-1]:
        if isinstance(step, int):
            if not isinstance(current, list) or len(current) <= step:
                return False
            current = current[step]
        else:
            if not isinstance(current, dict) or not isinstance(current.get(step), dict | list):
                return False
            current = current[step]
    if not isinstance(current, dict):
        return False
    if value is _DELETE:
        current.pop(path[-1], None)
    else:
        current[path[-1]] = value
    return True


_DELETE = object()


@st.composite
def altered(draw: st.DrawFn, export: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """An altered copy of the export and a word on what was changed."""
    doc = copy.deepcopy(export)
    kind = draw(st.sampled_from(["field", "field", "field", "record", "top"]))
    if kind == "top":
        key, value = draw(
            st.sampled_from(
                [("schema_version", 3), ("schema_version", 99), ("schema_version", "2"),
                 ("schema_version", -1), ("schema_version", 2.0), ("schema_version", None),
                 ("diary", "x"), ("plans", {"1": {}}), ("mood", [1]), ("format", "other")]
            )
        )  # fmt: skip
        doc[key] = value
        return f"top {key}={value!r}", doc
    table = draw(st.sampled_from(sorted(TABLE_SPECS)))
    index = draw(st.integers(0, len(doc[table]) - 1))
    if kind == "record":
        spec = TABLE_SPECS[table]
        record = draw(st.one_of(valid(spec), hostile(spec)))
        doc[table].append(record)
        return f"{table} + {record!r:.80}", doc
    path, spec = draw(st.sampled_from(paths(TABLE_SPECS[table])))
    action = draw(st.sampled_from(["valid", "hostile", "hostile", "delete", "unknown"]))
    if action == "delete":
        value: Any = _DELETE
    elif action == "unknown":
        path = (*path[:-1], draw(st.sampled_from(["colour", "mood", "²", "\ud800"])))
        value = draw(st.one_of(valid(spec), hostile(spec)))
    else:
        value = draw(valid(spec) if action == "valid" else hostile(spec))
    _set(doc[table][index], path, value)
    return f"{table}[{index}].{'.'.join(map(str, path))} {action} {value!r:.60}", doc


def check_import(
    tmp_path: Path, folder: Path, doc: dict[str, Any], what: str, *, count: bool = False
) -> None:
    export_file = tmp_path / "altered.json"
    export_file.write_text(json.dumps(doc, allow_nan=True), encoding="utf-8")
    before = digest(folder)
    code, out, err = invoke("--data-dir", str(folder), "import", str(export_file))
    assert "Traceback" not in out + err, what
    if count:  # only inside Hypothesis: how many were accepted, how many refused
        event("refused" if code else "accepted")
    if code != 0:
        assert code in (1, 2), (what, err)
        assert len(err.strip().splitlines()) <= 3, (what, err)
        assert digest(folder) == before, f"{what}: a refused import changed files"
        return
    for read in READS:
        code, out, err = invoke("--data-dir", str(folder), *read)
        assert code == 0 and "Traceback" not in out + err, (what, read, err)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_every_import_refuses_cleanly_or_stays_readable_everywhere(
    base: tuple[Path, dict[str, Any]], tmp_path_factory: pytest.TempPathFactory, data: Any
) -> None:
    folder, export = base
    what, doc = data.draw(altered(export))
    tmp = tmp_path_factory.mktemp("case")
    into = data.draw(st.sampled_from(["empty", "merge"]))
    target = tmp / "data"
    if into == "merge":
        shutil.copytree(folder, target)
    check_import(tmp, target, doc, f"{what} ({into})", count=True)


@pytest.mark.parametrize(
    ("name", "change"),
    [
        (
            "assessment id -1",
            lambda d: d["assessments"].append(
                {"created": f"{day(5)}T00:00:00", "result": {}, "id": -1}
            ),
        ),
        (
            "assessment id true",
            lambda d: d["assessments"].append(
                {"created": f"{day(5)}T00:00:00", "result": {}, "id": True}
            ),
        ),
        ("rep load 'nan'", lambda d: d["sessions"][0]["reps"][0].__setitem__("load_kg", "nan")),
        ("rep load 1e999", lambda d: d["sessions"][0]["reps"][0].__setitem__("load_kg", 1e999)),
        (
            "session time with Z",
            lambda d: d["sessions"][0].__setitem__(
                "started_at", d["sessions"][0]["started_at"] + "Z"
            ),
        ),
        ("created 'yesterday'", lambda d: d["assessments"][0].__setitem__("created", "yesterday")),
        ("plan mode 'gentle'", lambda d: d["plans"][0].__setitem__("mode", "gentle")),
        (
            "week ending 2026-13-01",
            lambda d: d["reviews"].append({"week_ending": "2026-13-01", "suggestion": "hold"}),
        ),
        (
            "self-test without a date",
            lambda d: d["reviews"].append(
                {"kind": "self-test", "injured_count": 3, "healthy_count": 4, "pain": 1}
            ),
        ),
        (
            "hold Infinity",
            lambda d: d["plans"][0]["exercises"][0].__setitem__("hold_seconds", float("inf")),
        ),
        ("reps 2**64", lambda d: d["plans"][0]["exercises"][0].__setitem__("reps", 2**64)),
        ("lone surrogate", lambda d: d["diary"][0].__setitem__("notes", "\ud800")),
        ("key ²", lambda d: d["diary"][0].__setitem__("²", 1)),
        (
            "300 levels",
            lambda d: d["assessments"][0].__setitem__("result", json.loads("[" * 300 + "]" * 300)),
        ),
        ("schema_version 99", lambda d: d.__setitem__("schema_version", 99)),
    ],
)
def test_the_cases_the_issue_found(
    base: tuple[Path, dict[str, Any]], tmp_path: Path, name: str, change: Any
) -> None:
    folder, export = base
    doc = copy.deepcopy(export)
    change(doc)
    target = tmp_path / "data"
    shutil.copytree(folder, target)
    check_import(tmp_path, target, doc, name)


def test_unknown_fields_are_named_and_left_out(
    base: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    _, export = base
    doc = copy.deepcopy(export)
    doc["plans"][0]["colour"] = "blue"
    doc["diary"][0]["mood"] = "fine"
    doc["weather"] = "rain"
    path = tmp_path / "export.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, _out, err = invoke("--data-dir", str(tmp_path / "data"), "import", str(path))
    assert code == 0, err
    assert "left out: diary: mood; export: weather; plans: colour" in err
    exported = json.loads(ok("--data-dir", str(tmp_path / "data"), "export"))
    assert "colour" not in exported["plans"][0] and "mood" not in exported["diary"][0]


def test_two_plans_with_one_version_are_renumbered(
    base: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    _, export = base
    doc = copy.deepcopy(export)
    twin = copy.deepcopy(doc["plans"][0])
    twin["created"] = f"{day(20)}T08:00:00"
    twin["since"] = day(20)
    twin["exercises"][0]["reps"] = 4
    doc["plans"].append(twin)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    ok("--data-dir", str(tmp_path / "data"), "import", str(path))
    exported = json.loads(ok("--data-dir", str(tmp_path / "data"), "export"))
    versions = [p["version"] for p in exported["plans"]]
    assert len(versions) == len(set(versions)) == len(doc["plans"])
    # sessions from the twin's start on follow the twin's new number
    twin_version = max(versions)
    later = [s for s in exported["sessions"] if s["date"] >= day(20)]
    assert later and all(s["plan_version"] == twin_version for s in later)
