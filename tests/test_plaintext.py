"""Text is text (issue 11, point 7): user text reaches the pages as the characters typed, never as Markdown, HTML,
a Streamlit directive or LaTeX. The escaping itself, then every page under AppTest with hostile party names, risk
titles, a werkatelier title, casus, perspectives, stakeholders and proposals stored through the real write path.

A page passes when no Markdown-rendering field (markdown, captions, headings, alerts, labels, help, radio and
segmented-control options, st.table cells) holds a hostile string as typed, no figure holds raw HTML from it, and
the page shows the text where it should (escaped in Markdown fields, as it is in plain ones)."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pandas as pd
import pytest

from governance.core import charts
from governance.core.db import open_database
from governance.workshop.access import normalise_code
from tests import hostile_text
from tests.apptest import run
from ui.text import WORD_JOINER, cells, plain

PORT = 8999  # nothing listens here under AppTest; the browser test uses a real listener


# -- the escaping ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("Risico's", "Risico's"),  # Dutch apostrophes, dots, parentheses and ampersands stay as they are
        ("Werk & Inkomen (W&I) B.V.", "Werk & Inkomen (W&I) B.V."),
        ("**vet**", r"\*\*vet\*\*"),
        ("![x](http://h/p.png)", "!\\[x\\](http" + WORD_JOINER + "://h/p.png)"),
        ("<img src=x>", r"\<img src=x\>"),
        (":red[x]", r"\:red\[x\]"),
        (":material/home:", "&#58;material/home:"),
        ("vol: de 10:30", "vol: de 10:30"),
        (":smile: op:dit", r"\:smile\: op\:dit"),
        ("$x$", r"\$x\$"),
        ("&amp; &#42;", r"\&amp; \&#42;"),
        ("1. een\n# twee\n- drie", "1\\. een  \n\\# twee  \n\\- drie"),
        ("A -> B", "A -" + WORD_JOINER + "\\> B"),
        ("zie www.x.nl of a@b.nl", f"zie www{WORD_JOINER}.x.nl of a{WORD_JOINER}@b.nl"),
        ("    code", "\u00a0" * 4 + "code"),
        (None, ""),
    ],
)
def test_plain_escapes_what_streamlit_would_render(typed: str | None, escaped: str) -> None:
    assert plain(typed) == escaped


def test_cells_escapes_text_cells_and_headers_and_leaves_numbers() -> None:
    frame = pd.DataFrame({"Naam *": ["**vet**", None], "Aantal": [1, 2]})
    shown = cells(frame)
    assert list(shown.columns) == [r"Naam \*", "Aantal"]
    assert shown.iloc[0, 0] == r"\*\*vet\*\*" and pd.isna(shown.iloc[1, 0])
    assert shown["Aantal"].tolist() == [1, 2]
    assert frame.iloc[0, 0] == "**vet**"  # the frame itself is unchanged


def test_chart_text_keeps_tags_and_references_as_characters() -> None:
    assert charts.plain("<b>x</b> & &amp; <a href='h'>") == "&lt;b&gt;x&lt;/b&gt; &amp; &amp;amp; &lt;a href='h'&gt;"
    assert charts.plain("Risico's") == "Risico's"


# -- every page -----------------------------------------------------------------------------------------------
@pytest.fixture
def stored(app_db: Path) -> hostile_text.Stored:
    return hostile_text.store(open_database(app_db), PORT)


def _code(app_db: Path, party_id: int) -> str:
    return str(open_database(app_db).scalar("SELECT code FROM party WHERE id = ?", [party_id]))


def assert_plain(at, expected: list[str]) -> None:
    assert hostile_text.raw_markdown(at, PORT) == []
    assert hostile_text.raw_chart_html(at) == []
    missing = [t for t in expected if not hostile_text.shows(at, t)]
    assert missing == []


PAGES = {  # page -> which stored texts it shows
    "pages/overzicht.py": [],
    "pages/register.py": ["long"],
    "pages/risicos.py": ["image", "bold", "long"],
    "pages/risicoprofiel.py": ["long"],
    "pages/rollen.py": ["image", "link", "html"],
    "pages/financien.py": [],
    "pages/weerstandsvermogen.py": ["image", "colour", "long"],
    "pages/beheer.py": [],
    "pages/risico_instellingen.py": [],
    "pages/register_instellingen.py": [],
    "pages/begrippen.py": [],
    "pages/rapportages.py": [],  # the hostile parties are no verbonden partij: tests/test_reports_page.py
    "pages/pc_kalender.py": [],
    "pages/organisatie.py": [],
    "pages/werkatelier.py": ["image", "link", "bold"],
    "pages/ontwikkelagenda.py": [],
}


@pytest.mark.parametrize("page", list(PAGES))
def test_pages_show_hostile_text_as_text(stored: hostile_text.Stored, page: str) -> None:
    at = run(page)
    assert_plain(at, [stored.texts[k] for k in PAGES[page]])


@pytest.mark.parametrize("kind", ["image", "link", "html", "colour"])
def test_party_detail_shows_its_hostile_name_as_text(stored: hostile_text.Stored, app_db: Path, kind: str) -> None:
    at = run("pages/register.py", query={"partij": _code(app_db, stored.parties[kind])})
    assert at.title[0].value == plain(stored.texts[kind])
    assert_plain(at, [stored.texts[kind]])


def test_an_opened_risk_shows_its_hostile_title_as_text(stored: hostile_text.Stored) -> None:
    at = run("pages/risicos.py", query={"risico": str(stored.risks["link"])})
    assert_plain(at, [stored.texts["link"]])


def test_the_participant_view_shows_hostile_text_as_text(stored: hostile_text.Stored) -> None:
    at = run(query={"sessie": stored.code}, user=None)  # joining: casus and perspectives
    assert at.title[0].value == plain(" ".join(list(stored.texts.values())[:3]))
    assert_plain(at, [stored.texts["latex"], stored.texts["image"]])
    at = run(query={"sessie": stored.code, "deelnemer": stored.token}, user=None)
    assert_plain(at, [])
    at.segmented_control[0].set_value("Voorstellen").run()  # the proposals and their dots
    assert_plain(at, [stored.texts[k] for k in ("image", "link", "html", "bold", "long")])
    at.segmented_control[0].set_value("Krachtenveld").run()
    assert_plain(at, [stored.texts["colour"]])


@pytest.mark.parametrize("screen", ["deelnemen", "scores", "perspectieven", "voorstellen", "krachtenveld"])
def test_the_projector_shows_hostile_text_as_text(stored: hostile_text.Stored, app_db: Path, screen: str) -> None:
    from governance.workshop import session as sessions
    from tests import actors

    db = open_database(app_db)
    sessions.set_screen(db, stored.code, screen, actors.FACILITATOR)
    sessions.set_revealed(db, stored.code, True, actors.FACILITATOR)
    at = run(query={"sessie": stored.code, "weergave": "projector", "sleutel": stored.key}, user=None)
    assert at.markdown[0].value == "# " + plain(" ".join(list(stored.texts.values())[:3]))
    assert_plain(at, [])


@pytest.mark.parametrize("kind", ["image", "link", "html", "bold"])
def test_a_crafted_session_code_shows_as_text_in_the_error(stored: hostile_text.Stored, kind: str) -> None:
    """?sessie= with Markdown: the error names the code as typed (upper case), no link or image in the box."""
    crafted = hostile_text.texts(PORT)[kind]
    for query in ({"sessie": crafted}, {"sessie": crafted, "weergave": "projector", "sleutel": "x"}):
        at = run(query=query, user=None)
        assert at.error, urllib.parse.urlencode(query)
        assert hostile_text.raw_markdown(at, PORT) == []
        assert all(normalise_code(crafted) not in e.value for e in at.error)
        assert any(plain(normalise_code(crafted)) in e.value for e in at.error)


@pytest.fixture
def configured(stored: hostile_text.Stored, app_db: Path) -> dict[str, str]:
    """A beheerder's settings with hostile texts: a rubric criterion (label and help), a regime (name and
    reporting), a likelihood level and a risk level of the matrix, all saved through governance."""
    import copy

    from governance import risks
    from tests import actors

    db, found = open_database(app_db), stored.texts
    rubric = copy.deepcopy(risks.get_rubric(db))
    rubric["criteria"][0].update(label=found["image"], help=found["link"])
    rubric["regimes"]["hoog"].update(label=found["bold"], reporting=found["colour"])
    risks.save_rubric(db, rubric, actors.BEHEERDER, risks.rubric_row(db))
    raw = risks.to_dict(risks.get_matrix(db))
    raw["likelihood"][0]["label"] = found["html"]
    raw["levels"]["hoog"]["label"] = found["latex"]
    draft = risks.from_dict(raw)
    risks.save_matrix(db, draft, "gelijk", actors.BEHEERDER, risks.setting_row(db))
    return found


@pytest.mark.parametrize(
    ("page", "kinds"),
    [
        ("pages/risicoprofiel.py", ["image", "bold", "colour"]),
        ("pages/risico_instellingen.py", []),
        ("pages/risicos.py", []),
    ],
)
def test_configured_labels_show_as_text(configured: dict[str, str], page: str, kinds: list[str]) -> None:
    at = run(page)
    assert_plain(at, [configured[k] for k in kinds])


def test_configured_level_names_show_as_text_to_a_participant(
    configured: dict[str, str], stored: hostile_text.Stored
) -> None:
    at = run(query={"sessie": stored.code, "deelnemer": stored.token}, user=None)
    assert_plain(at, [])
    assert any(plain(configured["html"]) in o for r in at.radio for o in r.proto.options)
