"""The intake wizard: one module per page, the wizard that strings them, the encrypted draft.

Views only: every verdict, quote, normalisation and the My Number guard come from
``counter_app`` (domain and services).
"""
