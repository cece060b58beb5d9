"""The ``raadhuis`` console command: Django's management commands with the settings set.

``raadhuis migrate``, ``raadhuis demo``, ``raadhuis serve``, ``raadhuis worker``,
``raadhuis check --deploy`` and every other management command.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raadhuis.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["raadhuis", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
