import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models.deletion import Collector

from raadhuis.platform import audit, context, tenancy
from raadhuis.platform.models import AuditEntry, DeliveryAttempt, Membership, ProcessingLogEntry
from raadhuis.platform.models.audit import AppendOnlyError

ACTOR = context.Actor(gebruikers_id="jdevries", gebruikers_weergave="J. de Vries",
                      applicatie_id="werkplek", applicatie_weergave="Werkplek")


@pytest.fixture
def entry(two_municipalities, system_scope):
    with context.acting_as(ACTOR), context.request_id("req-12345678"):
        return audit.record_change(
            organisation=two_municipalities[0], bron="ZRC", actie="partial_update",
            resource="zaak", resource_url="https://x/zaken/1", oud={"omschrijving": "oud"},
            nieuw={"omschrijving": "nieuw"},
        )


def test_change_records_who_what_when_and_request(entry):
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.gebruikers_id, stored.gebruikers_weergave) == ("jdevries", "J. de Vries")
    assert (stored.applicatie_id, stored.request_id) == ("werkplek", "req-12345678")
    assert stored.oud == {"omschrijving": "oud"} and stored.nieuw == {"omschrijving": "nieuw"}
    assert stored.hoofd_object == "https://x/zaken/1" and stored.aanmaakdatum is not None


def test_audit_rows_cannot_be_changed_or_deleted_through_the_orm(entry):
    entry.toelichting = "weggepoetst"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(toelichting="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.all_tenants.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).toelichting == ""


def test_database_refuses_raw_update(entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE platform_auditentry SET toelichting = 'x' WHERE id = %s", [entry.pk])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="DELETE trigger is PostgreSQL's")
def test_database_refuses_raw_delete_but_allows_legal_destruction(entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM platform_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
    assert audit.purge_dossier("https://x/zaken/1") == 1
    assert not AuditEntry.objects.filter(pk=entry.pk).exists()
    # The permission ends with the purge: a later raw delete is refused again.
    other = audit.record_change(organisation=entry.organisation, bron="ZRC", actie="create",
                                resource="zaak", resource_url="https://x/zaken/2")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM platform_auditentry WHERE id = %s", [other.pk])


def test_processing_log_requires_purpose_and_legal_basis(two_municipalities, system_scope):
    with pytest.raises(ValueError, match="purpose"):
        audit.log_processing(organisation=two_municipalities[0], verwerkingsactiviteit="Inzien",
                             doelbinding="", grondslag="Awb", betrokkene_id="999993653",
                             soorten_gegevens=["naam"])


def test_processing_log_records_reader_purpose_and_subject(two_municipalities, system_scope):
    with context.acting_as(ACTOR):
        logged = audit.log_processing(
            organisation=two_municipalities[0], verwerkingsactiviteit="Behandelen aanvraag",
            doelbinding="Beoordelen parkeervergunning", grondslag="Wegenverkeerswet art. 18",
            betrokkene_id="999993653", soorten_gegevens=["adres", "naam", "naam"],
        )
    stored = ProcessingLogEntry.objects.get(pk=logged.pk)
    assert stored.uitvoerder_id == "jdevries"
    assert stored.soorten_gegevens == ["adres", "naam"]
    with pytest.raises(AppendOnlyError):
        stored.delete()


def test_processing_log_is_tenant_scoped(two_municipalities, system_scope):
    a, b = two_municipalities
    audit.log_processing(organisation=b, verwerkingsactiviteit="x", doelbinding="y", grondslag="z",
                         betrokkene_id="999993653", soorten_gegevens=["naam"])
    with tenancy.scope_for([a.pk]):
        assert not ProcessingLogEntry.objects.exists()
    with tenancy.scope_for([b.pk]):
        assert ProcessingLogEntry.objects.count() == 1


def test_membership_changes_are_audited_with_old_and_new_values(two_municipalities, system_scope):
    from tests.factories import member

    a, _ = two_municipalities
    user = member(a, "kcc", username="kcc-a")
    membership = user.memberships.get()
    membership.role = "behandelaar"
    membership.save()
    membership.delete()
    trail = AuditEntry.objects.filter(resource="membership", organisation=a).order_by("id")
    assert [e.actie for e in trail] == ["create", "update", "destroy"]
    assert trail[1].oud["role"] == "kcc" and trail[1].nieuw["role"] == "behandelaar"


def test_audit_receivers_leave_other_deletes_to_one_statement(db):
    """The platform's audit receivers name their models: a delete of anything else (here an
    outbox attempt log, the leaf of the purge cascade) is not made to load its rows first."""
    collector = Collector(using=connection.alias)
    assert collector.can_fast_delete(DeliveryAttempt.all_tenants.all())
    assert not collector.can_fast_delete(Membership.objects.none())  # audited on delete
