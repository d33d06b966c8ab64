"""Issue 14 item 9: installing prints no setuptools warnings and ships every file.

The build runs on a copy of the project in a temp folder, so the working tree (and
anyone editing it) is never touched.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "achilles_tui"
ASSETS = ROOT / "assets"
SKIPPED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")

# setuptools < 68 (the venv's) calls [tool.setuptools] "beta"; that one is not ours to fix.
KNOWN_HARMLESS = ("_BetaConfiguration",)
# "warning: ..." from distutils, "...Warning: ..." from the warnings module.
WARNING = re.compile(r"warning:", re.IGNORECASE)


def shipped_folders() -> dict[str, Path]:
    """Each folder holding files that must be installed, by its dotted package name."""
    folders = {"achilles_tui": PACKAGE, "achilles_tui.assets": ASSETS}
    for root, prefix in ((PACKAGE, "achilles_tui"), (ASSETS, "achilles_tui.assets")):
        for folder in root.rglob("*"):
            if folder.is_dir() and folder.name != "__pycache__" and any(folder.iterdir()):
                name = ".".join((prefix, *folder.relative_to(root).parts))
                folders[name] = folder
    return folders


def test_every_folder_that_ships_is_listed_as_a_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    missing = sorted(set(shipped_folders()) - listed)
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {missing}"


def test_building_the_package_warns_about_nothing_and_ships_every_file(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "src", project / "src", ignore=SKIPPED)
    shutil.copytree(ASSETS, project / "assets", ignore=SKIPPED)
    built = tmp_path / "built"

    build = ["build_py", "--build-lib", str(built)]
    result = subprocess.run(
        [sys.executable, "-c", "import setuptools; setuptools.setup()", *build],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    warnings = [
        line
        for line in output.splitlines()
        if WARNING.search(line)
        and "byte-compiling is disabled" not in line
        and not any(harmless in line for harmless in KNOWN_HARMLESS)
    ]
    assert warnings == [], output
    assert "Package would be ignored" not in output
    for folder in (PACKAGE, ASSETS):
        target = built / "achilles_tui" / ("assets" if folder == ASSETS else "")
        for source in folder.rglob("*"):
            if source.is_file() and "__pycache__" not in source.parts:
                shipped = target / source.relative_to(folder)
                assert shipped.is_file(), f"{source.relative_to(ROOT)} is not installed"
