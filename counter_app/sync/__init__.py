"""Branch terminal ↔ head office synchronisation (docs/sync.md).

- :mod:`counter_app.sync.protocol` — the wire contract both sides share (batches, changes,
  acknowledgements, pulled items, the errors a terminal can show, the transport interface).
"""
