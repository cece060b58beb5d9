"""The ``raadhuis`` console command: Django's management commands with the settings set.

``raadhuis migrate``, ``raadhuis demo``, ``raadhuis serve``, ``raadhuis worker``,
``raadhuis check --deploy`` and every other management command.
"""

import os
import sys

# Spellings that read better on a command line than Django's module names.
ALIASES = {"generate-data": "generate_data", "demo-otp": "demo_otp", "train-chatbot": "train_chatbot"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raadhuis.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args:
        args[0] = ALIASES.get(args[0], args[0])
    execute_from_command_line(["raadhuis", *args])


if __name__ == "__main__":
    main()
