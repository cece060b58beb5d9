"""Raadhuis: an open-source platform for the digital municipality."""

# Load the Celery app with Django, so every component's tasks use the configured broker.
from raadhuis.celery import app as celery_app

__version__ = "0.1.0"
__all__ = ["celery_app"]
