"""CERS chassis: the shared runtime every service is built on. No business logic lives here."""
