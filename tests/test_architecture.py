"""The architecture is checked, not remembered: the import contracts in pyproject.toml ([tool.importlinter]) run
here, and a deliberately broken copy of the package shows that they catch a violation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

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


def test_a_family_reaching_into_another_familys_module_is_caught(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "governance" / "weerstand" / "shortcut.py").write_text("from governance.risks import records\n")
    result = lint(root)
    assert result.returncode == 1
    assert "governance.weerstand.shortcut -> governance.risks.records" in result.stdout


def test_governance_importing_streamlit_or_the_cli_is_caught(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "governance" / "register" / "leak.py").write_text("import streamlit\nfrom governance import cli\n")
    result = lint(root)
    assert result.returncode == 1
    assert "governance.register.leak -> streamlit" in result.stdout
    assert "governance.register.leak -> governance.cli" in result.stdout
