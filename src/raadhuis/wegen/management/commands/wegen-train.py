"""``raadhuis wegen-train``: build the default event classifier ahead (deploy), so that no worker
pays the minute of training at its first trace. Does nothing when the stored one is current."""

import time

from django.core.management.base import BaseCommand

from raadhuis.wegen import classifier
from raadhuis.wegen.analysis import training


class Command(BaseCommand):
    help = "Train de standaardclassificatie van wegen (gaten, drempels) als die nog niet bewaard is."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Ook als het model actueel is.")

    def handle(self, *args, force: bool, **options):
        started = time.monotonic()
        folder, config = classifier.directory(), training.DEFAULT_TRAINING
        _, trained = classifier.load_or_train(folder, config, force=force)
        path = classifier.path_for(folder, config)
        if trained:
            self.stdout.write(f"Getraind in {time.monotonic() - started:.0f} s: {path}")
        else:
            self.stdout.write(f"Al actueel: {path}")
