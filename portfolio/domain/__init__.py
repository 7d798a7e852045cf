"""Value types and rules shared by every layer: no SQLAlchemy, no Qt."""
