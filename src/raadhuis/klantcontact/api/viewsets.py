"""The Klantinteracties API: ZGW-style viewsets over the klantcontact records.

As in the ZGW components: JWT clients, the client's organisations as the tenant scope, the
client as actor of the audit trail, strict query parameters and ZGW errors (``ZGWViewMixin``);
scopes come from ``ApiToegang`` (``api/auth.py``). A klantcontact is a record: it can be
created and read, never changed or deleted over the API (the retention purge deletes it).
Klantcontacten marked ``vertrouwelijk`` are only visible with ``klantinteracties.vertrouwelijk-lezen``.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import ProtectedError
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, pagination, viewsets

from raadhuis.klantcontact import models
from raadhuis.klantcontact.api import auth, filters, scopes, serializers
from raadhuis.klantcontact.api.fields import resource_url
from raadhuis.platform import services as platform
from raadhuis.platform.tenancy import TenantModel
from raadhuis.zgw.common import events
from raadhuis.zgw.common.schema import ZGWAutoSchema
from raadhuis.zgw.common.views import ZGWViewMixin

API_VERSION = "0.1.2"
BRON = "KC"
UUID_REGEX = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


class Pagination(pagination.PageNumberPagination):
    page_size = 100
    page_size_query_param = "pageSize"
    max_page_size = 500


class Schema(ZGWAutoSchema):
    """The ZGW error responses and headers, with the Klantinteracties operationIds
    (``partijenList``: drf-spectacular's own, camelized)."""

    def get_operation_id(self) -> str:
        return AutoSchema.get_operation_id(self)


class KlantinteractiesViewSet(ZGWViewMixin, viewsets.GenericViewSet):
    permission_classes = [auth.ScopePermission]
    pagination_class = Pagination
    schema = Schema()
    extra_query_params = ("pageSize",)
    api_version = API_VERSION
    component = "kc"
    lookup_value_regex = UUID_REGEX
    required_scopes = scopes.CRUD

    def required_scope(self):
        if getattr(self, "action", "") is None:
            return None  # a method the resource does not offer: answered 405, not 403
        return super().required_scope()

    def perform_create(self, serializer):
        with transaction.atomic():
            organisation = self._organisation_of(serializer.validated_data)
            serializer.save(organisation=organisation)
            self._audit("create", serializer.instance, None, serializer.data)

    def perform_update(self, serializer):
        self._organisation_of(serializer.validated_data, serializer.instance.organisation)
        with transaction.atomic():
            oud = self.get_serializer(serializer.instance).data
            serializer.save()
            self._audit("partial_update" if serializer.partial else "update", serializer.instance, oud,
                        serializer.data)

    def perform_destroy(self, instance):
        with transaction.atomic():
            self._audit("destroy", instance, self.get_serializer(instance).data, None)
            try:
                instance.delete()
            except ProtectedError as error:
                raise exceptions.ValidationError({"nonFieldErrors": [exceptions.ErrorDetail(
                    f"Deze {instance._meta.verbose_name} is vastgelegd bij klantcontacten en kan niet "
                    "worden verwijderd; zet indicatieActief op false.", code="protected")]}) from error

    def _organisation_of(self, data: dict, current=None):
        """The organisation a record belongs to: that of the records it refers to (all the
        same), else the client's one organisation."""
        referred = {v.organisation_id for v in _records(data)} | ({current.pk} if current else set())
        if len(referred) > 1:
            raise exceptions.ValidationError({"nonFieldErrors": [exceptions.ErrorDetail(
                "De gerefereerde objecten horen bij verschillende organisaties.",
                code="organisation-mismatch")]})
        if referred:
            return next(o for o in platform.organisations_in_scope() if o.pk in referred)
        organisations = platform.organisations_in_scope()
        if len(organisations) != 1:
            raise exceptions.ValidationError({"nonFieldErrors": [exceptions.ErrorDetail(
                "Deze client werkt voor meerdere organisaties; verwijs naar een object van de organisatie "
                "waarvoor u dit vastlegt.", code="organisation-ambiguous")]})
        return organisations[0]

    def _audit(self, actie: str, instance, oud, nieuw) -> None:
        url = resource_url(instance, self.request)
        events.audit(organisation=instance.organisation, bron=BRON, actie=actie,
                     resource=instance._meta.model_name, resource_url=url, hoofd_object=url,
                     resource_weergave=str(instance)[:200], oud=oud, nieuw=nieuw)


def _records(data: dict):
    for value in data.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, TenantModel):
                yield item


