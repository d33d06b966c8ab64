"""The heel-raise options of the CLI (§E6.5) fed garbage: exit 2 with the reason, file untouched.

`plan set --exercise heel-raise` (--surface, --legs, --sets, --reps, --tempo, --rest,
--load-kg, --per-week), `log-session --sets-done` and `log-test`. As in test_cli_bad_input,
each example runs in-process on its own copy of a small history; a refused value leaves the
history byte for byte, an accepted one is stored exactly.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from achilles_tui.domain.models import HeelRaise
from achilles_tui.storage.repository import ReadOnlyRepository

from ._cli import file_bytes, fresh_copy, invoke, seeded_bytes
from .test_cli_bad_input import (
    SETTINGS,
    Reader,
    _with,
    accepted_whole_number,
    assert_refused,
    malformed_dates,
    number_texts,
    opt,
)

PAST_DAY = "2024-03-01"
RAISES = ["plan", "set", "--exercise", "heel-raise", "--surface", "floor", "--legs", "2",
          "--sets", "3", "--reps", "10", "--rest", "60"]  # fmt: skip
SESSION = ["log-session", "--date", PAST_DAY, "--pain-during", "2", "--effort", "challenging"]
LOG_TEST = ["log-test", "--date", PAST_DAY, "--heel-raise-reps-affected", "15"]
PLANNED_SETS = 3


def isotonic_bytes(tmp: Path) -> bytes:
    """A history whose plan is heel raises (3 x 10, both legs), begun long ago."""
    plan = [HeelRaise(legs=2, sets=PLANNED_SETS, reps=10, rest_seconds=60)]
    return seeded_bytes(tmp, plan, name="isotonic-seed")


def current_raise(repo: ReadOnlyRepository) -> HeelRaise:
    plan = repo.current_plan()
    assert plan is not None
    exercise = plan.exercises[0]
    assert isinstance(exercise, HeelRaise)
    return exercise


INT_OPTIONS: list[tuple[list[str], str, int, int, Reader]] = [
    (RAISES, "--legs", 1, 2, lambda r: current_raise(r).legs),
    (RAISES, "--sets", 1, 10, lambda r: current_raise(r).sets),
    (RAISES, "--reps", 1, 50, lambda r: current_raise(r).reps),
    # a rest of 0 s is saved only with --force (DOSE-REST-SCALES, §F5 decision 10)
    ([*RAISES, "--force"], "--rest", 0, 600, lambda r: current_raise(r).rest_seconds),
    (RAISES, "--per-week", 1, 14, lambda r: current_raise(r).sessions_per_week),
    # §F5 decision 11: more sets than the plan has is refused.
    (SESSION, "--sets-done", 0, PLANNED_SETS, lambda r: len(r.sessions()[-1].reps)),
    (SESSION, "--pain-during", 0, 10, lambda r: r.sessions()[-1].pain_during),
    (LOG_TEST, "--heel-raise-reps-affected", 0, 200,
     lambda r: r.heel_raise_tests()[-1].reps_affected),
    (LOG_TEST, "--heel-raise-reps-other", 0, 200, lambda r: r.heel_raise_tests()[-1].reps_other),
    (LOG_TEST, "--test-pain", 0, 10, lambda r: r.heel_raise_tests()[-1].test_pain),
]  # fmt: skip


@pytest.mark.parametrize(
    ("command", "option", "low", "high", "read"),
    INT_OPTIONS,
    ids=[f"{c[0]} {o}" for c, o, *_ in INT_OPTIONS],
)
@SETTINGS
@given(text=number_texts)
@example(text="-1")
@example(text="0")
@example(text="11")
@example(text="51")
def test_whole_number_options(
    tmp_path: Path,
    command: list[str],
    option: str,
    low: int,
    high: int,
    read: Reader,
    text: str,
) -> None:
    before = isotonic_bytes(tmp_path)
    accepted = accepted_whole_number(tmp_path, before, command, option, low, high, text)
    if accepted is None:
        return
    folder, value = accepted
    stored = read(ReadOnlyRepository(folder))
    assert stored == value  # --sets-done on two legs: one record a set


tempo_texts = st.one_of(
    st.sampled_from(["3-0-3", "3/0", "3/0/3/1", "", "/", "3//3", "a/b/c", "0/0/3", "3/0/0",
                     "11/0/3", "3/11/3", "-1/0/3", "3.5/0/3", "3 /0/3", "３/0/3", "3/0/3/",
                     "1/0/1", "10/10/10", "3/0/3", "²/0/3", "3/0/٣"]),
    st.tuples(*[st.integers(min_value=-3, max_value=13)] * 3).map(
        lambda t: "/".join(map(str, t))
    ),
    st.text(max_size=8),
)  # fmt: skip


def _tempo_of(text: str) -> tuple[int, int, int] | None:
    """The tempo a text stands for when it is valid (1-10 up and down, 0-10 at the top)."""
    parts = text.strip().split("/")
    # ASCII digits only, as every number option (issue 26: "３" and "٣" are refused)
    if len(parts) != 3 or not all(re.fullmatch(r"[0-9]{1,4}", p.strip()) for p in parts):
        return None
    up, top, down = (int(p) for p in parts)
    if 1 <= up <= 10 and 0 <= top <= 10 and 1 <= down <= 10:
        return up, top, down
    return None


@SETTINGS
@given(text=tempo_texts)
def test_tempo_must_be_up_top_down_seconds(tmp_path: Path, text: str) -> None:
    before = isotonic_bytes(tmp_path)
    folder = fresh_copy(tmp_path, before)
    code, _out, err = invoke("--data-dir", str(folder), *RAISES, opt("--tempo", text))
    wanted = _tempo_of(text)
    if wanted is None:
        assert code == 2, err
        assert "Traceback" not in err and "--tempo" in err and "tempo" in err
        assert len([line for line in err.splitlines() if "error:" in line]) == 1
        assert file_bytes(folder) == before
        return
    assert code == 0, err
    tempo = current_raise(ReadOnlyRepository(folder)).tempo
    assert (tempo.up, tempo.top, tempo.down) == wanted


CHOICE_OPTIONS: list[tuple[list[str], str, tuple[str, ...]]] = [
    (RAISES, "--surface", ("floor", "step")),
    (RAISES, "--exercise", ("hold", "heel-raise", "up-two-down-one")),
]


@pytest.mark.parametrize(
    ("command", "option", "choices"), CHOICE_OPTIONS, ids=[o for _c, o, _ in CHOICE_OPTIONS]
)
@settings(SETTINGS, max_examples=15)
@given(text=st.text(max_size=12) | st.sampled_from(["wall", "Floor", "stairs", "heel_raise"]))
def test_unknown_choices_are_refused(
    tmp_path: Path, command: list[str], option: str, choices: tuple[str, ...], text: str
) -> None:
    if text in choices:
        return
    before = isotonic_bytes(tmp_path)
    folder = fresh_copy(tmp_path, before)
    code, _out, err = invoke("--data-dir", str(folder), *_with(command, option, text))
    assert_refused(folder, before, code, err, option)


# Options of the other kind of exercise, missing options, and counts of the wrong kind: one
# clear line naming the option, nothing written.
MISMATCHES: list[tuple[str, list[str], str]] = [
    ("heel raise with --hold", [*RAISES, "--hold", "30"],
     "--hold must not be given for heel raises"),
    ("heel raise with --position", [*RAISES, "--position", "neutral"],
     "--position must not be given for heel raises"),
    ("heel raise without --surface", _with(RAISES, "--surface", "floor")[:-1],
     "--surface must be given for heel raises"),
    ("heel raise without --sets", [a for i, a in enumerate(RAISES)
                                   if a != "--sets" and RAISES[i - 1] != "--sets"],
     "--sets must be given for heel raises"),
    ("hold with --sets", ["plan", "set", "--position", "neutral", "--legs", "2", "--reps", "5",
                          "--hold", "30", "--rest", "60", "--sets", "3"],
     "--sets must not be given for a hold"),
    ("hold with --tempo", ["plan", "set", "--position", "neutral", "--legs", "2", "--reps", "5",
                           "--hold", "30", "--rest", "60", "--tempo", "3/0/3"],
     "--tempo must not be given for a hold"),
    ("hold without --hold", ["plan", "set", "--position", "neutral", "--legs", "2", "--reps",
                             "5", "--rest", "60"], "--hold must be given for a hold"),
    ("hold with 21 reps", ["plan", "set", "--position", "neutral", "--legs", "2", "--reps",
                           "21", "--hold", "30", "--rest", "60"],
     "--reps must be from 1 to 20 for a hold, got 21"),
    ("reps-done on heel raises", [*SESSION, "--reps-done", "3"],
     "is heel raises, counted in sets: give --sets-done N"),
]  # fmt: skip


@pytest.mark.parametrize(("label", "argv", "message"), MISMATCHES, ids=[m[0] for m in MISMATCHES])
def test_options_of_the_wrong_kind_are_refused(
    tmp_path: Path, label: str, argv: list[str], message: str
) -> None:
    before = isotonic_bytes(tmp_path)
    folder = fresh_copy(tmp_path, before)
    code, out, err = invoke("--data-dir", str(folder), *argv)
    assert code == 2, label
    assert message in err and "Traceback" not in err
    assert [line for line in err.splitlines() if "error:" in line] == [
        line for line in err.splitlines() if message in line
    ]
    assert "Saved" not in out and "logged" not in out
    assert file_bytes(folder) == before


def test_sets_done_on_a_hold_plan_is_refused(tmp_path: Path) -> None:
    before = seeded_bytes(tmp_path)
    folder = fresh_copy(tmp_path, before)
    code, _out, err = invoke("--data-dir", str(folder), *SESSION, "--sets-done", "2")
    assert code == 2 and "is holds, counted in holds: give --reps-done N" in err
    assert file_bytes(folder) == before


@pytest.mark.parametrize("command", [SESSION, LOG_TEST], ids=["log-session", "log-test"])
@settings(SETTINGS, max_examples=15)
@given(
    bad=st.one_of(
        malformed_dates,
        st.dates(min_value=dt.date.today() + dt.timedelta(days=1)).map(str),
        st.dates(max_value=dt.date(1899, 12, 31)).map(str),
    )
)
def test_bad_dates_are_refused(tmp_path: Path, command: list[str], bad: str) -> None:
    before = isotonic_bytes(tmp_path)
    folder = fresh_copy(tmp_path, before)
    code, _out, err = invoke("--data-dir", str(folder), *_with(command, "--date", bad))
    assert_refused(folder, before, code, err, "--date")


def test_log_test_needs_the_sore_sides_count(tmp_path: Path) -> None:
    folder = fresh_copy(tmp_path, None)
    code, _out, err = invoke("--data-dir", str(folder), "log-test", "--test-pain", "2")
    assert code == 2 and "--heel-raise-reps-affected" in err and "required" in err
    assert file_bytes(folder) is None
