from dateutil.relativedelta import relativedelta
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from raadhuis.inzicht import forms, services
from raadhuis.platform import tenancy


class Command(BaseCommand):
    help = "Refresh the queued zaken now, and the monthly figures of the other modules."

    def add_arguments(self, parser):
        parser.add_argument("--vanaf", help="JJJJ-MM: recompute the other modules' figures from this month")

    def handle(self, *args, vanaf=None, **options):
        months = None
        if vanaf:
            first = forms.parse_month(vanaf)
            if first is None:
                raise CommandError("Geef --vanaf als JJJJ-MM.")
            months, this = [], timezone.localdate().replace(day=1)
            while first <= this:
                months.append(first)
                first += relativedelta(months=1)
        with tenancy.system_scope():
            zaken = services.verversen()
            figures = services.refresh_sources(months)
        self.stdout.write(f"{zaken} zaken ververst, {figures} kengetallen berekend")
