"""CERS identity service: users, credentials, URN, profile, terms, credential transfer, sessions
and tokens.
"""
