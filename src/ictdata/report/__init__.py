"""Reporting: issues rendered for people (Vietnamese or English) and for machines."""
