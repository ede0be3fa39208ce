"""Salesplay: a sales role-play game where leading with insight beats leading with price."""

__version__ = "0.1.0"
