"""reportlab documents: plain data in, PDF bytes out. No database, no Qt."""
