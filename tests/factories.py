"""Factories shared by all test packages."""

import itertools

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from raadhuis.platform.models import Membership, Organisation, User
from raadhuis.platform.validators import make_elfproef_number

_rsin_prefixes = (f"{n:08d}" for n in itertools.count(10000000, 7))


def next_rsin() -> str:
    while True:
        try:
            return make_elfproef_number(next(_rsin_prefixes))
        except ValueError:
            continue


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Gemeente Test {n}")
    slug = factory.Sequence(lambda n: f"test-{n}")
    rsin = factory.LazyFunction(next_rsin)
    gemeentecode = factory.Sequence(lambda n: f"{9000 + n % 1000:04d}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Medewerker {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


def member(organisation, role="behandelaar", **user_kwargs) -> User:
    user = UserFactory(**user_kwargs)
    Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return user


def verified_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)
