"""Help > Where this comes from: the report behind the five principles, and the big picture they belong to."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from workshop_app.core.about import About, load_about


def about_html(about: About) -> str:
    """Return the page as simple HTML: the big shift, questions about context, the limits, then the credit."""
    overview, source = about.overview, about.source
    bullets = "".join(f"<li>{escape(item)}</li>" for item in overview.shifts)
    questions = "".join(f"<li>{escape(item)}</li>" for item in overview.context)
    return (
        f"<h2>{escape(overview.heading)}</h2><p>{escape(overview.shift)}</p><ul>{bullets}</ul>"
        f"<h3>{escape(overview.context_heading)}</h3><ul>{questions}</ul>"
        f"<h3>On their own, the principles are not enough</h3><p>{escape(overview.not_enough)}</p>"
        f"<h3>Where this comes from</h3><p><i>{escape(source.title)}</i>, by {escape(' and '.join(source.authors))}, "
        f"published by {escape(source.publisher)} in {escape(source.month)} {source.year}.</p>"
        f"<p>{escape(source.credit)}</p>"
    )


class AboutDialog(QDialog):
    """Shows where the app's content comes from; read-only."""

    def __init__(self, about: About, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Where this comes from")
        self.resize(640, 560)
        self.page = QTextBrowser()
        self.page.setOpenExternalLinks(False)
        self.page.setHtml(about_html(about))
        self.page.setAccessibleName("Where the five principles come from")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(buttons)

    @classmethod
    def show_for(cls, parent: QWidget | None) -> None:
        """Open the page and wait until it is closed."""
        cls(load_about(), parent).exec()
