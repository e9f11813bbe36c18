"""store layer of the core (see README: Architecture)."""
