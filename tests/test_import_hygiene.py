"""Layering and start-up hygiene, checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "achilles_tui"


def _modules_after(code: str) -> set[str]:
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_domain_imports_neither_textual_nor_tinydb() -> None:
    modules = [p.stem for p in (SRC / "domain").glob("*.py") if p.stem != "__init__"]
    code = "\n".join(f"import achilles_tui.domain.{name}" for name in modules)
    loaded = _modules_after(code)
    assert not any(m == "textual" or m.startswith("textual.") for m in loaded)
    assert not any(m == "tinydb" or m.startswith("tinydb.") for m in loaded)


def test_domain_source_has_no_forbidden_imports() -> None:
    for path in (SRC / "domain").glob("*.py"):
        text = path.read_text()
        for forbidden in ("import textual", "from textual", "import tinydb", "from tinydb"):
            assert forbidden not in text, f"{path.name} has {forbidden!r}"


def test_cli_start_does_not_import_the_ui() -> None:
    loaded = _modules_after("from achilles_tui.cli import build_parser; build_parser()")
    assert not any(m.startswith("textual") for m in loaded)
    assert "achilles_tui.ui.app" not in loaded


def test_opening_today_does_not_import_other_sections(tmp_path: Path) -> None:
    code = f"""
import asyncio
from achilles_tui.ui.app import create_app
async def main():
    app = create_app({str(tmp_path / "d")!r})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
asyncio.run(main())
"""
    loaded = _modules_after(code)
    assert "achilles_tui.ui.screens.today" in loaded
    for other in ("session", "diary", "history", "progress", "assessment"):
        assert f"achilles_tui.ui.screens.{other}" not in loaded
    assert "textual.widgets._data_table" not in loaded
    # Nor the session's machinery: the timer, the cue plan, the speakers (issue 12).
    for heavy in ("domain.timer", "domain.cues", "care.sessions", "audio.player"):
        assert f"achilles_tui.{heavy}" not in loaded, heavy
    assert "miniaudio" not in loaded


REPORT_RENDERERS = ("jinja2", "typst", "markupsafe", "achilles_tui.reports")


def _renderers_in(loaded: set[str]) -> list[str]:
    """The report renderers (and their libraries) among the loaded modules."""
    return sorted(
        m for m in loaded if any(m == r or m.startswith(r + ".") for r in REPORT_RENDERERS)
    )


def test_start_and_status_import_no_report_renderer(tmp_path: Path) -> None:
    """Jinja2 and typst are imported by `report --format html/pdf` only (issue 25)."""
    assert (
        _renderers_in(_modules_after("from achilles_tui.cli import build_parser; build_parser()"))
        == []
    )
    status = f"""
import contextlib, io
from achilles_tui.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["--data-dir", {str(tmp_path / "d")!r}, "status"])
"""
    assert _renderers_in(_modules_after(status)) == []


def test_the_markdown_report_needs_no_template_engine(tmp_path: Path) -> None:
    code = f"""
import contextlib, io
from achilles_tui.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["--data-dir", {str(tmp_path / "d")!r}, "report"])
"""
    loaded = _modules_after(code)
    assert "achilles_tui.reports.markdown" in loaded
    assert [m for m in _renderers_in(loaded) if not m.startswith("achilles_tui.reports")] == []
    assert "achilles_tui.reports.html" not in loaded


def test_opening_the_app_imports_no_report_renderer(tmp_path: Path) -> None:
    code = f"""
import asyncio
from achilles_tui.ui.app import create_app
async def main():
    app = create_app({str(tmp_path / "d")!r})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
asyncio.run(main())
"""
    loaded = _modules_after(code)
    assert _renderers_in(loaded) == []
    assert "achilles_tui.ui.screens.physio_report" not in loaded
    assert "achilles_tui.domain.report_model" not in loaded
