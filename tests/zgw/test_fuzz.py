"""Fuzzing our ZGW APIs with schemathesis against their own OAS: no input, valid or not, gives
a 500, and every documented response matches the schema (docs/modules/zgw-contract.md).

Bounded for CI, derandomized: at most RAADHUIS_FUZZ_EXAMPLES examples (25) per operation and
generation mode, fewer for a large API so that a component takes at most
RAADHUIS_FUZZ_BUDGET examples (400) in all; RAADHUIS_FUZZ_RANDOM=1 explores new examples.
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from raadhuis.platform import tenancy
from raadhuis.zgw.autorisaties.models import Applicatie, ClientCredential
from raadhuis.zgw.common import oas
from tests.factories import OrganisationFactory
from tests.zgw.conftest import make_token

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("RAADHUIS_FUZZ_EXAMPLES", "25"))
BUDGET = int(os.environ.get("RAADHUIS_FUZZ_BUDGET", "400"))
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
CHECKS = [not_a_server_error, response_schema_conformance]
SECRET = "fuzz-geheim-" + "x" * 32  # long enough for HS256, no key-length warnings


def fuzz_settings(operations: int) -> settings:
    return settings(
        max_examples=max(3, min(EXAMPLES, BUDGET // (operations * len(MODES)))),
        deadline=None, database=None, derandomize=not os.environ.get("RAADHUIS_FUZZ_RANDOM"),
        phases=[Phase.explicit, Phase.generate],  # no shrinking: keeps a failing run bounded too
        suppress_health_check=list(HealthCheck),
    )


@pytest.fixture
def keep_test_connection():
    """The WSGI handler closes the connection after each request, which would end the test's
    transaction; Django's test client suspends that the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tenant(db, keep_test_connection):
    """An organisation with an all-powerful client, and a record for the detail operations."""
    with tenancy.system_scope():
        organisation = OrganisationFactory(slug="fuzz")
        client = Applicatie.objects.create(organisation=organisation, label="Fuzzer",
                                           heeft_alle_autorisaties=True)
        ClientCredential.objects.create(applicatie=client, client_id="fuzzer", secret=SECRET)
        target = Applicatie.objects.create(organisation=organisation, label="Doelwit",
                                           heeft_alle_autorisaties=True)
    return {"Authorization": f"Bearer {make_token('fuzzer', SECRET)}"}, str(target.uuid)


@pytest.mark.parametrize("component", oas.available(), ids=lambda c: c.name)
def test_fuzz(component, tenant):
    headers, existing_uuid = tenant
    schema = schemathesis.openapi.from_wsgi(f"{component.schema_url}/openapi.json", WSGIHandler())
    operations = [result.ok() for result in schema.get_all_operations()]
    limits = fuzz_settings(len(operations))
    failures = []
    for operation in operations:
        for mode in MODES:
            try:
                _fuzz(operation, mode, limits, headers, existing_uuid)
            except Exception as error:  # collect them all: one report for every operation
                failures.append(f"{operation.label} ({mode.value}):\n{error}")
    assert not failures, "\n\n".join(failures)


def _fuzz(operation, mode, limits, headers, existing_uuid) -> None:
    strategy = operation.as_strategy(generation_mode=mode)
    if "uuid" in operation.path_parameters:
        # Half the cases address a record that exists, so updates and deletes get past the 404.
        strategy = st.one_of(strategy, operation.as_strategy(
            generation_mode=mode, path_parameters={"uuid": existing_uuid}))

    @limits
    @given(case=strategy)
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()
