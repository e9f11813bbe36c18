"""Plain data for the printed documents: the contract between the services and ``forms/``.

The services build these from the database; ``forms.<document>.render(data)`` turns one into
PDF bytes. Nothing here knows about reportlab, Qt or the store. Every value is already
decided (amounts, tax, deadlines, labels of the staff's choices): a form only lays it out.
One module per document, and the two things they share:

- :mod:`.issuer` — who issues a document (:class:`~.issuer.Issuer`) and Japan time (``JST``);
- :mod:`.characters` — 外字 that cannot be printed (〓) and how intake finds them;
- :mod:`.receipt` — 領収書 and 精算書; :mod:`.acceptance_slip` — 受付票;
- :mod:`.daily_log` — 受付日報 (its columns are the on-screen list's too);
- :mod:`.notice` — the letters to the principal; :mod:`.blank_form` — 開示等請求書, 委任状.

Conventions: money is ``int`` yen; calendar dates are :class:`datetime.date`; timestamps are
timezone-aware (any zone; forms print them in Asia/Tokyo). Names are kept exactly as stored
— never NFC/NFKC-normalised (NFC would rewrite compatibility ideographs such as U+FA12), and
ideographic variation selectors (葛 + U+E0100) may be present. Private-use characters (a
branch's own 外字) cannot be printed: forms show 〓 in their place, and intake should warn the
staff with :func:`~.characters.private_use_characters`.
"""
