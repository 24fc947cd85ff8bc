"""CERS gateway service: the edge: the web portal (EN/FR) and the public REST API. No database of
its own.
"""
