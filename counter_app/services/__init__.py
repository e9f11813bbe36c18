"""services layer of the core (see README: Architecture)."""

# every write unit of work of a service appends its outbox rows in the same transaction
import counter_app.sync.outbox  # noqa: F401
