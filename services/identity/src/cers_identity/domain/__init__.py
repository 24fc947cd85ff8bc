"""The pure model of identity: credentials, users, URNs, sessions, terms and their rules."""
