"""Checking: issue codes, the checks built from template contracts, and reports."""
