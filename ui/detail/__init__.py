"""The request-detail window (``window.RequestDetailDialog``), in the parts a newcomer can name:
``window`` (the dialog), ``header``, ``tables`` (types, receipts, 精算書, timeline),
``action_bar`` (the buttons), ``actions`` (対応開始, 回答, 期限延長, 取下げ, 受付票),
``decision_dialog`` (the 回答 dialog) and ``money`` (receipts and 精算)."""
