"""`--demo` opens a throw-away copy of the sample history and never the real one."""

from __future__ import annotations

from pathlib import Path

import pytest

from achilles_tui import cli
from achilles_tui.storage.repository import ReadOnlyRepository


def test_demo_runs_on_a_temporary_filled_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "real"
    monkeypatch.setenv("ACHILLES_TUI_DATA_DIR", str(real))
    seen: list[Path] = []

    def fake_tui(data_dir: str | Path | None, *, demo: bool = False) -> int:
        assert demo, "the app is told it shows the demo, so it can say so"
        folder = Path(str(data_dir))
        repo = ReadOnlyRepository(folder)
        assert len(repo.diary_entries()) >= 80
        assert len(repo.plans()) >= 3
        assert repo.sessions()
        seen.append(folder)
        return 0

    monkeypatch.setattr(cli, "run_tui", fake_tui)
    assert cli.main(["--demo"]) == 0
    assert seen and not seen[0].exists(), "the demo copy is removed on exit"
    assert not real.exists(), "the real data folder is never created or touched"


def test_demo_cannot_be_combined_with_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--demo", "where"]) == 2
    assert "--demo" in capsys.readouterr().err
