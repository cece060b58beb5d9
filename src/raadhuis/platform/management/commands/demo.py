from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from raadhuis.platform.demo import DEMO_PASSWORD, DEMO_TOTP_KEY, load_demo


class Command(BaseCommand):
    help = "Create (idempotently) the demo municipalities, employees and module demo data."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("The demo is not loaded in production mode.")
        accounts = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo ready: Gemeente Voorbeeldstad and Gemeente Proefdorp."))
        self.stdout.write(f"Password of every demo account: {DEMO_PASSWORD}")
        self.stdout.write(f"TOTP key (hex) of every demo account: {DEMO_TOTP_KEY}")
        self.stdout.write("Current code: raadhuis demo_otp USERNAME")
        self.stdout.write("Accounts: admin (platform superuser)")
        for username, role, organisation in accounts:
            self.stdout.write(f"  {username:24} {role:24} {organisation}")
