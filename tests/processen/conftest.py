from datetime import timedelta

import pytest
from django.utils import timezone

from raadhuis.platform import outbox, tenancy
from tests.werkplek.conftest import (  # noqa: F401 - shared fixtures
    _processen,
    _proefdorp,
    _voorbeeldstad,
    andere_gemeente,
    as_user,
    behandelaar,
    gemeente,
    kcc,
    manager,
    met_processen,
    module_data,
    slim_catalogue,
)


class Clock:
    def __init__(self):
        self.now = timezone.now()

    def __call__(self):
        return self.now


@pytest.fixture(autouse=True)
def no_wake(monkeypatch):
    monkeypatch.setattr(outbox, "wake_dispatcher", lambda: None)


@pytest.fixture
def run_outbox(monkeypatch):
    """Deliver everything due, moving the outbox's clock past any backoff, until quiet."""
    clock = Clock()
    monkeypatch.setattr(outbox, "_now", clock)

    def run(rounds: int = 50):
        for _ in range(rounds):
            with tenancy.system_scope():
                result = outbox.drain()
            if not result.delivered and not result.failed:
                clock.now += timedelta(hours=2)  # past any backoff
                with tenancy.system_scope():
                    again = outbox.drain()
                if not again.delivered and not again.failed:
                    return

    return run


@pytest.fixture
def brp(monkeypatch):
    """The BRP answers with an address in postcode area ``brp.postcode``."""
    from raadhuis.registers import services as registers

    class Answer:
        postcode = "9901AB"
        calls = []

        def __call__(self, bsn, *, fields, doel, grondslag, verwerking=""):
            self.calls.append((bsn, doel))
            return {
                "burgerservicenummer": bsn,
                "naam": {"volledigeNaam": "J. Jansen"},
                "adressering": {
                    "aanhef": "Geachte heer Jansen",
                    "adresregel1": "Kerkplein 1",
                    "adresregel2": f"{self.postcode}  VOORBEELDSTAD",
                    "aanschrijfwijze": {"naam": "J. Jansen"},
                },
                "verblijfplaats": {"verblijfadres": {"postcode": self.postcode}},
            }

    answer = Answer()
    monkeypatch.setattr(registers, "get_persoon", answer)
    return answer
