"""One label column shared by several forms or blocks, so their fields start at one x.

A QFormLayout (or a grid) sizes its label column from the labels it shows *now*: blocks
whose rows hide and show (the identity page's documents) or whose label text changes
(「有効期限」 / 「有効期限 (必須)」) would otherwise start their fields at different x.
:func:`share_label_width` gives every label the width of the widest text any of them may
show, measured with each label's own font (so it follows --large-text and the language).
:func:`label_gap` is the room between the label column and the values: half an em, so a value
shown as plain text (a fixed code, a date) does not read as the end of its label.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtWidgets import QLabel, QWidget


def label_width(label: QLabel, texts: Iterable[str] = ()) -> int:
    """The width ``label`` needs for its current text and for each of ``texts`` (other
    texts it may show later), as its own size hint measures them (mnemonics, margins)."""
    current = label.text()
    width = label.sizeHint().width()
    try:
        for text in texts:
            label.setText(text)
            width = max(width, label.sizeHint().width())
    finally:
        label.setText(current)
    return width


def share_label_width(
    labels: Sequence[QLabel], other_texts: Mapping[QLabel, Iterable[str]] | None = None
) -> int:
    """Give every label of ``labels`` the widest one's width (counting ``other_texts``,
    the texts a label may switch to); return that width."""
    other_texts = other_texts or {}
    width = max((label_width(label, other_texts.get(label, ())) for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)
    return width


def label_gap(widget: QWidget) -> int:
    """Half an em of ``widget``'s font (at least 6 px): the horizontal spacing between a
    label column and its values (a form's, or a grid of label/value pairs)."""
    return max(6, widget.fontMetrics().horizontalAdvance("\u3000") // 2)
