"""CERS bulk service: bulk-load files: parse, validate, store, submit, submission report."""
