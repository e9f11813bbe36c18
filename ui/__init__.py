"""PySide6 views. They call counter_app services and forms; they hold no business rule."""
