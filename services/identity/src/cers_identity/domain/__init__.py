"""identity: the pure model, rules and errors (no SQLAlchemy, FastStream or HTTP)."""
