"""Small layout pieces shared by the charter's parts: part headings with bookmarks, tables and lists."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer, Table

from workshop_app.export.charter_words import long_date
from workshop_app.export.pdf_styles import esc, markup, para, table_style


TALL_CELL = 1200
"""A cell with more characters than this may not fit on one page, so its table may split inside rows."""


class Bookmark(Flowable):
    """An invisible mark that adds a PDF outline entry pointing at where it lands."""

    def __init__(self, key: str, title: str) -> None:
        super().__init__()
        self.key, self.title = key, title

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take no space."""
        return 0, 0

    def draw(self) -> None:
        """Bookmark this spot and list it in the outline."""
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=0)


def part_heading(number: int, title: str, new_page: bool = True) -> list[Flowable]:
    """The start of a part: a page break (or room for a heading), a bookmark, 'Part n' and the title."""
    if new_page:
        start: list[Flowable] = [PageBreak()]
    else:
        start = [CondPageBreak(55 * mm), Spacer(1, 16)]
    heading = markup(esc(title), "h1")
    label = markup(f"PART {number}", "part_label")
    label.keepWithNext = heading.keepWithNext = True
    return [*start, Bookmark(f"part{number}", f"{number}. {title}"), label, heading]


def subheading(text: str, style: str = "h2") -> Paragraph:
    """A heading kept with what follows it."""
    heading = para(text, style)
    heading.keepWithNext = True
    return heading


def bullets(items: Sequence[str], numbered: bool = False) -> list[Flowable]:
    """A list of plain-text items, numbered or with bullets."""
    out: list[Flowable] = []
    for index, item in enumerate(items, start=1):
        mark = f"{index}." if numbered else "•"
        out.append(markup(esc(item), "bullet", bullet=mark))
    return out


def data_table(header: Sequence[str], rows: Sequence[Sequence[str | Flowable]], widths: Sequence[float],
               bold_first: bool = False) -> Table:
    """A table whose header repeats on every page and whose long cells wrap and may split across pages."""
    head = [para(h, "cell_head") for h in header]
    body = [
        [cell if isinstance(cell, Flowable) else para(cell, "cell_bold" if bold_first and i == 0 else "cell")
         for i, cell in enumerate(row)]
        for row in rows
    ]
    tall = any(len(_plain(cell)) > TALL_CELL for row in body for cell in row)
    return Table([head, *body], colWidths=list(widths), repeatRows=1, splitInRow=1 if tall else 0,
                 style=table_style(), hAlign="LEFT")


def _plain(cell: Flowable) -> str:
    return cell.getPlainText() if isinstance(cell, Paragraph) else ""


def gap(height: float = 6) -> Spacer:
    """Vertical space in points."""
    return Spacer(1, height)


__all__ = ["Bookmark", "bullets", "data_table", "gap", "long_date", "part_heading", "subheading"]
