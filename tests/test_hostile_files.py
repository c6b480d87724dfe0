"""Small files that expand to something huge are refused with a Dutch message and leave the database unchanged.

The files come from tests/hostile_files.py (built in code, once per run). Each goes through the real import into a
real DuckDB copy of the demo, or through the risk settings' YAML reader. Times and memory are not asserted here:
`python -m governance bench hostile` prints them.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from governance import io, risks
from governance.core.db import Database
from governance.core.errors import ValidationError
from governance.io import limits, parse
from tests import actors, hostile_files
from tests.test_spreadsheet import snapshot

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return {item.name: path for item, path in hostile_files.write_all(folder)}


IMPORTS = [h for h in hostile_files.FILES if h.reader == "import"]
YAMLS = [h for h in hostile_files.FILES if h.reader == "yaml"]


@pytest.mark.parametrize("item", IMPORTS, ids=[h.name for h in IMPORTS])
def test_hostile_upload_is_refused_and_nothing_changes(
    item: hostile_files.Hostile, hostile: dict[str, Path], demo_db: Database
) -> None:
    data = hostile[item.name].read_bytes()
    assert len(data) <= limits.MAX_BYTES  # each is small enough to be uploaded at all
    before = snapshot(demo_db)
    preview = io.preview(demo_db, data, item.name)
    assert not preview.ok and item.refusal in str(preview.problems[0]), preview.problems
    with pytest.raises(parse.FileRejected) as refused:
        io.import_file(demo_db, data, item.name, actors.CONTROLLER)
    assert item.refusal in str(refused.value)
    assert f"'{item.name}'" in str(refused.value)
    assert snapshot(demo_db) == before


@pytest.mark.parametrize("item", YAMLS, ids=[h.name for h in YAMLS])
def test_hostile_yaml_is_refused(item: hostile_files.Hostile, hostile: dict[str, Path], demo_db: Database) -> None:
    before = snapshot(demo_db)
    with pytest.raises(ValidationError) as refused:
        risks.from_yaml(hostile[item.name].read_bytes())
    assert item.refusal in str(refused.value)
    assert refused.value.errors[0].label == "YAML-bestand"
    assert snapshot(demo_db) == before


def test_the_wide_row_is_the_one_from_the_issue(hostile: dict[str, Path]) -> None:
    """588 KB holding one row of 4.9 million cells, as found by trying it."""
    import zipfile

    path = hostile["rij-van-4,9-miljoen-cellen.xlsx"]
    assert 560_000 < path.stat().st_size < 620_000
    with zipfile.ZipFile(path) as z:
        assert z.read("xl/worksheets/sheet1.xml").count(b"<c") == 4_900_000


def test_yaml_bomb_is_about_400_bytes_and_a_plain_matrix_still_reads(hostile: dict[str, Path]) -> None:
    assert 300 < hostile["yaml-billion-laughs.yaml"].stat().st_size < 500
    matrix = risks.default_matrix()
    assert risks.from_yaml(risks.to_yaml(matrix).encode()) == matrix


def test_running_out_of_memory_is_a_dutch_refusal(tmp_path: Path) -> None:
    """With the process's memory capped, a file within every limit still cannot crash the import: MemoryError
    becomes a Dutch message (the cap stands in for a busy server)."""
    rows = "\n".join(";".join(f"{r}.{c}" for c in range(60)) for r in range(16_000))  # 960.000 cells
    path = tmp_path / "groot.csv"
    path.write_text("Code;" + ";".join(f"k{c}" for c in range(59)) + "\n" + rows, encoding="utf-8")
    assert path.stat().st_size < limits.MAX_BYTES
    script = textwrap.dedent(
        f"""
        import resource, sys
        from governance.io import parse
        data = open({str(path)!r}, "rb").read()
        used = int(open("/proc/self/statm").read().split()[0]) * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (used + 40 * 1024 * 1024, resource.RLIM_INFINITY))
        try:
            parse.read(data, "groot.csv")
            print("gelezen")
        except parse.FileRejected as exc:
            print(exc)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "is te groot of te ingewikkeld om in te lezen" in out.stdout


def test_the_import_page_refuses_and_releases_a_hostile_upload(app_db: Path, hostile: dict[str, Path]) -> None:
    from governance.core.db import open_database
    from tests.apptest import run

    name = "zip-bom.zip"
    db = open_database(app_db)
    before = snapshot(db)
    at = run("pages/beheer.py", user="controller")
    at.file_uploader[0].set_value((name, hostile[name].read_bytes(), "application/zip")).run()
    assert not at.exception
    assert at.error[0].value.startswith("Er wordt niets geïmporteerd: het bestand heeft 1 fout.")
    problems = next(d.value for d in at.dataframe if "Fout" in d.value.columns)
    assert "is uitgepakt groter dan 64 MB" in problems["Fout"][0]
    assert at.file_uploader[0].value is None  # the upload is released, the uploader empty again
    assert not [b for b in at.button if b.key == "beheer-import"]
    assert snapshot(db) == before
