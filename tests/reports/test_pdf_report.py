"""The PDF report (the optional `pdf` extra): one page, real text, the same bytes each time;
without typst, one line says how to add it (exit 2)."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import pytest

from achilles_tui.commands import review
from tests.reports.history import fixed_report
from tests.reports.snapshot import assert_snapshot

typst = pytest.importorskip("typst", reason="the pdf extra (typst) is not installed")

from achilles_tui.reports.pdf import render_pdf  # noqa: E402


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The PDF's text as poppler's pdftotext reads it, in the order it is drawn."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def pages(pdf: bytes) -> int:
    """Page objects in the PDF."""
    import re

    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_the_pdf_is_one_page_of_real_text_and_the_same_each_time(tmp_path: Path) -> None:
    pdf = render_pdf(fixed_report(8))
    assert pdf.startswith(b"%PDF")
    assert pdf == render_pdf(fixed_report(8))
    text = pdf_text(pdf, tmp_path)
    assert "level L4" in text and "15 Mar 2026" in text
    assert_snapshot("report-8-weeks.pdf.txt", text)


@pytest.mark.parametrize("weeks", [1, 12, 26, 104])
def test_every_period_fits_one_page(weeks: int, tmp_path: Path) -> None:
    pdf = render_pdf(fixed_report(weeks))
    if shutil.which("pdfinfo"):
        path = tmp_path / "r.pdf"
        path.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        assert "Pages:           1" in info
    else:
        assert pages(pdf) == 1


def test_without_typst_one_line_says_how_to_add_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr("achilles_tui.reports.pdf.typst_missing", lambda: True)
    args = argparse.Namespace(
        format="pdf", output=str(tmp_path / "r.pdf"), weeks=8, data_dir=str(tmp_path / "d")
    )
    assert review.run_report(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "achilles-tui[pdf]" in err
    assert not (tmp_path / "r.pdf").exists()
