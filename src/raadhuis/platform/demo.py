"""The demo installation: two municipalities sharing one Raadhuis, an employee per role.

Idempotent: running it again changes nothing that exists. Later modules add their demo
data by registering a loader with :func:`register_demo_loader`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from raadhuis.platform import tenancy
from raadhuis.platform.accounts.demo import ensure_demo_totp
from raadhuis.platform.models import Membership, Organisation, Role, User

DEMO_PASSWORD = "Voorbeeldstad-demo-2026"
# A fixed TOTP key (hex) for every demo employee, so the demo works with any authenticator
# app — and `raadhuis demo_otp USERNAME` prints the current code. Never used in production.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    slug: str
    rsin: str
    gemeentecode: str


VOORBEELDSTAD = DemoOrganisation("Gemeente Voorbeeldstad", "voorbeeldstad", "002220647", "9999")
PROEFDORP = DemoOrganisation("Gemeente Proefdorp", "proefdorp", "001122332", "9998")

_loaders: list[tuple[str, Callable[[Organisation, Organisation], None]]] = []


def register_demo_loader(name: str, loader: Callable[[Organisation, Organisation], None]) -> None:
    """Modules add their demo data: ``loader(voorbeeldstad, proefdorp)``, idempotent."""
    _loaders.append((name, loader))


@transaction.atomic
def load_demo() -> list[tuple[str, str, str]]:
    """Create the demo; return (username, role, organisation) of the demo employees."""
    with tenancy.system_scope():
        voorbeeldstad = _organisation(VOORBEELDSTAD)
        proefdorp = _organisation(PROEFDORP)
        accounts = [_employee(voorbeeldstad, role, role.value) for role in Role]
        accounts.append(_employee(proefdorp, Role.BEHANDELAAR, "proefdorp-behandelaar"))
        _superuser()
        for _name, loader in _loaders:
            loader(voorbeeldstad, proefdorp)
    return accounts


def _organisation(spec: DemoOrganisation) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        slug=spec.slug,
        defaults={"name": spec.name, "rsin": spec.rsin, "gemeentecode": spec.gemeentecode},
    )
    return organisation


def _employee(organisation: Organisation, role: Role, username: str) -> tuple[str, str, str]:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": "Demo", "last_name": role.label, "is_staff": role == Role.BEHEERDER},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    ensure_demo_totp(user, DEMO_TOTP_KEY)
    return username, str(role.label), organisation.name


def _superuser() -> None:
    user, created = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True,
                                    "first_name": "Demo", "last_name": "Platformbeheerder"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    ensure_demo_totp(user, DEMO_TOTP_KEY)
