"""The Celery application: used when BROKER_URL is set (RabbitMQ or Redis)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raadhuis.settings")

app = Celery("raadhuis")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
