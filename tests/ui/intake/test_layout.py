"""Geometry of the intake pages in every text mode (Japanese / English, normal / large text):
the identity page's three document blocks share one label column, and the fee quote reads as
item at the left, amount right-aligned at the right, with the service's figures."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel, QWidget

from counter_app.domain.requests import RequestType
from tests.ui.intake import drive
from ui.context import AppContext
from ui.intake.fee import yen
from ui.intake.identity import DocumentsPanel

#: The wizard's size on the branch PC's 1366 x 768 screen (normal, large text).
WIZARD_SIZE = {False: (960, 700), True: (1306, 708)}


def left(widget: QWidget, ancestor: QWidget) -> int:
    return widget.mapTo(ancestor, QPoint(0, 0)).x()


def assert_not_cut(label: QLabel) -> None:
    assert label.sizeHint().width() <= label.width(), (label.text(), label.width())


def test_the_document_blocks_start_their_fields_at_one_x(text_mode, qtbot):
    panel = DocumentsPanel(AppContext())
    qtbot.addWidget(panel)
    panel.resize(*WIZARD_SIZE[text_mode[1]])
    panel.show()
    qtbot.waitExposed(panel)
    first, second, third = panel.rows
    drive.choose(first.doc_type, "drivers_license")  # 有効期限 (必須)
    drive.choose(second.doc_type, "pension_book")  # 有効期限 (optional)
    drive.settle()

    column = {left(row.doc_type, panel) for row in panel.rows}
    assert len(column) == 1, column  # 書類 3 shows only its 種類 row: it lines up anyway
    assert left(first.expiry, panel) == left(second.expiry, panel) == column.pop()
    assert left(first.ticks_label, panel) == left(second.ticks_label, panel)
    for row in panel.rows:
        for label in row.label_texts():
            if label.isVisible():
                assert_not_cut(label)

    # a type whose expiry is optional changes 書類 1's label, not where its fields start
    before = left(first.doc_type, panel)
    drive.choose(first.doc_type, "health_insurance_card")
    drive.settle()
    assert first.expiry_label.text() == second.expiry_label.text()
    assert left(first.doc_type, panel) == before == left(third.doc_type, panel)


def test_the_quote_reads_item_then_amount_with_the_services_figures(
    text_mode, qtbot, context, told, today
):
    from ui.intake.wizard import IntakeWizard

    _, large_text = text_mode
    wizard = IntakeWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.resize(*WIZARD_SIZE[large_text])
    drive.fill_requester(wizard)
    drive.press_next(wizard)
    drive.fill_types_disclosure(wizard)
    page = wizard.types_page
    page.type_checks[RequestType.CORRECTION].setChecked(True)  # a free type too
    page.correction_item.setText("電話番号")
    page.correction_current.setText("029-111-0000")
    page.correction_requested.setText("029-111-2222")
    page.correction_evidence.setText("ご本人の申出")
    drive.settle()
    drive.press_next(wizard)
    drive.fill_drivers_license(wizard.identity_page.panel, today)
    drive.press_next(wizard)
    drive.fill_fee(wizard, pages=12, mail=True)
    fee = wizard.fee_page
    breakdown = fee.breakdown
    quote = fee.quote

    amounts = [yen(line.amount) for line in quote.lines] + [yen(0)] * len(quote.free_request_types)
    assert [label.text() for label in breakdown.amount_labels] == amounts
    items = [label.text() for label in breakdown.item_labels]
    for line, item in zip(quote.lines, items, strict=False):
        assert item.startswith(line.label.replace("&", "&amp;"))
        if line.quantity != 1:  # the copies: unit price x quantity after the item
            assert yen(line.unit_price) in item and str(line.quantity) in item

    rows = breakdown.widget()
    right_edges = {
        label.mapTo(rows, label.rect().topRight()).x() for label in breakdown.amount_labels
    }
    assert len(right_edges) == 1, right_edges  # amounts right-aligned in one column
    for label in breakdown.amount_labels:
        assert_not_cut(label)
        assert label.height() < 2 * label.fontMetrics().lineSpacing()  # never wrapped
    for label in breakdown.item_labels:
        lines = round(label.height() / label.fontMetrics().lineSpacing())
        # large text: every item on one line (the postage's is the longest); normal text in
        # English has narrower room (the questions' English labels): at most one wrap
        assert lines <= (1 if large_text else 2), (label.text(), label.height())


def ink_rows(image, left: int, right: int, top: int, bottom: int) -> list[int]:
    """The rows of ``image`` between ``top`` and ``bottom`` with a dark pixel in x ∈ [left, right)."""
    return [
        y
        for y in range(max(0, top), min(image.height(), bottom))
        if any(image.pixelColor(x, y).lightness() < 110 for x in range(left, right))
    ]


def title_ink(wizard) -> tuple[int, int, int]:
    """(first, last) ink row of the page title in the wizard, and the subtitle's first."""
    title = wizard.title_label()
    top_left = title.mapTo(wizard, QPoint(0, 0))
    width = title.fontMetrics().horizontalAdvance(title.text())
    image = wizard.grab().toImage()
    below = top_left.y() + title.height() + 3 * title.fontMetrics().height()
    rows = ink_rows(image, top_left.x(), top_left.x() + width, 0, below)
    runs = [rows[0]] + [y for previous, y in itertools.pairwise(rows) if y > previous + 1]
    title_rows = [y for y in rows if y < runs[1]]
    return title_rows[0], title_rows[-1], runs[1]


def test_the_page_title_has_half_a_line_above_it_and_nothing_cut(text_mode, qtbot, context, told):
    """QWizard set the title at its own 11 px margin (in large text the glyphs started at
    y = 12, stuck to the window's top); now half a line more, in every text size and on every
    page (the first page shown too, whose header QWizard had already sized)."""
    from PySide6.QtWidgets import QLabel

    from ui.intake.wizard import IntakeWizard

    _, large_text = text_mode
    wizard = IntakeWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.resize(*WIZARD_SIZE[large_text])
    qtbot.waitExposed(wizard)
    drive.settle()
    seen = []
    for page in range(2):
        if page:
            drive.fill_requester(wizard)
            drive.press_next(wizard)
        title = wizard.title_label()
        line = title.fontMetrics().height()
        assert title.contentsMargins().top() == line // 2
        first, last, subtitle = title_ink(wizard)
        assert first >= line  # a line's height of empty window above the title's glyphs
        assert last < subtitle - 1  # a blank row between title and subtitle
        # nothing clipped: the glyphs are as tall as the same title drawn with room around it
        free = QLabel(title.text())
        free.setFont(title.font())
        free.setContentsMargins(0, line, 0, line)
        free.resize(free.sizeHint())
        image = free.grab().toImage()
        rows = ink_rows(image, 0, image.width(), 0, image.height())
        assert last - first == rows[-1] - rows[0], title.text()
        title_top = title.mapTo(wizard, QPoint(0, 0)).y()
        seen.append((title_top, wizard.currentPage().mapTo(wizard, QPoint(0, 0)).y()))
    # the same header on the first page shown and the next (QWizard had sized the first
    # page's header before the margin was there: the page started 10 px higher)
    assert seen[0] == seen[1]
