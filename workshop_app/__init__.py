"""Changemaking Partnership Workshop: run partnership workshops offline and publish the charter."""

__version__ = "0.1.0"
