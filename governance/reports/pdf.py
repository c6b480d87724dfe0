"""A `Document` as PDF for the raad: HTML with print CSS, rendered by WeasyPrint with Debian's DejaVu fonts
(pango). A4 with margins, page numbers, the fictitious-data warning on every page, table headers repeated on a
new page and rows never split. Every piece of text is HTML-escaped: the user's text is printed, never read."""

from __future__ import annotations

import base64
import html

from governance.reports.model import MISSING, Bullets, Document, Facts, Heading, Image, PageBreak, Table, Text

CSS = """
@page { size: A4; margin: %(margin)s;
  @top-center { content: %(warning)s; color: #9c1c1c; font: bold 7.5pt 'DejaVu Sans'; }
  @bottom-left { content: %(footer)s; color: #555; font: 7.5pt 'DejaVu Sans'; }
  @bottom-right { content: 'Pagina ' counter(page) ' van ' counter(pages); color: #555; font: 7.5pt 'DejaVu Sans'; }
}
html { font-family: 'DejaVu Sans', sans-serif; font-size: %(size)s; line-height: 1.35; color: #1a1a1a; }
h1 { font-size: 1.9em; margin: 0 0 .15em 0; color: #123c69; }
.subtitle { font-size: 1.1em; font-weight: bold; margin: 0 0 .6em 0; }
.warning { border: 1.5pt solid #9c1c1c; color: #9c1c1c; padding: .4em .6em; font-weight: bold; margin: 0 0 .8em 0; }
h2 { font-size: 1.35em; color: #123c69; margin: 1.1em 0 .35em 0; break-after: avoid; }
h3 { font-size: 1.12em; margin: 1em 0 .3em 0; break-after: avoid; border-bottom: .5pt solid #999; }
h4 { font-size: 1em; margin: .8em 0 .2em 0; break-after: avoid; }
p { margin: 0 0 .45em 0; }
p.small { font-weight: bold; margin-top: .5em; break-after: avoid; }
.missing { font-style: italic; color: #803a00; }
table { width: 100%%; font-size: .92em; border-collapse: collapse; table-layout: fixed; margin: 0 0 .7em 0; }
th, td { border: .5pt solid #888; padding: .18em .35em; vertical-align: top; overflow-wrap: break-word; hyphens: auto; }
th { background: #e8eef5; text-align: left; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; }
tr.total td { font-weight: bold; }
table.facts { break-inside: avoid; }
table.facts td:first-child { font-weight: bold; width: 40%%; }
ul { margin: 0 0 .5em 1.2em; padding: 0; }
img { display: block; margin: .2em 0 .4em 0; }
.caption { font-style: italic; font-size: .9em; }
.break { break-after: page; }
"""


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def _css_string(text: str) -> str:
    """A CSS string literal for the page margin boxes."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def to_html(document: Document) -> str:
    out = [
        "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>",
        f"<title>{_e(document.title)}</title><style>",
        CSS
        % {
            "margin": "14mm 15mm 16mm 15mm" if document.compact else "22mm 22mm 22mm 22mm",
            "warning": _css_string(document.warning or ""),
            "footer": _css_string(document.footer),
            "size": "8pt" if document.compact else "9.5pt",
        },
        "</style></head><body>",
        f"<h1>{_e(document.title)}</h1><p class='subtitle'>{_e(document.subtitle)}</p>",
    ]
    if document.warning:
        out.append(f"<p class='warning'>{_e(document.warning)}</p>")
    for block in document.blocks:
        out.append(_block(block))
    out.append("</body></html>")
    return "".join(out)


def _block(block: object) -> str:
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 3) + 1
        return f"<h{level}>{_e(block.text)}</h{level}>"
    if isinstance(block, Text):
        classes = " ".join(c for c, on in (("missing", block.missing), ("small", block.small)) if on)
        return f"<p class='{classes}'>{_e(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{_e(i)}</li>" for i in block.items) + "</ul>"
    if isinstance(block, Facts):
        rows = "".join(
            f"<tr><td>{_e(f.label)}</td><td class='{'missing' if f.missing else ''}'>{_e(f.value)}</td></tr>"
            for f in block.rows
        )
        return f"<table class='facts'><tbody>{rows}</tbody></table>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Image):
        data = base64.b64encode(block.png).decode("ascii")
        caption = f"<p class='caption'>{_e(block.caption)}</p>" if block.caption else ""
        style = f"width:{block.width_cm}cm"
        return f"<img src='data:image/png;base64,{data}' style='{style}' alt='{_e(block.caption)}'>{caption}"
    if isinstance(block, PageBreak):
        return "<div class='break'></div>"
    return ""


def _keep(value: str) -> str:
    """An amount never splits between '€' and its figure."""
    return value.replace("€ ", "€\u00a0")


def _table(block: Table) -> str:
    n = len(block.columns)
    parts = block.widths if len(block.widths) == n else (1.0,) * n
    total = sum(parts)
    cols = "".join(f"<col style='width:{100 * w / total:.1f}%'>" for w in parts)

    def cls(i: int, value: str = "") -> str:
        names = ["num"] if block.is_numeric(i) else []
        if value == MISSING:
            names.append("missing")
        return f" class='{' '.join(names)}'" if names else ""

    head = "".join(f"<th{cls(i)}>{_e(c)}</th>" for i, c in enumerate(block.columns))
    body = []
    for k, row in enumerate(block.rows):
        total_row = " class='total'" if block.total and k == len(block.rows) - 1 else ""
        cells = "".join(f"<td{cls(i, v)}>{_e(_keep(v) if block.is_numeric(i) else v)}</td>" for i, v in enumerate(row))
        body.append(f"<tr{total_row}>{cells}</tr>")
    return f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def render(document: Document) -> bytes:
    """The PDF file as bytes."""
    from weasyprint import HTML

    return HTML(string=to_html(document)).write_pdf()
