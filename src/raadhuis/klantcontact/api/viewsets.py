"""The Klantinteracties API: ZGW-style viewsets over the klantcontact records.

As in the ZGW components: JWT clients, the client's organisations as the tenant scope, the
client as actor of the audit trail, strict query parameters and ZGW errors (``ZGWViewMixin``);
scopes come from ``ApiToegang`` (``api/auth.py``). A klantcontact is a record: it can be
created and read, never changed or deleted over the API (the retention purge deletes it).
Klantcontacten marked ``vertrouwelijk`` are only visible with ``klantinteracties.vertrouwelijk-lezen``.
"""

from __future__ import annotations

from django.db import IntegrityError
from django.db.models import ProtectedError
from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, pagination, status, viewsets
from rest_framework.response import Response

from raadhuis.klantcontact import models, services
from raadhuis.klantcontact.api import auth, filters, scopes, serializers
from raadhuis.klantcontact.api.fields import resource_url
from raadhuis.platform import services as platform
from raadhuis.platform.tenancy import TenantModel
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


class Renderer(CamelCaseJSONRenderer):
    """camelCase as every ZGW API, but ``_expand`` keeps its name (Open Klant's)."""

    json_underscoreize = {**CamelCaseJSONRenderer.json_underscoreize, "ignore_keys": ("_expand",)}


class KlantinteractiesViewSet(ZGWViewMixin, viewsets.GenericViewSet):
    permission_classes = [auth.ScopePermission]
    renderer_classes = [Renderer]
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

    # Expansions the standard offers on this resource (``expand=a,b.c``); none by default.
    expand_options: tuple[str, ...] = ()

    def expand_tree(self) -> dict:
        """The ``expand`` parameter as a tree ({"hadBetrokkenen": {"wasPartij": {}}}); a path
        the resource does not offer is a 400."""
        raw = self.request.query_params.get("expand", "") if self.request.method == "GET" else ""
        tree: dict = {}
        for path in filter(None, (part.strip() for part in raw.split(","))):
            if path not in self.expand_options:
                raise exceptions.ValidationError({"expand": [exceptions.ErrorDetail(
                    f"Onbekende waarde {path!r}; mogelijk: {', '.join(self.expand_options)}.",
                    code="invalid_choice")]})
            node = tree
            for name in path.split("."):
                node = node.setdefault(name, {})
        return tree

    # The path to ``vertrouwelijk`` of the klantcontact a record belongs to: hidden (404, not
    # listed) without klantinteracties.vertrouwelijk-lezen.
    vertrouwelijk_path = ""

    def get_queryset(self):
        queryset = super().get_queryset()
        serializer = self.get_serializer_class()
        if issubclass(serializer, serializers.ResourceSerializer):
            queryset = queryset.prefetch_related(*serializers.prefetches(serializer, self.expand_tree()))
        if self.vertrouwelijk_path and not auth.allows(self.request, scopes.VERTROUWELIJK_LEZEN):
            queryset = queryset.exclude(**{self.vertrouwelijk_path: True})
        return queryset

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "request", None) is not None and getattr(self.request, "auth", None) is not None:
            context["vertrouwelijk_lezen"] = auth.allows(self.request, scopes.VERTROUWELIJK_LEZEN)
            tree = self.expand_tree()
            if tree:
                context["expand"] = (self.get_serializer_class(), tree)
        return context

    def perform_create(self, serializer):
        organisation = self._organisation_of(serializer.validated_data)
        self._write("create", lambda: serializer.save(organisation=organisation))

    def perform_update(self, serializer):
        self._organisation_of(serializer.validated_data, serializer.instance.organisation)
        oud = self._describe(serializer.instance)[1]
        self._write("partial_update" if serializer.partial else "update", serializer.save, oud=oud)

    def perform_destroy(self, instance):
        url, oud = self._describe(instance)
        try:
            services.api_delete(instance, url=url, oud=oud)
        except ProtectedError as error:
            message = self.protected_message.format(naam=instance._meta.verbose_name)
            raise exceptions.ValidationError(
                {"nonFieldErrors": [exceptions.ErrorDetail(message, code="protected")]}) from error

    protected_message = ("Deze {naam} is vastgelegd bij klantcontacten en kan niet worden verwijderd; zet "
                         "indicatieActief op false.")

    def _write(self, actie: str, write, oud=None):
        try:
            return services.api_write(actie, write, describe=self._describe, oud=oud)
        except IntegrityError as error:  # a concurrent write took the same number first
            raise exceptions.ValidationError({"nonFieldErrors": [exceptions.ErrorDetail(
                "Dit object bestaat al (gelijktijdig vastgelegd); vraag het op en probeer opnieuw.",
                code="unique")]}) from error

    def _describe(self, instance) -> tuple[str, dict]:
        """URL and representation of a record, for the audit trail."""
        serializer = self.get_serializer_class()(instance, context={"request": self.request})
        return resource_url(instance, self.request), serializer.data

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