class ModelViewSet(KlantinteractiesViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                   mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin):
    pass


def _described(name: str, plural: str, **extra):
    """The standard's summaries: "Alle partijen opvragen.", "Maak een partij aan." …"""
    texts = {
        "list": f"Alle {plural} opvragen.",
        "retrieve": f"Een specifiek {name} opvragen.",
        "create": f"Maak een {name} aan.",
        "update": f"Werk een {name} in zijn geheel bij.",
        "partial_update": f"Werk een {name} deels bij.",
        "destroy": f"Verwijder een {name}.",
    }

    def decorate(viewset):
        return extend_schema_view(**{
            action: extend_schema(summary=text, description=extra.get(action, text))
            for action, text in texts.items() if hasattr(viewset, action)
        })(viewset)

    return decorate


@_described("partij", "partijen")
class PartijViewSet(ModelViewSet):
    queryset = models.Partij.objects.select_related("voorkeurs_digitaal_adres").prefetch_related(
        "betrokkenen", "digitale_adressen").order_by("pk")
    serializer_class = serializers.PartijSerializer
    filterset_class = filters.PartijFilter

    def retrieve(self, request, *args, **kwargs):
        partij = self.get_object()
        if partij.bsn:  # reading who a resident is: logged with its purpose (verwerkingenlogging)
            platform.log_processing(
                organisation=partij.organisation,
                verwerkingsactiviteit="Partij raadplegen (Klantinteracties API)",
                doelbinding="Klantcontact met de inwoner", grondslag="Awb art. 2:1",
                betrokkene_id=partij.bsn, soorten_gegevens=["contactgegevens"])
        return super().retrieve(request, *args, **kwargs)


@_described("digitaal adres", "digitale adressen")
class DigitaalAdresViewSet(ModelViewSet):
    queryset = models.DigitaalAdres.objects.select_related(
        "verstrekt_door_partij", "verstrekt_door_betrokkene").order_by("pk")
    serializer_class = serializers.DigitaalAdresSerializer
    filterset_class = filters.DigitaalAdresFilter


@_described("actor", "actoren")
class ActorViewSet(ModelViewSet):
    queryset = models.Actor.objects.order_by("pk")
    serializer_class = serializers.ActorSerializer
    filterset_class = filters.ActorFilter


@_described("klant contact", "klanten contacten",
            create="Leg een klantcontact vast. Een klantcontact is een vastlegging: het kan daarna niet "
                   "worden gewijzigd of verwijderd.")
class KlantcontactViewSet(KlantinteractiesViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          mixins.CreateModelMixin):
    queryset = models.Klantcontact.objects.select_related("actor").prefetch_related(
        "onderwerpobjecten", "bijlagen", "betrokkenen", "interne_taken").order_by("plaatsgevonden_op", "pk")
    serializer_class = serializers.KlantcontactSerializer
    filterset_class = filters.KlantcontactFilter

    def get_queryset(self):
        queryset = super().get_queryset()
        if not auth.allows(self.request, scopes.VERTROUWELIJK_LEZEN):
            queryset = queryset.filter(vertrouwelijk=False)
        return queryset


@_described("betrokkene", "betrokkenen")
class BetrokkeneViewSet(ModelViewSet):
    queryset = models.Betrokkene.objects.select_related("was_partij", "had_klantcontact").prefetch_related(
        "digitale_adressen").order_by("pk")
    serializer_class = serializers.BetrokkeneSerializer
    filterset_class = filters.BetrokkeneFilter


@_described("onderwerpobject", "onderwerpobjecten")
class OnderwerpobjectViewSet(ModelViewSet):
    queryset = models.Onderwerpobject.objects.select_related(
        "klantcontact", "was_klantcontact").order_by("pk")
    serializer_class = serializers.OnderwerpobjectSerializer
    filterset_class = filters.OnderwerpobjectFilter


@_described("bijlage", "bijlagen")
class BijlageViewSet(ModelViewSet):
    queryset = models.Bijlage.objects.select_related("is_bijlage_van").order_by("pk")
    serializer_class = serializers.BijlageSerializer
    filterset_class = filters.BijlageFilter


@_described("interne taak", "interne taken")
class InterneTaakViewSet(ModelViewSet):
    queryset = models.InterneTaak.objects.select_related(
        "aanleidinggevend_klantcontact", "toegewezen_aan_actor").order_by("pk")
    serializer_class = serializers.InterneTaakSerializer
    filterset_class = filters.InterneTaakFilter
