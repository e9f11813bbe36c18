"""Large text scales the tick boxes and radio circles with the text (issue 10 §4)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QRadioButton, QStyle, QStyleOptionButton

from ui.indicator_style import install_indicator_style


def indicator_width(widget) -> int:
    option = QStyleOptionButton()
    option.initFrom(widget)
    element = (
        QStyle.SubElement.SE_CheckBoxIndicator
        if isinstance(widget, QCheckBox)
        else QStyle.SubElement.SE_RadioButtonIndicator
    )
    return widget.style().subElementRect(element, option, widget).width()


@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
def test_large_text_scales_the_indicator_with_the_text(qapp, ui_font, kind, qtbot):
    from ui.appearance import application_font

    install_indicator_style(qapp)
    install_indicator_style(qapp)  # once is enough: not wrapped twice
    widths = {}
    for large in (False, True):
        qapp.setFont(application_font(ui_font, large))
        widget = kind("原本を確認し、氏名・生年月日・住所が一致")
        qtbot.addWidget(widget)
        widths[large] = (indicator_width(widget), widget.fontMetrics().height())
    qapp.setFont(application_font(ui_font, False))
    (normal, normal_text), (large, large_text) = widths[False], widths[True]
    assert large > normal
    # the box grows as the text does (within a pixel of the same ratio)
    assert abs(large / normal - large_text / normal_text) < 0.2
