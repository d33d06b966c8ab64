"""The physio report's formats: adapters that print one report model (``domain.report_model``).

Markdown needs nothing beyond the standard library; HTML imports Jinja2 and PDF imports typst,
each only when that format is asked for, so neither start-up nor ``status`` pays for them.
"""

from __future__ import annotations

PDF_EXTRA_HINT = (
    "The PDF report needs the optional typst package: pip install 'achilles-tui[pdf]' "
    "(or use --format html and print it from a browser)."
)
