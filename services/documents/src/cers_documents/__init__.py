"""CERS documents service: export declarations, summary reports, drafts, validation, Proof of
Report, amend, void, PDF.
"""
