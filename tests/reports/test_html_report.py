"""The one-page HTML report: byte-identical for a history, self-contained, accessible, printable."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from achilles_tui.reports.html import render_html
from tests.reports.history import fixed_report
from tests.reports.snapshot import assert_snapshot


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(fixed_report(8))


def test_the_page_is_byte_identical_for_the_same_history_and_date(page: str) -> None:
    assert render_html(fixed_report(8)) == page
    assert_snapshot("report-8-weeks.html", page)


@pytest.mark.parametrize("weeks", [1, 8, 12, 26, 104])
def test_the_page_fetches_nothing_and_runs_nothing(weeks: int) -> None:
    text = render_html(fixed_report(weeks)).lower()
    for needle in ("http", "//", "<script", "@import", "<link", "<img", "<iframe", "url(h"):
        assert needle not in text, needle


class _Figures(HTMLParser):
    """Each <figure>: does it hold an <svg> with a <title> and a <desc>, and a <figcaption>?"""

    def __init__(self) -> None:
        super().__init__()
        self.figures: list[set[str]] = []
        self.open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "figure":
            self.figures.append(set())
            self.open = True
        elif self.open:
            self.figures[-1].add(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "figure":
            self.open = False


def test_every_chart_is_a_described_figure_with_a_caption(page: str) -> None:
    parser = _Figures()
    parser.feed(page)
    assert len(parser.figures) >= 3
    for tags in parser.figures:
        assert {"svg", "title", "desc", "figcaption"} <= tags
    assert page.count("<svg") == len(parser.figures)
    assert page.count('role="img"') == len(parser.figures)
    for caption in re.findall(r"<figcaption.*?</figcaption>", page, re.S):
        assert "-&gt;" in caption  # first -> latest


def test_print_rules(page: str) -> None:
    css = page.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "@page" in css and "margin" in css
    assert "break-inside: avoid" in css
    assert "print-color-adjust: exact" in css
    # No text under 8 pt: CSS sizes in pt, chart text in unscaled px (11 px = 8.25 pt).
    assert all(float(size) >= 8 for size in re.findall(r"font-size:\s*([\d.]+)pt", css))
    assert not re.search(r"font-size:\s*[\d.]+(px|em|rem|%)", css)
    chart_sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', page)]
    assert chart_sizes and min(chart_sizes) * 0.75 >= 8
    # Okabe-Ito colours only, plus black, white and greys.
    okabe_ito = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00",
                 "#CC79A7", "#FFFFFF", "#6B6B6B", "#D9D9D9"}  # fmt: skip
    assert set(re.findall(r"#[0-9A-Fa-f]{6}\b", page)) <= okabe_ito


def test_series_differ_by_more_than_colour(page: str) -> None:
    pain = page.split('id="chart-pain"', 1)[1].split("</svg>", 1)[0]
    assert 'stroke-dasharray="4 3"' in pain  # session pain dashed, morning pain solid
    assert "<circle" in pain and "<rect" in pain  # circles and squares
    assert 'stroke-dasharray="6 3"' in pain and "5/10" in pain  # the limit, labelled


def test_the_page_names_the_level_the_date_and_what_to_look_at(page: str) -> None:
    text = re.sub(r"<[^>]+>", " ", page)
    assert "level L4" in text
    assert "15 Mar 2026" in text
    assert "Sessions over 5/10: 17 Feb (7/10)" in text
    assert "Questionnaire down 10 points or more: 28 Feb (56 -&gt; 41)" in text
    assert "general exercise guidance, not a diagnosis" in text


def test_autoescape_keeps_markup_out_of_the_page() -> None:
    import dataclasses

    model = dataclasses.replace(fixed_report(2), condition="<b>x</b> & <script>")
    page = render_html(model)
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;" in page
    assert "<script" not in page
