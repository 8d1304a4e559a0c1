"""Fixtures for batch tests (helpers live in export_support.py)."""
