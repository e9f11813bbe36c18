"""security layer of the core (see README: Architecture)."""
