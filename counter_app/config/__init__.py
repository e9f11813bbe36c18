"""Loading and validating the TOML data files (fees, postage, documents, calendar...)."""

from counter_app.config.loader import ConfigFile, Section, load_toml

__all__ = ["ConfigFile", "Section", "load_toml"]
