"""The physio report as one self-contained HTML page: inline CSS and SVG, nothing fetched.

Jinja2 with autoescape on fills ``templates/report.html.j2`` from the report model and the
charts drawn from it. No script, font, stylesheet or image is loaded from anywhere, so the
page opens offline, prints on one A4 or Letter page, and can be sent as a single file.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from achilles_tui.domain.report_model import PhysioReport
from achilles_tui.reports.charts import Chart, all_charts

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _environment() -> jinja2.Environment:
    """Templates beside this module; every value escaped unless marked safe (the SVG)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def page_cells(report: PhysioReport, charts: list[Chart]) -> list[tuple[Chart | None, str]]:
    """The half-width cells before the plan: sessions, then the tests and the questionnaire,
    or one line saying there are none yet."""
    by_id = {chart.ident: chart for chart in charts}
    cells: list[tuple[Chart | None, str]] = [(by_id["chart-sessions"], "")]
    missing = []
    for ident, text in (
        ("chart-tests", report.tests_caption),
        ("chart-scores", report.scores_caption),
    ):
        if ident in by_id:
            cells.append((by_id[ident], ""))
        else:
            missing.append(text)
    if missing:
        cells.append((None, " ".join(missing)))
    return cells


def render_html(report: PhysioReport) -> str:
    """The page; the same model gives the same bytes."""
    charts = [
        Chart(c.ident, c.title, c.caption, Markup(c.svg))  # drawn escaped in svg.py
        for c in all_charts(report)
    ]
    full = [c for c in charts if c.ident in ("chart-pain", "chart-dose")]
    template = _environment().get_template("report.html.j2")
    return template.render(r=report, full=full, cells=page_cells(report, charts))