def _records(data: dict):
    for value in data.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, TenantModel):
                yield item


class ModelViewSet(KlantinteractiesViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                   mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin):
    pass


def _described(name: str, plural: str, **extra):
    """The standard's summaries: "Alle partijen opvragen.", "Maak een partij aan." …, and the
    ``expand`` parameter of list and read where the resource offers it."""
    texts = {
        "list": f"Alle {plural} opvragen.",
        "retrieve": f"Een specifiek {name} opvragen.",
        "create": f"Maak een {name} aan.",
        "update": f"Werk een {name} in zijn geheel bij.",
        "partial_update": f"Werk een {name} deels bij.",
        "destroy": f"Verwijder een {name}.",
    }

    def decorate(viewset):
        schemas = {action: extend_schema(summary=text, description=extra.get(action, text))
                   for action, text in texts.items() if hasattr(viewset, action)}
        if viewset.expand_options:
            expanded = serializers.expand_serializer(
                viewset.serializer_class, {path.split(".")[0] for path in viewset.expand_options})
            parameters = [_expand_parameter(viewset.expand_options)]
            schemas["list"] = extend_schema(summary=texts["list"], description=texts["list"],
                                            parameters=parameters, responses=expanded(many=True))
            schemas["retrieve"] = extend_schema(summary=texts["retrieve"], description=texts["retrieve"],
                                                parameters=parameters, responses=expanded)
        return extend_schema_view(**schemas)(viewset)

    return decorate


def _expand_parameter(options: tuple[str, ...]) -> OpenApiParameter:
    return OpenApiParameter(
        "expand", {"type": "array", "items": {"type": "string", "enum": list(options)}},
        OpenApiParameter.QUERY, style="form", explode=False,
        description="Sluit de gespecifieerde gerelateerde resources in in het antwoord (onder `_expand`).")


