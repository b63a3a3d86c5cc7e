"""The people's tiles of a walk-up vote or rating, laid out from the room and the space the screen has.

When everybody fits, one page shows every group with its people. When they do not, a finder page shows a button
per group (a large group gets one per first-letter range), and each button opens a page with those people: a
person taps their group, their name, then their choice, three taps at most. When the screen cannot hold a button
for every group's page, the finder offers the first letters of everybody's names instead (still three taps).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPaintEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from workshop_app.core.model import Participant, StakeholderGroup, require_id
from workshop_app.ui.shared_screen.big_tile import MAX_LINES, BigTile, inner_margin, wrap_lines
from workshop_app.ui.shared_screen.parts import group_badge, paint_ground
from workshop_app.ui.shared_screen.theme import TypeSizes
from workshop_app.ui.shared_screen.tile_pages import (
    Grid, Page, Section, flow, flow_rows, plan_letter_pages, plan_pages,
)
from workshop_app.ui.widgets.group_mark import mark_icon
from workshop_app.core.palette import group_letter

MIN_TILE_HEIGHT = 48
FIND_GROUP = "Find your name: tap your group, then your name, then "
"""The start of the view's instruction while the finder shows (the view says what comes last)."""
FIND_LETTERS = "Find your name: tap the first letters of your name, then your name, then "
"""The same, while the finder offers first letters instead of groups."""
FINDER_WORDS = (FIND_GROUP, FIND_LETTERS)
BACK_WORDS = "◀ All groups"
BACK_LETTERS = "◀ All letters"


def discard(widget: QWidget) -> None:
    """Take a widget off the board at once (so no search finds it any more) and delete it later."""
    widget.hide()
    widget.setParent(None)  # type: ignore[call-overload]
    widget.deleteLater()


