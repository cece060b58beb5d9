from django.core.management.base import BaseCommand

from raadhuis.platform import tenancy
from raadhuis.werkplek.services import escalate_overdue


class Command(BaseCommand):
    help = "Daily deadline check: report zaken past their uiterste datum once (kanaal 'werkplek')."

    def handle(self, *args, **options):
        with tenancy.system_scope():
            count = escalate_overdue()
        self.stdout.write(f"{count} zaken over de termijn gemeld")
