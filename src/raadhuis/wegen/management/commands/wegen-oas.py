"""``raadhuis wegen-oas``: write (or, with --check, verify) ``wegen/openapi.yaml``."""

from raadhuis.wegen import oas
from raadhuis.zgw.common.oas_command import CommittedOASCommand


class Command(CommittedOASCommand):
    help = "Genereer wegen/openapi.yaml (--check: controleer of het bijgewerkt is)."
    oas = oas
    label = "wegen"