class TileBoard(QWidget):
    """Places person tiles (and, for a large room, a finder) by hand in whatever size it is given."""

    page_changed = Signal()
    """The finder or another page came on show (the view's instruction follows it)."""

    def __init__(self, on_select: Callable[[int], None], key_filter: QObject, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # it paints its own background (paintEvent)
        self._on_select = on_select
        self._key_filter = key_filter
        self._sizes = TypeSizes.for_height(1080)
        self._groups: list[StakeholderGroup] = []
        self._people: list[Participant] = []
        self.notes: dict[int, str] = {}
        self.tiles: dict[int, BigTile] = {}
        self.pages: list[Page] = [Page()]
        self.page: int | None = 0
        self.finders: list[BigTile] = []
        self._finder_places: list[QRect] = []
        self.headers: dict[tuple[int, str, str], QWidget] = {}
        self.back = QPushButton(BACK_WORDS, self)
        self.back.setObjectName("back")
        self.back.setAccessibleName("Back to the list of groups")
        self.back.clicked.connect(self.show_finder)
        self.back.installEventFilter(key_filter)
        self.tile_height = MIN_TILE_HEIGHT
        self._title_lines = 1
        self.by_letter = False
        """Whether the finder offers first letters (the room's group pages need more buttons than fit)."""
        self.columns = 1
        self.wide: frozenset[int] = frozenset()

    # Filling in -------------------------------------------------------------------------------------

    def set_room(self, groups: list[StakeholderGroup], people: list[Participant], sizes: TypeSizes,
                 tile_name: str = "") -> dict[int, BigTile]:
        """Make a tile for each person (in group order), lay them out, and return them by person id."""
        for widget in [*self.tiles.values(), *self.headers.values()]:
            discard(widget)
        self.headers = {}
        self._groups, self._sizes = groups, sizes
        order = {g.id: i for i, g in enumerate(groups)}
        self._people = sorted((p for p in people if p.id is not None and p.group_id in order),
                              key=lambda p: (order[p.group_id], p.name.casefold()))
        self.tiles = {}
        for person in self._people:
            tile = BigTile(person.name, parent=self)
            if tile_name:
                tile.setObjectName(tile_name)
            tile.clicked.connect(lambda _checked=False, pid=person.id: self._on_select(pid))
            tile.installEventFilter(self._key_filter)
            self.tiles[require_id(person)] = tile
        self.pages, self.page = [Page()], 0
        self.relayout()
        return self.tiles

    def set_note(self, group_id: int, note: str) -> None:
        """Add a short note to a group's heading (e.g. that its show of hands was counted)."""
        if self.notes.get(group_id, "") != note:
            self.notes[group_id] = note
            self.relayout()

    # Where things are -------------------------------------------------------------------------------

    def finder_words(self) -> str:
        """Return the start of the instruction while the finder shows (by group, or by first letters)."""
        return FIND_LETTERS if self.by_letter else FIND_GROUP

    def paged(self) -> bool:
        """Say whether the room takes more than one page (so a finder is needed)."""
        return len(self.pages) > 1

    def page_of(self, pid: int) -> int:
        """Return the page that holds a person's tile."""
        return next(i for i, page in enumerate(self.pages) if any(p.id == pid for s in page.sections() for p in s.people))

    def visible_buttons(self) -> list[QPushButton]:
        """Return the buttons on show, in reading order (finder buttons, or the page's tiles)."""
        if self.page is None:
            return list(self.finders)
        return [self.tiles[require_id(p)] for s in self.pages[self.page].sections() for p in s.people]

    def show_finder(self) -> None:
        """Show the finder (when the room takes several pages)."""
        if self.paged():
            self.page = None
            self._place()
            if self.finders:
                self.finders[0].setFocus()

    def show_page(self, index: int) -> None:
        """Show one page of tiles."""
        self.page = index
        self._place()
        buttons = self.visible_buttons()
        if buttons:
            buttons[0].setFocus()

    def show_person(self, pid: int) -> None:
        """Show the page that holds a person's tile."""
        if pid in self.tiles and self.page != self.page_of(pid):
            self.page = self.page_of(pid)
            self._place()

    # Laying out -------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        """Paint the background between the tiles (what lies beneath the board never paints again)."""
        paint_ground(self, event)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def] # noqa: N802 - Qt naming
        """Lay the tiles out again for the new size."""
        super().resizeEvent(event)
        self.relayout()

    def tile_font(self) -> QFont:
        """Return the font the tiles use (the stylesheet's, at the tile size)."""
        font = QFont(self.font())
        font.setPixelSize(self._sizes.tile)
        return font

    def gap(self) -> int:
        """Return the space between tiles."""
        return max(6, self._sizes.body // 3)

    def title_font(self) -> QFont:
        """Return the font of a group's heading (the stylesheet's bold title size)."""
        font = QFont(self.font())
        font.setPixelSize(self._sizes.title)
        font.setBold(True)
        return font

    def header_height(self) -> int:
        """Return the height of a group's heading row: its lines of words (one, or two on a page of its own), and room
        for the back button's words and its thickest border."""
        lines = QFontMetrics(self.title_font()).lineSpacing() * self._title_lines
        back = QFontMetrics(self.tile_font()).height() + 2 * 2 + 2 * 5
        return max(MIN_TILE_HEIGHT, lines + self.gap(), round(self._sizes.body * 1.4), back)

    def mark_size(self) -> int:
        """Return the size of a group's mark in its heading."""
        return round(self._sizes.body * 1.4)

    def _grids(self, texts: list[str], width: int, zone: int) -> list[tuple[int, int]]:
        """Return every (columns, tile height) at which each text, beside a zone for a mark or icon, takes two lines
        at most, fewest columns first."""
        font, gap = self.tile_font(), self.gap()
        metrics = QFontMetrics(font)
        margin = inner_margin(font)
        options: list[tuple[int, int]] = []
        most = max(1, min(8, width // max(1, metrics.horizontalAdvance("M") * 8)))
        for columns in range(1, most + 1):
            tile_width = (width - gap * (columns - 1)) / columns
            text_width = tile_width - 2 * margin - zone
            if text_width <= 0:
                break
            lines = max((len(wrap_lines(font, t, text_width)) for t in texts), default=1)
            if lines > MAX_LINES:
                break
            options.append((columns, max(MIN_TILE_HEIGHT, lines * metrics.lineSpacing() + 2 * margin)))
        return options

    def _name_grid(self, width: int) -> tuple[int, int, frozenset[int]]:
        """Return (columns, tile height, wide names) that take the least height for everybody, every name on two
        lines at most: a name too long for one column gets a whole row."""
        font, gap = self.tile_font(), self.gap()
        metrics, margin = QFontMetrics(font), inner_margin(font)
        zone = metrics.horizontalAdvance("✓ ")
        best: tuple[int, int, frozenset[int]] = (1, MIN_TILE_HEIGHT, frozenset())
        best_height = -1
        for columns in range(1, max(1, min(8, width // max(1, metrics.horizontalAdvance("M") * 8))) + 1):
            narrow = (width - gap * (columns - 1)) / columns - 2 * margin - zone
            full = width - 2 * margin - zone
            lines = {require_id(p): len(wrap_lines(font, p.name, narrow)) for p in self._people}
            wide = frozenset(pid for pid, n in lines.items() if n > MAX_LINES)
            longest = max([n for pid, n in lines.items() if pid not in wide] +
                          [len(wrap_lines(font, p.name, full)) for p in self._people if p.id in wide], default=1)
            if narrow <= 0 or longest > MAX_LINES:
                continue
            height = max(MIN_TILE_HEIGHT, longest * metrics.lineSpacing() + 2 * margin)
            needed = sum(flow_rows([p for p in self._people if p.group_id == g.id], columns, wide)
                         for g in self._groups) * (height + gap)
            if best_height < 0 or needed < best_height:
                best, best_height = (columns, height, wide), needed
        return best

    def relayout(self) -> None:
        """Work out columns, tile height and pages for the present size, then place everything."""
        width, height = self.width(), self.height()
        if width <= 0 or height <= 0:  # not laid out yet: everybody on one page until the board has a size
            self.pages, self.page = [Page([[Section(g, [p for p in self._people if p.group_id == g.id])
                                            for g in self._groups]])], 0
            return
        self.columns, self.tile_height, self.wide = self._name_grid(width)
        was_paged = self.paged()
        self._finding(by_letter=False)
        self._plan(lambda grid: plan_pages(self._groups, self._people, grid, self._header_columns(width), self.wide))
        if self.paged() and self._finder_grid(self._finder_texts()) is None:  # too many group pages for the finder
            self._finding(by_letter=True)
            self._plan(lambda grid: plan_letter_pages(self._people, grid, self.wide))
        if not self.paged():
            self.page = 0
        elif not was_paged or self.page is not None and self.page >= len(self.pages):
            self.page = None
        self._make_finders()
        self._finder_places = self._plan_finders() if self.finders else []
        self._place()

    def _finding(self, by_letter: bool) -> None:
        """Find names by group, or by first letters (the back button says which)."""
        self.by_letter = by_letter
        self.back.setText(BACK_LETTERS if by_letter else BACK_WORDS)
        self.back.setAccessibleName("Back to the first letters of the names" if by_letter else
                                    "Back to the list of groups")

    def _plan(self, planner: Callable[[Grid], list[Page]]) -> None:
        """Plan the pages, giving a page of its own a heading on more lines (and fewer rows of tiles) when it needs."""
        gap, self._title_lines = self.gap(), 1
        while True:
            self.pages = planner(Grid(self.columns, self.height() + gap, self.header_height() + gap // 2,
                                      self.tile_height + gap))
            lines = self._paged_title_lines(self.width())
            if lines <= self._title_lines:
                return
            self._title_lines = lines

    def _finder_texts(self) -> list[str]:
        """Return the words of the finder's buttons: each page's heading."""
        return [page.sections()[0].finder_words() for page in self.pages]

    def _finder_zone(self) -> int:
        """Return the width a finder button keeps for its group's mark (none on a finder by first letters)."""
        if self.by_letter:
            return QFontMetrics(self.tile_font()).horizontalAdvance("✓ ")
        return round(self._sizes.tile * 1.2) + inner_margin(self.tile_font()) // 2

    def _finder_grid(self, texts: list[str]) -> tuple[int, int] | None:
        """Return the fewest columns (and their button height) at which the finder's buttons fit the board."""
        gap = self.gap()
        return next((option for option in self._grids(texts, self.width(), self._finder_zone())
                     if -(-len(texts) // option[0]) * (option[1] + gap) <= self.height() + gap), None)

    def _header_columns(self, width: int) -> dict[int, int]:
        """Return how many tile columns each group's heading needs (its mark, name and note on one line)."""
        metrics, column = QFontMetrics(self.title_font()), self.column_width(width) + self.gap()
        mark = self.mark_size() * 4 // 3 + self.gap()
        return {require_id(g): -(-(mark + metrics.horizontalAdvance(self._title(Section(g, [])))) // column)
                for g in self._groups}

    def _title(self, section: Section) -> str:
        """Return a section's heading: its group, letter range and note."""
        return section.title(self.notes.get(section.group_id, ""))

    def heading_room(self, section_width: int) -> int:
        """Return the width a section's heading gets: its section's, or beside the back button on a page of its own."""
        return self.width() - self.back_width() - self.gap() if self.paged() else section_width

    def _paged_title_lines(self, width: int) -> int:
        """Return how many lines the longest heading of a page of its own takes beside the back button (1 unpaged)."""
        if len(self.pages) < 2:
            return 1
        metrics = QFontMetrics(self.title_font())
        room = max(1, width - self.back_width() - self.gap() - self.mark_size() * 4 // 3)
        flags = int(Qt.TextFlag.TextWordWrap)
        return max(-(-metrics.boundingRect(QRect(0, 0, room, 100_000), flags, self._title(page.sections()[0])).height()
                     // metrics.lineSpacing()) for page in self.pages)

    def column_width(self, width: int) -> int:
        """Return a tile's width for the present number of columns."""
        return (width - self.gap() * (self.columns - 1)) // self.columns

    def _make_finders(self) -> None:
        for button in self.finders:
            discard(button)
        self.finders = []
        if not self.paged():
            return
        size = round(self._sizes.tile * 1.2)
        for index, page in enumerate(self.pages):
            section = page.sections()[0]
            group = section.group
            icon = None if group is None else \
                mark_icon(group.colour, group.mark, group_letter(group.name), size).pixmap(size, size)
            button = BigTile(section.finder_words(), icon, self, keep_looks=True)  # shown again after each cast
            button.setObjectName("finder")
            count = len(section.people)
            button.setAccessibleName(f"{section.title()}: show these {count} names")
            button.clicked.connect(lambda _checked=False, i=index: self.show_page(i))
            button.installEventFilter(self._key_filter)
            self.finders.append(button)

    def _place(self) -> None:
        """Show the finder or the page on show; only widgets whose visibility changes are touched."""
        for widget in self.headers.values():
            if not widget.isHidden():
                widget.hide()
        shown = set(self.visible_buttons())
        for widget in [*self.tiles.values(), *self.finders]:
            if widget.isHidden() == (widget in shown):
                widget.setVisible(widget in shown)
        self.back.setVisible(self.page is not None and self.paged())
        if self.page is None:
            self._place_finders()
        else:
            self._place_page(self.pages[self.page])
        self.page_changed.emit()

    def _place_finders(self) -> None:
        """Put the finder's buttons where relayout planned them."""
        for button, place in zip(self.finders, self._finder_places):
            button.setGeometry(place)

    def _plan_finders(self) -> list[QRect]:
        """Return where the finder's buttons go at the board's size (worked out once per layout, not per show)."""
        gap, width = self.gap(), self.width()
        texts = [b.text() for b in self.finders]
        options = self._grids(texts, width, self._finder_zone()) or [(1, MIN_TILE_HEIGHT)]
        columns, height = self._finder_grid(texts) or options[-1]
        tile_width = (width - gap * (columns - 1)) // columns
        return [QRect(c * (tile_width + gap), r * (height + gap), tile_width, height)
                for r, c in (divmod(index, columns) for index in range(len(self.finders)))]

    def _place_page(self, page: Page) -> None:
        gap, width, y = self.gap(), self.width(), 0
        step = self.column_width(width) + gap
        for shelf in page.shelves:
            x = 0
            for section in shelf:
                header = self._header(section, section.columns * step - gap)
                header.move(x, y)
                top = y + self.header_height() + gap // 2
                places = flow(section.people, section.columns, section.wide)
                for person, (r, c, span) in zip(section.people, places):
                    self.tiles[require_id(person)].setGeometry(x + c * step, top + r * (self.tile_height + gap),
                                                           span * step - gap, self.tile_height)
                x += section.columns * step
            y += self.header_height() + gap // 2 + max(s.rows() for s in shelf) * (self.tile_height + gap)
        if self.paged():
            back = self.back_width()
            self.back.setGeometry(width - back, 0, back, self.header_height())

    def back_width(self) -> int:
        """Return the width the back button needs: its words, its padding and the thickest (focus) border."""
        self.back.ensurePolished()
        return QFontMetrics(self.back.font()).horizontalAdvance(self.back.text()) + 2 * self._sizes.body + 2 * 8

    def _header(self, section: Section, width: int) -> QWidget:
        """Return the heading of a section (made once for each group, letter range and note)."""
        title = self._title(section)
        key = (section.group_id, section.letters, title)
        badge = self.headers.get(key)
        if badge is None:
            badge = group_badge(section.group, self.mark_size(), "title")
            badge.setParent(self)
            label = badge.findChild(QLabel, "title")
            if label is not None:
                label.setText(title)
            self.headers[key] = badge
        badge.ensurePolished()  # the heading's size from the stylesheet's font, not the default one
        badge.resize(self.heading_room(width), self.header_height())
        badge.show()
        return badge
