"""The three formats can never disagree: for any history, every figure of the report model is
printed, word for word, by the Markdown, the HTML page and the PDF."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from achilles_tui.domain.capacity import Questionnaire
from achilles_tui.domain.models import DayKind, DiaryEntry, HeelRaiseTest
from achilles_tui.domain.report_model import PhysioReport
from achilles_tui.reports.html import render_html
from achilles_tui.reports.markdown import render_markdown
from tests.reports.helpers import report_model
from tests.reports.history import ladder_plan, session

TODAY = dt.date(2026, 3, 15)
DAYS = 70

day_strategy = st.tuples(
    st.one_of(st.none(), st.integers(0, 10)),  # morning pain
    st.sampled_from([True, True, True, False, None]),  # settled
    st.sampled_from([DayKind.NORMAL] * 6 + [DayKind.REST, DayKind.FLARE_UP]),
    st.one_of(st.none(), st.tuples(st.integers(0, 10), st.booleans())),  # session: pain, short
    st.sampled_from([(), (), (), (), ("night-pain",)]),
)


@st.composite
def histories(draw: st.DrawFn) -> PhysioReport:
    """A random history of up to ten weeks, reported over 1-12 weeks."""
    days = draw(st.lists(day_strategy, min_size=DAYS, max_size=DAYS))
    first = TODAY - dt.timedelta(days=DAYS - 1)
    level = draw(st.sampled_from(["L1", "L2", "L3", "L5", "L7"]))
    start = first + dt.timedelta(days=draw(st.integers(0, 50)))
    plans = [ladder_plan(level, 1, start, "assessment")]
    if draw(st.booleans()):
        later = start + dt.timedelta(days=draw(st.integers(1, 15)))
        if later <= TODAY:
            plans.append(ladder_plan("L4" if level != "L4" else "L5", 2, later, "review"))
    diary, sessions = [], []
    for offset, (morning, settled, kind, logged, flags) in enumerate(days):
        day = first + dt.timedelta(days=offset)
        diary.append(DiaryEntry(day, morning, 10, settled, kind, red_flags=flags))
        if logged is not None:
            plan = plans[-1] if day >= plans[-1].start_date else plans[0]
            pain, short = logged
            sessions.append(session(day, plan, pain, holds=1 if short else None))
    scores = draw(st.lists(st.integers(0, 10), max_size=3))
    records = [
        Questionnaire(
            first + dt.timedelta(days=20 * i + 5), (s,) * 7 + (min(30, 3 * s),)
        ).to_record()
        for i, s in enumerate(scores)
    ]
    tests = [
        HeelRaiseTest(first + dt.timedelta(days=15 * i + 3), sore, other)
        for i, (sore, other) in enumerate(
            draw(
                st.lists(
                    st.tuples(st.integers(0, 40), st.one_of(st.none(), st.integers(0, 40))),
                    max_size=3,
                )
            )
        )
    ]
    return report_model(
        TODAY,
        draw(st.integers(1, 12)),
        plans,
        diary,
        sessions,
        [],
        records,
        heel_raise_tests=tests,
    )


def squeezed(text: str) -> str:
    """Text without any white space: line breaks fall in different places in each format."""
    return re.sub(r"\s+", "", text)


def html_text(page: str) -> str:
    """What the page says (its tags dropped, entities read)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def pdf_text(report: PhysioReport) -> str | None:
    """The PDF's text, or None without the pdf extra or pdftotext."""
    try:
        from achilles_tui.reports.pdf import render_pdf, typst_missing
    except ImportError:  # pragma: no cover
        return None
    if typst_missing() or shutil.which("pdftotext") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.pdf"
        path.write_bytes(render_pdf(report))
        out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_markdown_html_and_pdf_print_the_same_figures(report: PhysioReport) -> None:
    outputs = {
        "markdown": render_markdown(report),
        "html": html_text(render_html(report)),
    }
    text = pdf_text(report)
    if text is not None:
        outputs["pdf"] = text
    for name, output in outputs.items():
        flat = squeezed(output)
        missing = [f for f in report.figures() if squeezed(f) not in flat]
        assert not missing, (name, missing)


def test_the_pdf_is_compared_here() -> None:
    """Say so when the PDF part of the comparison cannot run on this machine."""
    if pdf_text(report_model(TODAY, 1, [], [], [], [], [])) is None:
        pytest.skip("the pdf extra or pdftotext is missing: the PDF was not compared")
