"""Adapters to file formats and outside tools; each module wraps one well-kept library."""
