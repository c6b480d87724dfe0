"""The document model every report is built as: plain data (headings, text, fact lists, tables, images), no
Word or HTML in it. A report builder takes data and returns a `Document`; the renderers (`docx`, `pdf`) turn any
`Document` into a file, so the DOCX and the PDF of one report always hold the same words and figures.

Text in a document is the user's text as stored: renderers escape it, never read it as Markdown or HTML."""

from __future__ import annotations

from dataclasses import dataclass, field

# How a missing item is printed: visibly, never as a zero or a guess (issue 15).
MISSING = "nog niet bekend"
NOT_APPLICABLE = "niet van toepassing"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1..3 (Word: Kop 1..3; HTML: h2..h4 under the document's h1 title)


@dataclass(frozen=True)
class Text:
    text: str
    missing: bool = False  # printed as visibly missing (italic, marked)
    small: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    missing: bool = False


@dataclass(frozen=True)
class Facts:
    """A two-column list of label and value (one verbonden partij's items)."""

    rows: tuple[Fact, ...]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()  # per column: right-aligned figures
    widths: tuple[float, ...] = ()  # per column: relative widths (empty: equal)
    total: bool = False  # the last row is a total (bold)

    def is_numeric(self, column: int) -> bool:
        return column < len(self.numeric) and self.numeric[column]


@dataclass(frozen=True)
class Image:
    png: bytes  # rendered at 2x for print
    width_cm: float
    caption: str = ""


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Text | Bullets | Facts | Table | Image | PageBreak


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    blocks: tuple[Block, ...]
    warning: str | None = None  # the fictitious-data warning (demo): shown at the top and on every page
    footer: str = ""
    compact: bool = False  # one-page layout (kernbeeld): smaller type, tighter margins
    meta: dict[str, str] = field(default_factory=dict)

    def text(self) -> str:
        """Every word of the document as plain text, in order (the preview and tests read this)."""
        out = [self.title, self.subtitle]
        if self.warning:
            out.append(self.warning)
        for block in self.blocks:
            out += block_lines(block)
        return "\n".join(out)


def block_lines(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["", block.text]
    if isinstance(block, Text):
        return [block.text]
    if isinstance(block, Bullets):
        return [f"- {item}" for item in block.items]
    if isinstance(block, Facts):
        return [f"{f.label}: {f.value}" for f in block.rows]
    if isinstance(block, Table):
        return [" | ".join(block.columns)] + [" | ".join(row) for row in block.rows]
    if isinstance(block, Image):
        return [f"[grafiek: {block.caption}]"] if block.caption else []
    return []
