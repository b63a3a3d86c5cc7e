"""The charter's closing credit: the report the five principles come from, its authors and year."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from workshop_app.core.about import About, load_about
from workshop_app.export.flowables import gap, subheading
from workshop_app.export.pdf_styles import esc, markup, para


def credit(about: About | None = None) -> list[Flowable]:
    """Return a short section naming the report behind the principles (kept together on one page)."""
    source = (about or load_about()).source
    reference = (f"{esc(' and '.join(source.authors))} ({source.year}). <i>{esc(source.title)}</i>. "
                 f"{esc(source.publisher)}, {esc(source.place)}, {esc(source.month)} {source.year}.")
    return [gap(12), KeepTogether([subheading("Where the principles come from"), markup(reference),
                                   para(source.credit)])]