@_described("partij", "partijen")
class PartijViewSet(ModelViewSet):
    queryset = models.Partij.objects.order_by("pk")
    serializer_class = serializers.PartijSerializer
    filterset_class = filters.PartijFilter
    extra_query_params = ("pageSize", "expand")
    expand_options = ("betrokkenen", "betrokkenen.hadKlantcontact", "categorieRelaties", "digitaleAdressen")
    protected_message = ("Onder een partij-identificator van deze {naam} hangen vestigingsnummers van andere "
                         "partijen; verwijder of verplaats die eerst.")

    def retrieve(self, request, *args, **kwargs):
        self._log_read(self.get_object(), "Partij raadplegen (Klantinteracties API)")
        return super().retrieve(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        if request.query_params.get("partijIdentificator__objectId"):
            # A search for a resident by number (KISS: by BSN): each partij found is a read.
            page = getattr(self.paginator, "page", None)
            for partij in page.object_list if page is not None else ():
                self._log_read(partij, "Partij zoeken op partij-identificator (Klantinteracties API)")
        return response

    @staticmethod
    def _log_read(partij, activiteit: str) -> None:
        if partij.bsn:  # reading who a resident is: logged with its purpose (verwerkingenlogging)
            platform.log_processing(
                organisation=partij.organisation, verwerkingsactiviteit=activiteit,
                doelbinding="Klantcontact met de inwoner", grondslag="Awb art. 2:1",
                betrokkene_id=partij.bsn, soorten_gegevens=["contactgegevens"])


@_described("partij-identificator", "partij-identificatoren")
class PartijIdentificatorViewSet(ModelViewSet):
    queryset = models.PartijIdentificator.objects.select_related(
        "identificeerde_partij", "sub_identificator_van").order_by("pk")
    serializer_class = serializers.PartijIdentificatorSerializer
    filterset_class = filters.PartijIdentificatorenFilter
    protected_message = ("Andere partij-identificatoren (vestigingsnummers) horen onder deze {naam}; "
                         "verwijder of wijzig die eerst.")


@_described("vertegenwoordiging", "vertegenwoordigingen")
class VertegenwoordigdenViewSet(ModelViewSet):
    queryset = models.Vertegenwoordigden.objects.order_by("pk")
    serializer_class = serializers.VertegenwoordigdenSerializer
    filterset_class = filters.VertegenwoordigdenFilter


@_described("rekeningnummer", "rekeningnummers")
class RekeningnummerViewSet(ModelViewSet):
    queryset = models.Rekeningnummer.objects.order_by("pk")
    serializer_class = serializers.RekeningnummerSerializer
    filterset_class = filters.RekeningnummerFilter


@_described("categorie", "categorieën")
class CategorieViewSet(ModelViewSet):
    queryset = models.Categorie.objects.order_by("pk")
    serializer_class = serializers.CategorieSerializer
    protected_message = "Deze {naam} is aan partijen gekoppeld; verwijder eerst die categorie-relaties."


@_described("categorie relatie", "categorie relaties")
class CategorieRelatieViewSet(ModelViewSet):
    queryset = models.CategorieRelatie.objects.order_by("pk")
    serializer_class = serializers.CategorieRelatieSerializer
    filterset_class = filters.CategorieRelatieFilter


@_described("digitaal adres", "digitale adressen")
class DigitaalAdresViewSet(ModelViewSet):
    queryset = models.DigitaalAdres.objects.order_by("pk")
    serializer_class = serializers.DigitaalAdresSerializer
    filterset_class = filters.DigitaalAdresFilter
    extra_query_params = ("pageSize", "expand")
    expand_options = ("verstrektDoorBetrokkene", "verstrektDoorBetrokkene.hadKlantcontact",
                      "verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken")


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
    queryset = models.Klantcontact.objects.order_by("plaatsgevonden_op", "pk")
    serializer_class = serializers.KlantcontactSerializer
    filterset_class = filters.KlantcontactFilter
    extra_query_params = ("pageSize", "expand")
    expand_options = ("gingOverOnderwerpobjecten", "hadBetrokkenen", "hadBetrokkenen.digitaleAdressen",
                      "hadBetrokkenen.wasPartij", "leiddeTotInterneTaken", "omvatteBijlagen")
    vertrouwelijk_path = "vertrouwelijk"


@_described("actor klantcontact", "actor klantcontacten")
class ActorKlantcontactViewSet(ModelViewSet):
    queryset = models.ActorKlantcontact.objects.order_by("pk")
    serializer_class = serializers.ActorKlantcontactSerializer
    filterset_class = filters.ActorKlantcontactFilter
    vertrouwelijk_path = "klantcontact__vertrouwelijk"


@_described("betrokkene", "betrokkenen")
class BetrokkeneViewSet(ModelViewSet):
    queryset = models.Betrokkene.objects.order_by("pk")
    serializer_class = serializers.BetrokkeneSerializer
    filterset_class = filters.BetrokkeneFilter
    extra_query_params = ("pageSize", "expand")
    expand_options = ("digitaleAdressen",)
    vertrouwelijk_path = "had_klantcontact__vertrouwelijk"


@_described("onderwerpobject", "onderwerpobjecten")
class OnderwerpobjectViewSet(ModelViewSet):
    queryset = models.Onderwerpobject.objects.order_by("pk")
    serializer_class = serializers.OnderwerpobjectSerializer
    filterset_class = filters.OnderwerpobjectFilter
    vertrouwelijk_path = "klantcontact__vertrouwelijk"


@_described("bijlage", "bijlagen")
class BijlageViewSet(ModelViewSet):
    queryset = models.Bijlage.objects.order_by("pk")
    serializer_class = serializers.BijlageSerializer
    filterset_class = filters.BijlageFilter
    vertrouwelijk_path = "is_bijlage_van__vertrouwelijk"


@_described("interne taak", "interne taken")
class InterneTaakViewSet(ModelViewSet):
    queryset = models.InterneTaak.objects.order_by("pk")
    serializer_class = serializers.InterneTaakSerializer
    filterset_class = filters.InterneTaakFilter
    vertrouwelijk_path = "aanleidinggevend_klantcontact__vertrouwelijk"


class MaakKlantcontactViewSet(KlantinteractiesViewSet):
    """``POST /maak-klantcontact``: klantcontact, betrokkene and onderwerpobject at once."""

    serializer_class = serializers.MaakKlantcontactSerializer
    queryset = models.Klantcontact.objects.none()
    required_scopes = {"create": scopes.AANMAKEN}
    schema_resource = ""

    @extend_schema(summary="Maak een KlantContact, Betrokkene en een OnderwerpObject aan.",
                   description="Maak een KlantContact, Betrokkene en een OnderwerpObject aan.",
                   operation_id="maakKlantcontactCreate", tags=["maak-klantcontact"])
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        parts = [data.get("betrokkene") or {}, data.get("onderwerpobject") or {}]
        organisation = self._organisation_of({f"{i}.{k}": v for i, part in enumerate(parts)
                                              for k, v in part.items()})
        contact, betrokkene, onderwerpobject = services.maak_klantcontact(
            organisation, data["klantcontact"], data.get("betrokkene"), data.get("onderwerpobject"),
            describe=self._describe)
        context = {"request": request}
        body = {
            "klantcontact": serializers.KlantcontactSerializer(contact, context=context).data,
            "betrokkene": serializers.BetrokkeneKlantcontactReadOnly(betrokkene, context=context).data
            if betrokkene else None,
            "onderwerpobject": serializers.OnderwerpobjectKlantcontactReadOnly(
                onderwerpobject, context=context).data if onderwerpobject else None,
        }
        location = body["klantcontact"]["url"]
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": location})

    def _describe(self, instance) -> tuple[str, dict]:
        serializer = serializers.SERIALIZERS[f"{type(instance).__name__}Serializer"]
        data = serializer(instance, context={"request": self.request}).data
        return resource_url(instance, self.request), data
