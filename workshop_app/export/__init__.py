"""Exports: charter PDF, JSON and CSV; core objects in, files out."""
