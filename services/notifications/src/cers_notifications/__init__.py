"""CERS notifications service: bulletins, useful links, subscriptions, e-mail notices, outages."""
