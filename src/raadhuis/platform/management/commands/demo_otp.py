from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from raadhuis.platform.accounts.demo import DEVICE_NAME, current_code


class Command(BaseCommand):
    help = "Print the current 6-digit TOTP code of a demo account (never in production)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if settings.PRODUCTION:
            raise CommandError("demo_otp is refused in production mode: it would defeat 2FA.")
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        device = TOTPDevice.objects.filter(user=user, name=DEVICE_NAME, confirmed=True).first()
        if device is None:
            raise CommandError(f"{username!r} has no confirmed TOTP device.")
        self.stdout.write(current_code(device))
