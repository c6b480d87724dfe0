"""The Rapportages page under AppTest: choose, preview as text, make the files with progress, download. On the
demo and on a freshly onboarded gemeente."""

from __future__ import annotations

from pathlib import Path

from governance import register
from governance.core.db import open_database
from tests import actors
from tests.apptest import run

PAGE = "pages/rapportages.py"


def downloads(at) -> dict[str, object]:
    return {e.proto.label: e for e in at.main.get("download_button")}


def texts(at) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(t.value for t in at.subheader)


def test_the_demo_paragraaf_is_previewed_and_made_as_word_and_pdf(app_db: Path) -> None:
    at = run(PAGE)
    assert at.title[0].value == "Rapportages"
    assert at.selectbox(key="rap-report").value == "paragraaf"
    assert "fictieve demogemeente" in at.warning[0].value
    shown = texts(at)
    assert "Paragraaf verbonden partijen" in shown and "Gemeenschappelijke regelingen" in shown
    tables = [e for e in at.dataframe]
    names = {n for t in tables for n in t.value.get("Verbonden partij", [])}
    assert "Veiligheidsregio Voorbeeldland" in names
    assert downloads(at) == {}
    at.button(key="rap-make").click().run()
    assert not at.exception
    assert set(downloads(at)) == {"Download Word (.docx)", "Download PDF (.pdf)"}
    assert any(c.value.startswith("Gemaakt in ") for c in at.caption)


def test_one_party_and_the_jaarstukken(app_db: Path) -> None:
    at = run(PAGE)
    at.selectbox(key="rap-kind").set_value("jaarstukken").run()
    at.selectbox(key="rap-year").set_value(2025).run()
    at.selectbox(key="rap-party").set_value("vr-voorbeeldland").run()
    assert not at.exception
    shown = texts(at)
    assert "Verbonden partij Veiligheidsregio Voorbeeldland" in shown
    facts = [t.value for t in at.dataframe if "Onderdeel" in t.value.columns]
    assert facts and "Jaarrekening 2025" in " ".join(facts[0]["Waarde"])


def test_the_lid1_text_is_shown_as_text_not_markdown(app_db: Path) -> None:
    db = open_database(app_db)
    register.save_paragraph_text(
        db, 2026, "begroting", {"vision": "**vet** en [klik](http://x)"}, actors.CONTROLLER, None
    )
    at = run(PAGE)
    at.selectbox(key="rap-year").set_value(2026).run()
    assert any("\\*\\*vet\\*\\* en \\[klik\\]" in m.value for m in at.markdown)


def test_the_onboarded_gemeente_shows_missing_figures_as_nog_niet_bekend(onboarded_app: Path) -> None:
    at = run(PAGE)
    assert not at.warning or "fictieve" not in at.warning[0].value
    tables = [t.value for t in at.dataframe if "Verbonden partij" in t.value.columns]
    assert tables
    values = {v for t in tables for column in t.columns[1:] for v in t[column]}
    assert values == {"nog niet bekend"}
    at.button(key="rap-make").click().run()
    assert not at.exception
    files = downloads(at)
    assert set(files) == {"Download Word (.docx)", "Download PDF (.pdf)"}


def test_the_kernbeeld_is_one_party_and_the_weerstand_paragraaf_shows_its_seed(app_db: Path) -> None:
    at = run(PAGE)
    at.selectbox(key="rap-report").set_value("kernbeeld").run()
    assert not at.exception
    party = at.selectbox(key="rap-party-kernbeeld")
    assert "" not in party.options  # no "alle verbonden partijen": a kernbeeld is one page for one party
    party.set_value("ggd-voorbeeldland").run()
    assert "Kernbeeld GGD Voorbeeldland" in texts(at)
    at.selectbox(key="rap-report").set_value("weerstand").run()
    assert not at.exception
    assert any("--seed" in m.value for m in at.markdown)
