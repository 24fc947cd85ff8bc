"""CERS accounts service: business accounts, activation, Authorization ID, roles and user access,
CSP links, SRP.
"""
