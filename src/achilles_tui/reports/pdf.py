"""The physio report as a one-page PDF, typeset by typst (the optional ``pdf`` extra).

The typst package is a compiled wheel with built-in fonts and no system libraries. The page
is ``templates/report.typ`` filled from the same report model and the same SVG charts as the
HTML page; no file, font or package is fetched, and the PDF carries no date of its own, so the
same history gives the same bytes.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

from achilles_tui.domain.report_model import PhysioReport
from achilles_tui.reports.charts import Chart, all_charts
from achilles_tui.reports.html import page_cells

TEMPLATE = Path(__file__).resolve().parent / "templates" / "report.typ"


def typst_missing() -> bool:
    """True when the optional typst package is not installed (looked up, not imported)."""
    return importlib.util.find_spec("typst") is None


def _chart(chart: Chart) -> dict[str, Any]:
    """A chart as the template reads it (its SVG travels as an input of its own)."""
    width = int(chart.svg.split('width="', 1)[1].split('"', 1)[0])
    return {"ident": chart.ident, "title": chart.title, "caption": chart.caption, "width": width}


def typst_inputs(report: PhysioReport) -> dict[str, str]:
    """The template's inputs: the model as JSON, and each chart's SVG."""
    charts = all_charts(report)
    plan = report.plan
    model = {
        "title": report.title,
        "header": [list(pair) for pair in report.header_lines],
        "events": bool(report.events),
        "look": list(report.look_at_this),
        "full": [_chart(c) for c in charts if c.ident in ("chart-pain", "chart-dose")],
        "cells": [
            {"chart": None if c is None else _chart(c), "note": note}
            for c, note in page_cells(report, charts)
        ],
        "stage_level": report.stage_level_text,
        "plan": None
        if plan is None
        else {
            "header": list(plan.header),
            "rows": [list(row) for row in plan.rows],
            "notes": [note.line for note in plan.notes],
            "up": list(plan.move_up),
        },
        "disclaimer": report.disclaimer,
    }
    inputs = {"model": json.dumps(model, ensure_ascii=False, sort_keys=True)}
    inputs.update({c.ident: c.svg for c in charts})
    return inputs


def render_pdf(report: PhysioReport) -> bytes:
    """The PDF's bytes."""
    import typst

    pdf = typst.compile(
        TEMPLATE.read_bytes(),
        format="pdf",
        sys_inputs=typst_inputs(report),
        ignore_system_fonts=True,
    )
    if not isinstance(pdf, bytes):  # pragma: no cover - one page, one PDF
        raise TypeError("typst gave no PDF")
    return pdf
