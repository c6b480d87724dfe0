"""`python -m governance report`: exit codes 0 (written), 1 (invalid input), 2 (usage), 3 (database unusable)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest

from governance import cli


@pytest.fixture
def demo_path(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_file, path)
    return path


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:  # argparse: usage errors
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_report_paragraaf_writes_a_docx_and_prints_the_time(demo_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "paragraaf.docx"
    code, printed, _ = run(
        capsys,
        "report",
        "paragraaf",
        "--year",
        "2026",
        "--kind",
        "begroting",
        "--out",
        str(out),
        "--db",
        str(demo_path),
    )
    assert code == 0
    assert "gemaakt in" in printed and " s " in printed and "fictieve demogemeente" in printed
    document = docx.Document(io.BytesIO(out.read_bytes()))
    assert document.paragraphs[0].text == "Paragraaf verbonden partijen"


def test_report_for_one_party(demo_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "vr.docx"
    args = ["report", "paragraaf", "--year", "2025", "--kind", "jaarstukken", "--party", "VR-voorbeeldland"]
    code, _, _ = run(capsys, *args, "--format", "docx", "--out", str(out), "--db", str(demo_path))
    assert code == 0
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(out.read_bytes())).paragraphs)
    assert "Veiligheidsregio Voorbeeldland" in text and "GGD Voorbeeldland" not in text


def test_invalid_input_is_exit_1(demo_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "x.docx"
    base = ["report", "paragraaf", "--kind", "begroting", "--out", str(out), "--db", str(demo_path)]
    code, _, err = run(capsys, *base, "--year", "2026", "--party", "bestaat-niet")
    assert code == 1 and "geen verbonden partij" in err
    code, _, err = run(capsys, *base, "--year", "3000")
    assert code == 1 and "jaartal" in err
    code, _, err = run(
        capsys, *base[:-4], "--out", str(tmp_path / "geen-map" / "x.docx"), "--db", str(demo_path), "--year", "2026"
    )
    assert code == 1 and "kan" in err and "niet schrijven" in err
    assert not out.exists()


def test_usage_errors_are_exit_2(demo_path: Path, tmp_path: Path, capsys) -> None:
    base = ["report", "paragraaf", "--year", "2026", "--db", str(demo_path)]
    assert run(capsys, *base, "--kind", "jaarrekening", "--out", str(tmp_path / "x.pdf"))[0] == 2
    assert run(capsys, *base, "--kind", "begroting", "--out", str(tmp_path / "x.txt"))[0] == 2
    assert run(capsys, "report", "begroting", "--year", "2026", "--kind", "begroting", "--out", "x.pdf")[0] == 2


def test_an_unusable_database_is_exit_3(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "kapot.duckdb"
    bad.write_bytes(b"dit is geen database" * 100)
    args = ["report", "paragraaf", "--year", "2026", "--kind", "begroting", "--out", str(tmp_path / "x.pdf")]
    code, _, err = run(capsys, *args, "--db", str(bad))
    assert code == 3 and err.startswith("Fout:")
