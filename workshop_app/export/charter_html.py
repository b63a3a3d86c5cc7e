"""The charter as one accessible HTML page to publish: semantic headings, table headers, the chart with its text.

One self-contained file (styles inline, the radar as an SVG image with alt text and its numbers in a table),
lang="en-GB", colours with at least AA contrast. Table captions name each table for screen readers; on screen
the heading above says the same, so the caption is visually hidden.
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from reportlab.graphics import renderSVG

from workshop_app import files
from workshop_app.core.charter_document import CharterDocument
from workshop_app.export import charter_words as words
from workshop_app.export.charter_outline import Block, Chart, CommitmentBlock, Grid, Heading, Items, Para, outline
from workshop_app.export.radar import radar_drawing

CHART_WIDTH = 460
STYLE = """
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #1f2a33; background: #ffffff;
       line-height: 1.55; font-size: 1.0625rem; max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
h1, h2, h3 { font-family: "DejaVu Serif", Georgia, serif; color: #0f3f55; line-height: 1.25; }
h1 { font-size: 2rem; } h2 { font-size: 1.5rem; margin-top: 2.5rem; border-top: 2px solid #1b5e7a;
     padding-top: 1rem; } h3 { font-size: 1.2rem; margin-top: 1.5rem; }
.lead { font-size: 1.15rem; } .record { color: #4a555d; } .notice { background: #f5f7f8; padding: 0.75rem; }
.draft { border: 3px solid #9a3412; color: #7c2d12; background: #fff7f3; padding: 0.75rem; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 0.75rem 0 1.25rem; }
caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.5rem; border-bottom: 1px solid #c9d5db; }
thead th { background: #eaf2f5; color: #0f3f55; border-bottom: 2px solid #1b5e7a; }
.commitment { margin: 1rem 0; padding-left: 0.75rem; border-left: 4px solid #1b5e7a; }
.commitment p { font-weight: bold; margin: 0; } .code { color: #1b5e7a; margin-right: 0.5rem; }
.commitment ul { margin: 0.25rem 0; padding-left: 1.1rem; color: #4a555d; }
figure { margin: 1rem 0; } figure img { max-width: 100%; height: auto; }
footer { margin-top: 3rem; border-top: 1px solid #c9d5db; color: #4a555d; font-size: 0.95rem; }
a { color: #1b5e7a; }
"""


def charter_html(charter: CharterDocument) -> str:
    """The whole page as a string."""
    body = "\n".join(_block(block, charter) for block in outline(charter))
    banner = (f'<p class="draft">DRAFT: this charter is not yet agreed. {escape(words.DRAFT_NOTE)}</p>\n'
              if words.is_draft(charter) else "")
    return (f'<!DOCTYPE html>\n<html lang="{words.LANGUAGE}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(words.document_title(charter))}</title>\n"
            f'<meta name="description" content="{escape(words.subject(charter))}">\n'
            f"<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{banner}{body}\n</main>\n"
            f"<footer><p>Version {charter.version} · {escape(words.status_words(charter))}. "
            f"{escape(words.verification_line(charter))}</p></footer>\n</body>\n</html>\n")


def _block(block: Block, charter: CharterDocument) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Para):
        strong = f"<strong>{escape(block.strong)}</strong>" if block.strong else ""
        kind = f' class="{block.kind}"' if block.kind else ""
        return f"<p{kind}>{strong}{escape(block.text)}</p>"
    if isinstance(block, Items):
        tag = "ol" if block.numbered else "ul"
        return f"<{tag}>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + f"</{tag}>"
    if isinstance(block, Grid):
        return _table(block)
    if isinstance(block, CommitmentBlock):
        lines = "".join(f"<li>{escape(line)}</li>" for line in block.lines)
        return (f'<div class="commitment"><p><span class="code">{escape(block.code)}</span>{escape(block.text)}</p>'
                f"<ul>{lines}</ul></div>")
    return _chart(block, charter)


def _table(grid: Grid) -> str:
    head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in grid.header)
    rows = []
    for row in grid.rows:
        first = f'<th scope="row">{escape(row[0])}</th>' if grid.row_headers else f"<td>{escape(row[0])}</td>"
        rows.append("<tr>" + first + "".join(f"<td>{escape(cell)}</td>" for cell in row[1:]) + "</tr>")
    return (f"<table><caption>{escape(grid.caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _chart(chart: Chart, charter: CharterDocument) -> str:
    """The radar as an SVG image inside the page, described by its alt text."""
    svg = renderSVG.drawToString(radar_drawing(charter.radar_axes, charter.radar, CHART_WIDTH))
    data = base64.b64encode(svg.encode("utf-8") if isinstance(svg, str) else svg).decode("ascii")
    return (f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{escape(chart.alt)}" '
            f'width="{CHART_WIDTH}"><figcaption>Where are we now? Each party’s average rating on each principle, '
            "from 1 to 5.</figcaption></figure>")


def render_charter_html(charter: CharterDocument, out: Path) -> Path:
    """Write the charter as HTML to `out` (whole or not at all) and return the path."""
    page = charter_html(charter)

    def write(temp: Path) -> None:
        temp.write_text(page, encoding="utf-8")

    return files.write_file(Path(out).expanduser().resolve(), write)
