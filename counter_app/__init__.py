"""counter_app: the Qt-free core of the co-op's personal-data request counter.

Layers (see README "Architecture"): ``domain`` (rules), ``config`` (TOML data),
``store`` (database), ``security``, ``services`` (use cases), ``cli`` (headless entry).
"""

__version__ = "0.1.0"
