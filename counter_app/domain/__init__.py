"""domain layer of the core (see README: Architecture)."""
