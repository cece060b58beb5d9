import pytest
from django.test import override_settings
from django_otp import DEVICE_ID_SESSION_KEY

from raadhuis.platform import outbox, tasks, tenancy
from tests.factories import OrganisationFactory, member, verified_device


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """The real hasher spends most of a second on each employee made or logged in; the tests
    are about flows and permissions, not the hash."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


def stop_background_threads() -> None:
    """A test that commits wakes the embedded outbox dispatcher, a thread that would poll
    the test database for the rest of the session (and deliver in later tests that count
    their deliveries), and may start in-process background tasks. Both must be done before
    the database is flushed, or they hold locks the flush waits for."""
    outbox.InProcessDispatcher.shutdown()
    tasks.wait_for_in_process_tasks()
    outbox.InProcessDispatcher.shutdown()  # in case a finishing task published an event


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    stop_background_threads()  # before any fixture's finaliser: the database flush is one


@pytest.fixture(autouse=True)
def no_thread_outlives_its_test():
    yield
    stop_background_threads()  # again after the finalisers, which may have published events


@pytest.fixture
def system_scope():
    """Open the cross-tenant system scope for test setup."""
    with tenancy.system_scope():
        yield


@pytest.fixture
def two_municipalities(db, system_scope):
    """Two organisations sharing the installation, as in the demo."""
    a = OrganisationFactory(name="Gemeente Aadorp", slug="aadorp")
    b = OrganisationFactory(name="Gemeente Beestad", slug="beestad")
    return a, b


@pytest.fixture
def employee_client(client):
    """Log ``user`` in with a verified second factor: ``employee_client(user)``."""

    def login(user):
        device = verified_device(user)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return login


@pytest.fixture
def behandelaar_a(two_municipalities):
    return member(two_municipalities[0], "behandelaar", username="behandelaar-a")


@pytest.fixture
def behandelaar_b(two_municipalities):
    return member(two_municipalities[1], "behandelaar", username="behandelaar-b")
