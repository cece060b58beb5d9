"""Write (or, with --check, verify) ``klantcontact/openapi.yaml``, the Klantinteracties API's OAS."""

from raadhuis.klantcontact.api import oas
from raadhuis.zgw.common.oas_command import CommittedOASCommand


class Command(CommittedOASCommand):
    help = "Genereer klantcontact/openapi.yaml (--check: controleer of het bijgewerkt is)."
    oas = oas
    label = "klantinteracties"
