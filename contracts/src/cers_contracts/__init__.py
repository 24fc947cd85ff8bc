"""CERS message contracts: every message that crosses a service boundary is defined here."""
