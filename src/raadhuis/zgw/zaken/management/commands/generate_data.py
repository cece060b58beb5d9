import time

from django.core.management.base import BaseCommand, CommandError

from raadhuis.platform import tenancy
from raadhuis.platform.demo import load_demo
from raadhuis.platform.models import Organisation
from raadhuis.zgw.zaken import datagen


class Command(BaseCommand):
    help = "Generate N synthetic zaken (with statussen) in bulk, for benchmarks and load tests."

    def add_arguments(self, parser):
        parser.add_argument("--zaken", type=int, required=True, help="number of zaken to add")
        parser.add_argument("--organisation", default="voorbeeldstad", help="organisation slug")
        parser.add_argument("--batch-size", type=int, default=20_000)

    def handle(self, *args, zaken, organisation, batch_size, **options):
        if zaken < 1:
            raise CommandError("--zaken must be at least 1")
        load_demo()
        with tenancy.system_scope():
            target = Organisation.objects.filter(slug=organisation).first()
            if target is None:
                raise CommandError(f"No organisation with slug {organisation!r}")
            started = time.perf_counter()
            written = datagen.generate(target, zaken, batch_size=batch_size)
        seconds = time.perf_counter() - started
        self.stdout.write(f"{written} zaken in {seconds:.1f} s ({written / seconds:,.0f} per second)")
