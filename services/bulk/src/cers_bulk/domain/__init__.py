"""bulk: The pure model: entities, value objects, rules and errors. Imports no SQLAlchemy, FastStream or HTTP."""
