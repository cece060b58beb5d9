"""The Zaken service door answers "not found" for identifiers that are not uuids."""

import pytest

from raadhuis.platform import tenancy
from raadhuis.zgw.zaken import services


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["9", "", "niet-een-uuid", None])
def test_lookups_with_a_malformed_uuid_find_nothing(value):
    with tenancy.system_scope():
        assert services.get_zaak(value) is None
        assert services.get_status(value) is None
