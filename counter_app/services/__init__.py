"""services layer of the core (see README: Architecture)."""
