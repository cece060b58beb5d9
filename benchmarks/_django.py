"""Set up Django for a benchmark script run from the repository root."""

import os
import sys
from pathlib import Path


def setup() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raadhuis.settings")
    import django

    django.setup()
