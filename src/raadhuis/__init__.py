"""Raadhuis: an open-source platform for the digital municipality."""

__version__ = "0.1.0"
