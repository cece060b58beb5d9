"""An abonnement belongs to its client's organisation and receives only the notifications of
the organisations that client may see — checked when they are routed and when delivered."""

from __future__ import annotations

from raadhuis.platform import outbox
from raadhuis.platform.models import Delivery
from raadhuis.zgw.autorisaties.models import Autorisatie
from raadhuis.zgw.notificaties import delivery
from raadhuis.zgw.notificaties.models import Abonnement
from tests.zgw.notificaties.conftest import (
    BASE,
    BEIDE,
    CONSUMEREN,
    abonnement_deliveries,
    subscribe,
    uuid_of,
    zaak_event,
)
from tests.zgw.notificaties.receiver import NotificationReceiver
from tests.zgw.notificaties.test_notificaties import message


def test_notifications_of_another_organisation_never_arrive(consumer, receiver, orgs):
    a, b = orgs
    subscribe(consumer, receiver.url)
    zaak_event(b, "zaak-van-b")
    assert not abonnement_deliveries().exists()
    zaak_event(a, "zaak-van-a")
    outbox.drain()
    assert [m["hoofdObject"].rsplit("/", 1)[-1] for m in receiver.accepted()] == ["zaak-van-a"]


def test_another_organisations_client_cannot_see_or_change_it(consumer, zgw_client, orgs, receiver):
    body = subscribe(consumer, receiver.url)
    other = zgw_client(orgs[1], CONSUMEREN)
    assert other.get(f"{BASE}/abonnement").json() == []
    assert other.get(body["url"]).status_code == 404
    assert other.patch(body["url"], {"kanalen": []}, format="json").status_code == 404
    assert other.delete(body["url"]).status_code == 404
    assert Abonnement.all_tenants.filter(uuid=uuid_of(body)).exists()


def test_a_client_working_for_two_organisations_receives_both(zgw_client, orgs, receiver):
    a, b = orgs
    regional = zgw_client(a, CONSUMEREN)
    regional.applicatie.extra_organisaties.add(b)
    body = subscribe(regional, receiver.url)
    abonnement = Abonnement.all_tenants.get(uuid=uuid_of(body))
    assert abonnement.organisation == min(orgs, key=lambda o: o.pk)
    assert set(abonnement.organisaties.all()) == {a, b}
    zaak_event(a, "a1")
    zaak_event(b, "b1")
    assert len(outbox.drain().delivered) == 2


def test_reach_is_checked_again_at_delivery(zgw_client, orgs, receiver):
    a, b = orgs
    regional = zgw_client(a, CONSUMEREN)
    regional.applicatie.extra_organisaties.add(b)
    subscribe(regional, receiver.url)
    zaak_event(b, "b1")
    regional.applicatie.extra_organisaties.remove(b)  # B no longer works with this client
    delivery.forget_clients()  # else within CLIENT_TTL_SECONDS
    assert outbox.drain().skipped
    assert "niet (meer) zien" in abonnement_deliveries().get().last_error
    assert receiver.notifications() == []


def test_a_client_without_consumeren_any_more_receives_nothing(consumer, receiver, orgs):
    subscribe(consumer, receiver.url)
    zaak_event(orgs[0])
    Autorisatie.objects.filter(applicatie=consumer.applicatie).update(scopes=["notificaties.publiceren"])
    delivery.forget_clients()
    assert outbox.drain().skipped and receiver.notifications() == []


def test_a_removed_client_receives_nothing(consumer, receiver, orgs):
    subscribe(consumer, receiver.url)
    zaak_event(orgs[0])
    consumer.applicatie.credentials.all().delete()
    delivery.forget_clients()
    assert abonnement_deliveries().get().status == Delivery.Status.PENDING
    assert outbox.drain().skipped


def test_a_published_notification_reaches_only_its_organisation(zgw_client, orgs, receiver):
    a, b = orgs
    subscribe(zgw_client(a, CONSUMEREN), receiver.url)
    other = NotificationReceiver().start()
    try:
        subscribe(zgw_client(b, CONSUMEREN), other.url)
        assert zgw_client(b, BEIDE).post(f"{BASE}/notificaties", message(), format="json").status_code == 200
        outbox.drain()
        assert receiver.accepted() == [] and other.accepted() == [message()]
    finally:
        other.stop()


def test_deliveries_belong_to_the_notifications_organisation(consumer, receiver, orgs):
    subscribe(consumer, receiver.url)
    zaak_event(orgs[0])
    assert abonnement_deliveries().get().organisation == orgs[0]

