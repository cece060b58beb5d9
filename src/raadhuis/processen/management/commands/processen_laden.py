from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from raadhuis.platform import tenancy
from raadhuis.platform.models import Organisation
from raadhuis.processen import services
from raadhuis.processen.engine import DefinitionError


class Command(BaseCommand):
    help = "Load a new version of a zaaktype's process (BPMN 2.0 file and its DMN files)."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="slug of the organisation")
        parser.add_argument("--zaaktype", required=True, help="zaaktype identificatie, e.g. PARKVERG")
        parser.add_argument("--naam", required=True)
        parser.add_argument("--proces", required=True, help="id of the BPMN process to run")
        parser.add_argument("--vanaf", type=date.fromisoformat, help="begin_geldigheid (YYYY-MM-DD)")
        parser.add_argument("bpmn")
        parser.add_argument("dmn", nargs="*")

    def handle(self, *args, **o):
        try:
            bpmn = Path(o["bpmn"]).read_text(encoding="utf-8")
            dmn = [Path(name).read_text(encoding="utf-8") for name in o["dmn"]]
        except OSError as error:
            raise CommandError(str(error)) from error
        with tenancy.system_scope():
            organisation = Organisation.objects.filter(slug=o["organisation"]).first()
            if organisation is None:
                raise CommandError(f"Onbekende organisatie: {o['organisation']}")
            try:
                definitie = services.load_definition(
                    organisation=organisation,
                    zaaktype_identificatie=o["zaaktype"],
                    naam=o["naam"],
                    bpmn=bpmn,
                    dmn=dmn,
                    proces_id=o["proces"],
                    begin_geldigheid=o["vanaf"],
                )
            except DefinitionError as error:
                raise CommandError(str(error)) from error
        self.stdout.write(f"{definitie} geladen voor {o['zaaktype']}")
