"""Every CLI option that takes a value, fed garbage: exit 2 with the reason, the file untouched.

The CLI runs in-process (``achilles_tui.cli.main``), each example on its own copy of a
small history. A refused value must exit 2 with a message that says why and leave the
history byte for byte (or still absent); an accepted value must be stored exactly.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from achilles_tui.domain.models import MAX_NOTE_CHARS
from achilles_tui.domain.report import MAX_WEEKS as REPORT_MAX_WEEKS
from achilles_tui.storage.repository import ReadOnlyRepository

from ._cli import file_bytes, fresh_copy, invoke, seeded_bytes

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PAST_DAY = "2024-03-01"
PLAN_SET = ["plan", "set", "--position", "neutral", "--legs", "2", "--reps", "5", "--hold", "30",
            "--rest", "60", "--force"]  # fmt: skip
SESSION = ["log-session", "--date", PAST_DAY, "--pain-during", "2", "--effort", "challenging"]
ASSESS = ["assess", "--condition", "midportion", "--save"]
REFUSAL_WORDS = (
    "out of range",
    "not a whole number",
    "not a number",
    "invalid choice",
    "in the future",
    "not a date",
    "too far in the past",
    "at most",
    "must be",
)


def today() -> dt.date:
    return dt.date.today()


def opt(option: str, value: str) -> str:
    """`--option=value`, so a value starting with '-' is not read as another option."""
    return f"{option}={value}"


def _with(command: list[str], option: str, value: str) -> list[str]:
    """The command with `option=value` replacing (or added to) its options."""
    args = list(command)
    if option in args:
        index = args.index(option)
        del args[index : index + 2]
    return [*args, opt(option, value)]


def assert_refused(folder: Path, before: bytes | None, code: int, err: str, option: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    assert "error:" in err and any(words in err for words in REFUSAL_WORDS), err
    assert option in err or option.lstrip("-").replace("-", " ") in err or "note" in err, err
    assert file_bytes(folder) == before


# -- whole-number options -----------------------------------------------------------------------

Reader = Callable[[ReadOnlyRepository], Any]

INT_OPTIONS: list[tuple[list[str], str, int, int, Reader]] = [
    (["log", "--date", PAST_DAY], "--morning-pain", 0, 10,
     lambda r: r.diary_entries()[-1].morning_pain),
    (["log", "--date", PAST_DAY], "--stiffness-minutes", 0, 1440,
     lambda r: r.diary_entries()[-1].stiffness_minutes),
    (SESSION, "--pain-during", 0, 10, lambda r: r.sessions()[-1].pain_during),
    # §F5 decision 11: holds on each side, at most the plan's 5; more is refused.
    (SESSION, "--reps-done", 0, 5, lambda r: len(r.sessions()[-1].reps)),
    (PLAN_SET, "--legs", 1, 2, lambda r: r.current_plan().exercises[0].legs),
    (PLAN_SET, "--reps", 1, 20, lambda r: r.current_plan().exercises[0].reps),
    (PLAN_SET, "--hold", 5, 120, lambda r: r.current_plan().exercises[0].hold_seconds),
    (PLAN_SET, "--rest", 0, 600, lambda r: r.current_plan().exercises[0].rest_seconds),
    (PLAN_SET, "--per-week", 1, 14, lambda r: r.current_plan().exercises[0].sessions_per_week),
    (ASSESS, "--weeks", 0, 5200, lambda r: r.assessments()[-1]["answers"]["weeks"]),
    (ASSESS, "--test-pain", 0, 10, lambda r: r.assessments()[-1]["answers"]["test_hold_pain"]),
    (ASSESS, "--age", 0, 120, lambda r: r.assessments()[-1]["answers"]["age"]),
    (["report"], "--weeks", 1, REPORT_MAX_WEEKS, lambda r: None),
]  # fmt: skip

number_texts = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.integers(min_value=-5, max_value=1500).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(min_value=-10, max_value=2000, places=2).map(str),
    st.sampled_from(["", " ", "seven", "5kg", "1e3", "0x10", "-", "½", "٣", "7.0", "+3", "0_5",
                     "9" * 5000, "\x00", "🦶", "3\n", "NaN", "-0"]),
    st.text(max_size=8),
)  # fmt: skip


def _as_int(text: str) -> int | None:
    """The whole number a person typed: ASCII digits (and a minus) only, as the CLI reads it
    (issue 26: "1_0", "+3", " 7" and "５" are refused, not guessed)."""
    return int(text) if re.fullmatch(r"-?[0-9]{1,12}", text, re.ASCII) else None


def accepted_whole_number(
    tmp_path: Path, before: bytes, command: list[str], option: str, low: int, high: int, text: str
) -> tuple[Path, int] | None:
    """Run ``command`` with ``option=text`` on a copy of ``before``.

    A value outside ``low``..``high`` (or not a whole number) must be refused with the file
    untouched (None); an accepted one gives the data folder and the value.
    """
    folder = fresh_copy(tmp_path, before)
    code, _out, err = invoke("--data-dir", str(folder), *_with(command, option, text))
    value = _as_int(text)
    if value is None or not low <= value <= high:
        assert_refused(folder, before, code, err, option)
        return None
    assert code == 0, err
    return folder, value


@pytest.mark.parametrize(
    ("command", "option", "low", "high", "read"),
    INT_OPTIONS,
    ids=[f"{c[0]}{'-' + c[1] if c[0] == 'plan' else ''} {o}" for c, o, *_ in INT_OPTIONS],
)
@SETTINGS
@given(text=number_texts)
@example(text="-1")
@example(text="11")
def test_whole_number_options(
    tmp_path: Path,
    command: list[str],
    option: str,
    low: int,
    high: int,
    read: Reader,
    text: str,
) -> None:
    before = seeded_bytes(tmp_path)
    accepted = accepted_whole_number(tmp_path, before, command, option, low, high, text)
    if accepted is None:
        return
    folder, value = accepted
    if command[0] == "report":
        assert file_bytes(folder) == before  # reads only
        return
    stored = read(ReadOnlyRepository(folder))
    if option == "--reps-done":
        # the seeded plan: 5 two-leg holds, then 4 one-leg holds on each side
        assert stored == min(value, 5) + 2 * min(value, 4)
    else:
        assert stored == value


@SETTINGS
@given(text=number_texts)
@example(text="-0.5")
@example(text="200.0001")
@example(text="inf")
def test_load_kg(tmp_path: Path, text: str) -> None:
    before = seeded_bytes(tmp_path)
    folder = fresh_copy(tmp_path, before)
    code, _out, err = invoke("--data-dir", str(folder), *_with(PLAN_SET, "--load-kg", text))
    # ASCII digits and one point only (issue 26): "inf", "1e3", "+3" and "٣" are refused
    value = float(text) if re.fullmatch(r"[0-9]+(\.[0-9]+)?", text, re.ASCII) else None
    if value is None or math.isnan(value) or not 0.0 <= value <= 200.0:
        assert_refused(folder, before, code, err, "--load-kg")
        return
    assert code == 0, err
    plan = ReadOnlyRepository(folder).current_plan()
    assert plan is not None and plan.exercises[0].load_kg == value
    assert plan.exercises[0].added_load is (value > 0)


@SETTINGS
@given(text=st.integers(min_value=-(10**9), max_value=10**9).map(str) | st.text(max_size=6))
def test_serve_port_is_refused_before_anything_starts(tmp_path: Path, text: str) -> None:
    value = _as_int(text)
    if value is not None and 1024 <= value <= 65535:
        return  # a valid port would start a server; only refusals are tried here
    folder = fresh_copy(tmp_path, None)
    code, _out, err = invoke("--data-dir", str(folder), "serve", opt("--port", text))
    assert_refused(folder, None, code, err, "--port")


# -- dates --------------------------------------------------------------------------------------

malformed_dates = st.one_of(
    st.sampled_from(["2024-02-30", "2024-13-01", "2024-3-1", "01/03/2024", "yesterday", "",
                     "2024-03-01T08:00", "2024-00-10", "99999-01-01", "2024-03-01x", "-"]),
    st.text(max_size=12).filter(lambda t: not any(c.isdigit() for c in t)),
)  # fmt: skip
future_dates = st.dates(min_value=today() + dt.timedelta(days=1))
ancient_dates = st.dates(max_value=dt.date(1899, 12, 31))
past_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=today())

DATE_OPTIONS: list[tuple[list[str], str]] = [
    (["log", "--morning-pain", "3"], "--date"),
    (SESSION, "--date"),
]


@pytest.mark.parametrize(("command", "option"), DATE_OPTIONS, ids=["log", "log-session"])
@SETTINGS
@given(bad=st.one_of(malformed_dates, future_dates.map(str), ancient_dates.map(str)))
def test_malformed_future_or_ancient_dates_are_refused(
    tmp_path: Path, command: list[str], option: str, bad: str
) -> None:
    for content in (seeded_bytes(tmp_path), None):
        folder = fresh_copy(tmp_path, content)
        code, _out, err = invoke("--data-dir", str(folder), *_with(command, option, bad))
        assert_refused(folder, content, code, err, option)


@pytest.mark.parametrize(("command", "option"), DATE_OPTIONS, ids=["log", "log-session"])
@SETTINGS
@given(day=past_dates)
def test_past_dates_are_stored_on_that_day(
    tmp_path: Path, command: list[str], option: str, day: dt.date
) -> None:
    folder = fresh_copy(tmp_path, seeded_bytes(tmp_path))
    code, _out, err = invoke("--data-dir", str(folder), *_with(command, option, day.isoformat()))
    assert code == 0, err
    repo = ReadOnlyRepository(folder)
    if command[0] == "log":
        assert [e.date for e in repo.diary_entries()] == [day]
    else:
        assert [s.date for s in repo.sessions()] == [day]


@SETTINGS
@given(bad=st.one_of(malformed_dates, future_dates.map(str)))
def test_review_week_ending_refuses_malformed_and_future_dates(tmp_path: Path, bad: str) -> None:
    before = seeded_bytes(tmp_path)
    folder = fresh_copy(tmp_path, before)
    code, _out, err = invoke("--data-dir", str(folder), "review", opt("--week-ending", bad))
    assert_refused(folder, before, code, err, "--week-ending")


@SETTINGS
@given(bad=malformed_dates)
def test_sessions_since_refuses_malformed_dates(tmp_path: Path, bad: str) -> None:
    before = seeded_bytes(tmp_path)
    folder = fresh_copy(tmp_path, before)
    code, _out, err = invoke("--data-dir", str(folder), "sessions", "--json", opt("--since", bad))
    assert_refused(folder, before, code, err, "--since")


def test_sessions_since_a_future_date_lists_nothing_and_changes_nothing(tmp_path: Path) -> None:
    before = seeded_bytes(tmp_path)
    folder = fresh_copy(tmp_path, before)
    assert invoke("--data-dir", str(folder), *SESSION)[0] == 0
    after_session = file_bytes(folder)
    future = (today() + dt.timedelta(days=30)).isoformat()
    code, out, err = invoke("--data-dir", str(folder), "sessions", "--json", f"--since={future}")
    assert (code, out.strip()) == (0, "[]"), err
    assert file_bytes(folder) == after_session


# -- choices ------------------------------------------------------------------------------------

CHOICE_OPTIONS: list[tuple[list[str], str, tuple[str, ...]]] = [
    (["log", "--date", PAST_DAY], "--settled", ("yes", "no")),
    (["log", "--date", PAST_DAY], "--day", ("normal", "rest", "flare-up", "pause")),
    (SESSION, "--effort", ("too-easy", "challenging", "too-hard")),
    (PLAN_SET, "--position", ("neutral", "heel-raised", "heel-drop", "full-tiptoe")),
    (ASSESS, "--condition", ("midportion", "insertional", "bursitis", "rupture-surgery",
                             "rupture-conservative", "calf-strain", "unsure")),
    (ASSESS, "--strength", ("weak", "strong")),
    (ASSESS, "--goal", ("pain-relief", "strength", "range-of-motion")),
    (ASSESS, "--isometrics-feel", ("too-easy", "challenging", "too-painful")),
    (ASSESS, "--position", ("neutral", "heel-raised", "heel-drop", "full-tiptoe")),
    (ASSESS, "--red-flag", ("pop", "calf-swelling", "breathless", "infection", "night-pain",
                            "inflammatory", "fluoroquinolone", "fluoroquinolone-new-pain")),
    (["export"], "--format", ("csv", "json")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("command", "option", "choices"),
    CHOICE_OPTIONS,
    ids=[f"{c[0]} {o}" for c, o, _ in CHOICE_OPTIONS],
)
@settings(SETTINGS, max_examples=15)
@given(text=st.text(max_size=15) | st.sampled_from(["YES", "Neutral", " rest", "full tiptoe"]))
def test_unknown_choices_are_refused(
    tmp_path: Path, command: list[str], option: str, choices: tuple[str, ...], text: str
) -> None:
    if text in choices:
        return
    before = seeded_bytes(tmp_path)
    folder = fresh_copy(tmp_path, before)
    code, _out, err = invoke("--data-dir", str(folder), *_with(command, option, text))
    assert_refused(folder, before, code, err, option)


@SETTINGS
@given(text=st.text(max_size=8))
@example(text="24:00")
@example(text="7:5")
def test_remind_time_must_be_a_24_hour_time(tmp_path: Path, text: str) -> None:
    import re

    folder = fresh_copy(tmp_path, None)
    code, out, err = invoke("--data-dir", str(folder), "remind", opt("--time", text))
    if re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", text):
        assert code == 0 and "Nothing was installed" in out
    else:
        assert code == 2 and "--time must be HH:MM" in err and "Traceback" not in err
    assert file_bytes(folder) is None


# -- notes --------------------------------------------------------------------------------------

note_texts = st.one_of(
    st.text(max_size=200),
    st.text(st.characters(codec=None, categories=["Cc", "Cf", "Zl", "Zp", "Zs"]), max_size=40),
    st.text(st.characters(exclude_categories=[]), max_size=60),  # lone surrogates: bad UTF-8
    st.sampled_from(["🦶 ok", "a\x00b", "line\nbreak\ttab", "\x1b[31mred\x1b[0m", "\u202eevil"]),
    st.integers(min_value=MAX_NOTE_CHARS - 3, max_value=MAX_NOTE_CHARS + 3).map(lambda n: "n" * n),
    st.integers(min_value=MAX_NOTE_CHARS + 1, max_value=20_000).map(lambda n: "é" * n),
)


def _kept(text: str) -> list[str]:
    """The characters a note must keep: every printable, non-space one, in order."""
    return [c for c in text if c.isprintable() and not c.isspace()]


@pytest.mark.parametrize("option", ["--note", "--activity"])
@SETTINGS
@given(text=note_texts)
def test_notes_keep_their_text_lose_control_characters_and_stay_bounded(
    tmp_path: Path, option: str, text: str
) -> None:
    before = seeded_bytes(tmp_path)
    folder = fresh_copy(tmp_path, before)
    code, _out, err = invoke(
        "--data-dir", str(folder), "log", "--date", PAST_DAY, opt(option, text)
    )
    if code == 2:
        # only a note still over the limit once cleaned is refused, as a whole
        assert f"a note can be at most {MAX_NOTE_CHARS} characters" in err, err
        assert len(text) > MAX_NOTE_CHARS
        assert file_bytes(folder) == before
        return
    assert code == 0, err
    (entry,) = ReadOnlyRepository(folder).diary_entries()
    stored = entry.notes if option == "--note" else entry.activity
    assert len(stored) <= MAX_NOTE_CHARS
    assert _kept(stored) == _kept(text)
    assert all(c.isprintable() or c in "\n\t" for c in stored)
    assert stored == stored.strip()


def test_a_note_over_2000_characters_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    folder = fresh_copy(tmp_path, None)
    code, _out, err = invoke("--data-dir", str(folder), "log", "--note", "x" * 2001)
    assert code == 2 and "a note can be at most 2000 characters (2001 given)" in err
    assert file_bytes(folder) is None
    code, _out, err = invoke("--data-dir", str(folder), "log", "--note", "x" * 2000)
    assert code == 0, err
