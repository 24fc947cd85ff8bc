"""documents: Use cases, each run inside a unit of work."""
