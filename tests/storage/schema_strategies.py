"""Hypothesis strategies built from the schema's own specs (storage/schema.py).

``valid(spec)`` draws values a field accepts; ``hostile(spec)`` draws what it must refuse or
survive: other types, the edges of its range and one past them, non-finite numbers, lone
surrogates, unknown choices, impossible dates, times with a zone, deep nesting. ``paths``
lists every field of a record spec, so a test can pick one and replace its value.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from achilles_tui.storage import schema
from achilles_tui.storage.schema import (
    Bool,
    Choice,
    Date,
    DateTime,
    FreeJSON,
    Int,
    ListOf,
    MapOf,
    Nullable,
    Number,
    Pair,
    Record,
    Spec,
    Tagged,
    Text,
)

TEXT = st.characters(exclude_categories=("Cs",))
# The wrong kinds of JSON value, whatever the field.
OTHER_TYPES = st.sampled_from(
    [None, True, False, 0, -1, 1.5, "", "x", [], {}, [1], {"a": 1}, "2026-01-01"]
)
NON_FINITE = st.sampled_from([float("nan"), float("inf"), float("-inf"), 1e308 * 10])
HUGE = st.sampled_from([2**63, 2**64, -(2**64), 10**30])
SURROGATE = st.sampled_from(["\ud800", "a\udfffb", "\udc00" * 3])
DEEP = st.integers(min_value=5, max_value=400).map(lambda n: _nest(n))
BAD_DATES = st.sampled_from(
    ["2026-02-30", "2026-13-01", "2026-00-10", "0001-01-01", "3000-01-01", "20261129",
     "2026-W49-1", "2026-1-1", "yesterday", "２０２６-01-01", "2026-01-01T00:00:00"]
)  # fmt: skip
BAD_TIMES = st.sampled_from(
    ["2026-03-01T07:30:00Z", "2026-03-01T07:30:00+02:00", "2026-03-01 07:30:00", "yesterday",
     "2026-02-30T07:30:00", "2026-03-01T25:00:00", "2026-03-01", "0001-01-01T00:00:00"]
)  # fmt: skip


def _nest(depth: int) -> Any:
    value: Any = 1
    for n in range(depth):
        value = [value] if n % 2 else {"k": value}
    return value


def valid(spec: Spec) -> st.SearchStrategy[Any]:
    """Values ``spec`` accepts (small ones: these are records, not stress tests)."""
    if isinstance(spec, Int):
        edges = st.sampled_from([spec.low, spec.high])
        return st.one_of(edges, st.integers(spec.low, spec.high))
    if isinstance(spec, Number):
        return st.floats(spec.low, spec.high, allow_nan=False, allow_infinity=False)
    if isinstance(spec, Bool):
        return st.booleans()
    if isinstance(spec, Text):
        if spec.pattern is not None:
            return st.from_regex(f"[A-Za-z0-9]{{{max(spec.min_chars, 1)},12}}", fullmatch=True)
        return st.text(TEXT, min_size=spec.min_chars, max_size=min(spec.max_chars, 20))
    if isinstance(spec, Choice):
        return st.sampled_from(spec.values)
    if isinstance(spec, Date):
        return st.dates(dt.date(1900, 1, 1), dt.date(2999, 12, 31)).map(dt.date.isoformat)
    if isinstance(spec, DateTime):
        return st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2999, 12, 31)).map(
            lambda t: t.replace(microsecond=0).isoformat()
        )
    if isinstance(spec, Nullable):
        return st.none() | valid(spec.inner)
    if isinstance(spec, ListOf):
        most = max(spec.min_items, min(spec.max_items, 3))
        return st.lists(valid(spec.item), min_size=spec.min_items, max_size=most)
    if isinstance(spec, Pair):
        return st.tuples(valid(spec.first), valid(spec.second)).map(list)
    if isinstance(spec, MapOf):
        return st.dictionaries(valid(spec.key), valid(spec.value), max_size=3)
    if isinstance(spec, FreeJSON):
        scalars = st.none() | st.booleans() | st.integers(-1000, 1000) | st.text(TEXT, max_size=8)
        if spec.depth <= 0:
            return scalars
        return st.recursive(
            scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                st.text("abc", max_size=3), inner, max_size=3), max_leaves=6
        )  # fmt: skip
    if isinstance(spec, Record):
        required = {n: valid(f.spec) for n, f in spec.fields.items() if f.required}
        optional = {n: valid(f.spec) for n, f in spec.fields.items() if not f.required}
        return st.fixed_dictionaries(required, optional=optional)
    if isinstance(spec, Tagged):
        return st.one_of([valid(variant) for variant in spec.variants.values()])
    return OTHER_TYPES


def hostile(spec: Spec) -> st.SearchStrategy[Any]:
    """Values that ``spec`` must refuse by name, or (an edge) accept and keep readable."""
    common = st.one_of(OTHER_TYPES, DEEP, SURROGATE)
    if isinstance(spec, Int):
        around = [spec.low - 1, spec.high + 1, spec.low, spec.high]
        return st.one_of(
            st.sampled_from(around), HUGE, NON_FINITE, st.just(float(spec.low)), common
        )
    if isinstance(spec, Number):
        return st.one_of(
            st.sampled_from([spec.low - 0.5, spec.high + 0.5, str(spec.high), "nan", "1e999"]),
            NON_FINITE,
            HUGE,
            common,
        )
    if isinstance(spec, Text):
        too_long = "x" * (spec.max_chars + 1)
        return st.one_of(
            SURROGATE, st.just(too_long), st.text(TEXT, max_size=40), st.just("\x00\x1b[2J"), common
        )
    if isinstance(spec, Choice):
        return st.one_of(
            st.sampled_from(
                [v.upper() for v in spec.values] + ["gentle", "", " " + spec.values[0]]
            ),
            common,
        )
    if isinstance(spec, Date):
        return st.one_of(BAD_DATES, common)
    if isinstance(spec, DateTime):
        return st.one_of(BAD_TIMES, common)
    if isinstance(spec, Nullable):
        return hostile(spec.inner)
    if isinstance(spec, ListOf):
        return st.one_of(
            st.lists(hostile(spec.item), min_size=1, max_size=2),
            st.just("x"),
            st.just({"0": 1}),
            common,
        )
    return st.one_of(common, NON_FINITE, HUGE)


def paths(
    spec: Spec, prefix: tuple[str | int, ...] = ()
) -> list[tuple[tuple[str | int, ...], Spec]]:
    """Every field of a record spec (nested records and their first list item included)."""
    found: list[tuple[tuple[str | int, ...], Spec]] = []
    if isinstance(spec, Tagged):
        for variant in spec.variants.values():
            found += paths(variant, prefix)
        return found
    if not isinstance(spec, Record):
        return found
    for name, item in spec.fields.items():
        inner = item.spec.inner if isinstance(item.spec, Nullable) else item.spec
        found.append(((*prefix, name), item.spec))
        if isinstance(inner, Record | Tagged):
            found += paths(inner, (*prefix, name))
        elif isinstance(inner, ListOf) and isinstance(inner.item, Record | Tagged):
            found += paths(inner.item, (*prefix, name, 0))
    return found


TABLE_SPECS: dict[str, Spec] = {
    "assessments": schema.EXPORTED_ASSESSMENT,
    "plans": schema.PLAN,
    "sessions": schema.SESSION,
    "diary": schema.DIARY,
    "reviews": schema.REVIEW,
    "heel_raise_tests": schema.HEEL_RAISE_TEST,
}
