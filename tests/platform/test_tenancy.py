import pytest

from raadhuis.platform import audit, tenancy
from raadhuis.platform.models import AuditEntry
from raadhuis.platform.tenancy import TenantScopeMissing


def _audit(organisation, url):
    return audit.record_change(
        organisation=organisation, bron="test", actie="create", resource="ding", resource_url=url
    )


@pytest.fixture
def entries(two_municipalities, system_scope):
    a, b = two_municipalities
    return _audit(a, "urn:a"), _audit(b, "urn:b")


def test_query_outside_any_scope_fails_loudly(entries):
    with tenancy.scope_for([]):
        pass
    token = tenancy._current.set(None)
    try:
        with pytest.raises(TenantScopeMissing):
            list(AuditEntry.objects.all())
    finally:
        tenancy._current.reset(token)


def test_scope_filters_every_query(two_municipalities, entries):
    a, b = two_municipalities
    with tenancy.scope_for([a.pk]):
        assert [e.resource_url for e in AuditEntry.objects.filter(bron="test")] == ["urn:a"]
        assert AuditEntry.objects.filter(bron="test").count() == 1
        assert not AuditEntry.objects.filter(resource_url="urn:b").exists()
        with pytest.raises(AuditEntry.DoesNotExist):
            AuditEntry.objects.get(pk=entries[1].pk)


def test_filter_is_resolved_when_the_query_runs_not_when_it_is_built(two_municipalities, entries):
    a, b = two_municipalities
    queryset = AuditEntry.objects.filter(bron="test")  # built at "import time", as in a DRF view
    with tenancy.scope_for([b.pk]):
        assert [e.resource_url for e in queryset.all()] == ["urn:b"]
    with tenancy.scope_for([a.pk, b.pk]):
        assert queryset.all().count() == 2


def test_empty_scope_sees_nothing(entries):
    with tenancy.scope_for([]):
        assert AuditEntry.objects.count() == 0


def test_writing_outside_the_scope_is_refused(two_municipalities, entries):
    a, b = two_municipalities
    with tenancy.scope_for([a.pk]), pytest.raises(PermissionError):
        _audit(b, "urn:sneaky")
