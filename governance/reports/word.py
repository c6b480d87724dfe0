"""A `Document` as DOCX (python-docx): real Word headings (Kop 1-3 from the built-in styles), real tables with a
repeated header row and right-aligned figures, A4 with 2,5 cm margins, the fictitious-data warning at the top and
in every page header. A controller pastes the paragraaf into the begroting and edits it there."""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from governance.reports.model import Bullets, Document, Facts, Heading, Image, PageBreak, Table, Text

WARNING_COLOUR = RGBColor(0x9C, 0x1C, 0x1C)
MISSING_COLOUR = RGBColor(0x80, 0x3A, 0x00)


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    """Word repeats a row marked tblHeader at the top of every page the table runs onto."""
    props = row._tr.get_or_add_trPr()
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    props.append(mark)


def _no_split(row) -> None:  # type: ignore[no-untyped-def]
    props = row._tr.get_or_add_trPr()
    props.append(OxmlElement("w:cantSplit"))


def _cell(cell, text: str, bold: bool = False, right: bool = False, italic: bool = False, size: float = 0) -> None:  # type: ignore[no-untyped-def]
    par = cell.paragraphs[0]
    par.paragraph_format.space_after = Pt(0)
    if right:
        par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = par.add_run(text)
    run.bold = bold
    run.italic = italic
    if italic:
        run.font.color.rgb = MISSING_COLOUR
    if size:
        run.font.size = Pt(size)


def _widths(table, widths: tuple[float, ...], columns: int, usable_cm: float) -> None:  # type: ignore[no-untyped-def]
    parts = widths if len(widths) == columns else (1.0,) * columns
    total = sum(parts)
    table.autofit = False
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = Cm(usable_cm * parts[i] / total)


def render(document: Document) -> bytes:
    """The DOCX file as bytes."""
    doc = new_docx()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    margin = 1.6 if document.compact else 2.5
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(margin))
    usable = 21.0 - 2 * margin
    base = 8.5 if document.compact else 10
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(base)
    normal.paragraph_format.space_after = Pt(3 if document.compact else 6)
    doc.core_properties.title = document.title
    doc.core_properties.subject = document.subtitle
    doc.core_properties.language = "nl-NL"

    if document.warning:
        header = section.header.paragraphs[0]
        run = header.add_run(document.warning)
        run.bold, run.font.size, run.font.color.rgb = True, Pt(8), WARNING_COLOUR
    if document.footer:
        foot = section.footer.paragraphs[0]
        foot.add_run(document.footer).font.size = Pt(8)

    doc.add_heading(document.title, level=0)
    sub = doc.add_paragraph(document.subtitle)
    sub.runs[0].bold = True
    if document.warning:
        run = doc.add_paragraph().add_run(document.warning)
        run.bold, run.font.color.rgb = True, WARNING_COLOUR

    for block in document.blocks:
        if isinstance(block, Heading):
            doc.add_heading(block.text, level=min(max(block.level, 1), 3))
        elif isinstance(block, Text):
            par = doc.add_paragraph()
            run = par.add_run(block.text)
            if block.missing:
                run.italic, run.font.color.rgb = True, MISSING_COLOUR
            if block.small:
                run.bold = True
        elif isinstance(block, Bullets):
            for item in block.items:
                doc.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Facts):
            table = doc.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for fact in block.rows:
                row = table.add_row()
                _no_split(row)
                _cell(row.cells[0], fact.label, bold=True, size=base - 0.5)
                _cell(row.cells[1], fact.value, italic=fact.missing)
            _widths(table, (2, 3), 2, usable)
            doc.add_paragraph().paragraph_format.space_after = Pt(0)
        elif isinstance(block, Table):
            _table(doc, block, usable, base)
        elif isinstance(block, Image):
            doc.add_picture(io.BytesIO(block.png), width=Cm(min(block.width_cm, usable)))
            if block.caption:
                doc.add_paragraph(block.caption).runs[0].italic = True
        elif isinstance(block, PageBreak):
            doc.add_page_break()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _table(doc, block: Table, usable: float, base: float) -> None:  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=1, cols=len(block.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    head = table.rows[0]
    _repeat_header(head)
    for i, name in enumerate(block.columns):
        _cell(head.cells[i], name, bold=True, right=block.is_numeric(i), size=base - 0.5)
    for n, values in enumerate(block.rows):
        row = table.add_row()
        _no_split(row)
        last = block.total and n == len(block.rows) - 1
        for i, value in enumerate(values):
            _cell(row.cells[i], value, bold=last, right=block.is_numeric(i), italic=value == "nog niet bekend")
    _widths(table, block.widths, len(block.columns), usable)
    doc.add_paragraph().paragraph_format.space_after = Pt(0)
