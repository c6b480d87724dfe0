"""The architecture is checked, not remembered: the import contracts in pyproject.toml ([tool.importlinter]) run
here, and a deliberately broken copy of the package shows that they catch a violation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")


def lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LINT), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_every_import_contract_is_kept() -> None:
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout and " kept" in result.stdout


def _copy(tmp_path: Path) -> Path:
    for name in ("governance", "ui"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.duckdb"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.parametrize(
    ("module", "code", "reported"),
    [
        (  # a family reaching into another family's module instead of its façade
            "governance/weerstand/shortcut.py",
            "from governance.risks import records\n",
            ["governance.weerstand.shortcut -> governance.risks.records"],
        ),
        (  # domain code importing streamlit or the command line
            "governance/register/leak.py",
            "import streamlit\nfrom governance import cli\n",
            ["governance.register.leak -> streamlit", "governance.register.leak -> governance.cli"],
        ),
    ],
)
def test_a_broken_contract_is_caught(tmp_path: Path, module: str, code: str, reported: list[str]) -> None:
    root = _copy(tmp_path)
    (root / module).write_text(code)
    result = lint(root)
    assert result.returncode == 1
    for arrow in reported:
        assert arrow in result.stdout
