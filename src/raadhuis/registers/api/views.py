"""Haal Centraal-compatible endpoints: BRP Personen 2.x and a BAG address lookup.

``POST /haalcentraal/api/brp/personen`` takes the standard's request body and answers
``{"type": ..., "personen": [...]}``; errors use the Haal Centraal problem format
(``type``, ``title``, ``status``, ``detail``, ``instance``, ``code``, ``invalidParams``).

Who may ask: a ZGW API client (JWT) with scope ``brp.lezen`` (``bag.lezen`` for addresses),
or an employee with a verified second factor whose role may view persons. Every request
must say why: ``x-doelbinding`` (purpose), ``x-verwerking`` (processing activity) and
``x-grondslag`` (legal basis); these go into the processing log with every person read.
"""

from __future__ import annotations

import logging
import re

from rest_framework import exceptions, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from raadhuis.platform import context, tenancy
from raadhuis.registers import access, services
from raadhuis.registers import query as q
from raadhuis.zgw.common.auth import ClientAuth, ZGWJWTAuthentication

logger = logging.getLogger(__name__)

RFC = "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html"
PROBLEM = {
    400: (f"{RFC}#sec10.4.1", "paramsValidation", "Een of meerdere parameters zijn niet correct."),
    401: (f"{RFC}#sec10.4.2", "authentication", "Niet correct geauthenticeerd."),
    403: (f"{RFC}#sec10.4.4", "autorisation", "U bent niet geautoriseerd voor deze operatie."),
    404: (f"{RFC}#sec10.4.5", "notFound", "Opgevraagde resource bestaat niet."),
    405: (f"{RFC}#sec10.4.6", "methodNotAllowed", "Gebruikte methode wordt niet ondersteund."),
    406: (f"{RFC}#sec10.4.7", "notAcceptable", "Gevraagde contenttype wordt niet ondersteund."),
    415: (f"{RFC}#sec10.4.16", "unsupported", "Unsupported Media Type"),
    500: (f"{RFC}#sec10.5.1", "serverError", "Interne server fout."),
    503: (f"{RFC}#sec10.5.4", "notAvailable", "Bronservice BRP is tijdelijk niet beschikbaar."),
}
PURPOSE_HEADERS = (("x-doelbinding", "doelbinding"), ("x-verwerking", "verwerking"),
                   ("x-grondslag", "grondslag"))
MAX_HEADER = 500


class ProblemJSONRenderer(JSONRenderer):
    media_type = "application/json"
    charset = "utf-8"


class HaalCentraalView(APIView):
    """Base of the endpoints: JWT clients or employees, tenant scope, Haal Centraal errors."""

    authentication_classes = [ZGWJWTAuthentication, SessionAuthentication]
    permission_classes: list = []
    renderer_classes = [ProblemJSONRenderer]
    parser_classes = [JSONParser]
    required_scope = access.BRP_LEZEN
    employee_permission: str | None = access.VIEW_PERSOON

    def initial(self, request, *args, **kwargs):
        self._context_tokens = None
        request.user  # noqa: B018 - authenticate first: the scope must be known before any query
        if isinstance(request.auth, ClientAuth):
            self._context_tokens = (tenancy.enter(request.auth.scope),
                                    context.enter_actor(request.auth.actor))
        super().initial(request, *args, **kwargs)
        self._authorise(request)

    def _authorise(self, request) -> None:
        if not request.user or not request.user.is_authenticated:
            raise exceptions.NotAuthenticated("Geen geldige JWT of ingelogde medewerker.")
        if isinstance(request.auth, ClientAuth):
            allowed = access.client_may(request.auth, self.required_scope)
        else:
            allowed = self.employee_permission is None or request.user.has_perm(self.employee_permission)
        if not allowed:
            raise exceptions.PermissionDenied("De vereiste autorisatie ontbreekt.")

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["api-version"] = "2.5.0"
        if getattr(self, "_context_tokens", None):
            scope_token, actor_token = self._context_tokens
            context.leave_actor(actor_token)
            tenancy.leave(scope_token)
            self._context_tokens = None
        return response

    def handle_exception(self, exc):
        if isinstance(exc, q.InvalidQuery):
            return self.problem(400, invalid_params=exc.invalid_params, title=exc.title)
        if isinstance(exc, services.BrpUnavailable):
            return self.problem(503, detail=str(exc))
        if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
            return self.problem(401, detail=_detail(exc))
        if isinstance(exc, exceptions.APIException) and exc.status_code in PROBLEM:
            if exc.status_code == 400:
                return self.problem(400, invalid_params=[q.problem("body", "parse", _detail(exc))])
            return self.problem(exc.status_code, detail=_detail(exc))
        logger.exception("Unhandled error in the Haal Centraal API", exc_info=exc)
        return self.problem(500)

    def problem(self, status_code: int, *, detail: str = "", invalid_params=None,
                title: str = "") -> Response:
        type_, code, default_title = PROBLEM[status_code]
        body = {"type": type_, "title": title or default_title, "status": status_code,
                "detail": detail or default_title, "instance": self.request.path, "code": code}
        if invalid_params is not None:
            body["invalidParams"] = invalid_params
        response = Response(body, status=status_code, content_type="application/problem+json")
        if status_code == 401:
            response["WWW-Authenticate"] = "Bearer"
        return response

    def purpose(self, request) -> tuple[dict, list[dict]]:
        values, problems = {}, []
        for header, key in PURPOSE_HEADERS:
            value = request.headers.get(header, "").strip()
            if not value:
                problems.append(q.problem(header, "required", "Header is verplicht."))
            elif len(value) > MAX_HEADER:
                problems.append(q.problem(header, "maxLength", f"Waarde is langer dan {MAX_HEADER} tekens."))
            values[key] = value
        return values, problems


def _detail(exc: exceptions.APIException) -> str:
    return exc.detail if isinstance(exc.detail, str) else str(exc.detail)


class PersonenView(HaalCentraalView):
    """``POST /haalcentraal/api/brp/personen``: search or consult persons (BRP Personen 2.x)."""

    def post(self, request):
        purpose, problems = self.purpose(request)
        body = request.data
        try:
            q.parse(body)
        except q.InvalidQuery as error:
            problems += error.invalid_params
        if problems:
            raise q.InvalidQuery(problems)
        personen = services.zoek_personen(body, doel=purpose["doelbinding"], grondslag=purpose["grondslag"],
                                          verwerking=purpose["verwerking"])
        return Response({"type": body["type"], "personen": personen})


BAG_PARAMETERS = {
    "postcode": q.PATTERNS["postcode"],
    "huisnummer": r"^[0-9]{1,5}$",
    "huisletter": q.PATTERNS["huisletter"],
    "huisnummertoevoeging": q.PATTERNS["huisnummertoevoeging"],
    "exacteMatch": r"^(true|false)$",
}


class AdressenView(HaalCentraalView):
    """``GET /haalcentraal/api/bag/adressen?postcode=&huisnummer=``: BAG addresses (HAL).

    Addresses are not personal data: no purpose headers, and any employee may look them up.
    """

    required_scope = access.BAG_LEZEN
    employee_permission = None

    def get(self, request):
        problems = [q.problem(name, "unknownParam", "Parameter is niet verwacht.")
                    for name in request.query_params if name not in BAG_PARAMETERS]
        for name in ("postcode", "huisnummer"):
            if not request.query_params.get(name):
                problems.append(q.problem(name, "required", "Parameter is verplicht."))
        for name, pattern in BAG_PARAMETERS.items():
            value = request.query_params.get(name)
            if value and not re.match(pattern, value):
                problems.append(q.problem(name, "pattern", f"Waarde voldoet niet aan patroon {pattern}."))
        if not problems and not 1 <= int(request.query_params["huisnummer"]) <= 99999:
            problems.append(q.problem("huisnummer", "minimum", "Waarde is kleiner dan minimum 1."))
        if problems:
            raise q.InvalidQuery(problems)
        params = request.query_params
        adressen = services.zoek_adres(params["postcode"], int(params["huisnummer"]),
                                       huisletter=params.get("huisletter", ""),
                                       toevoeging=params.get("huisnummertoevoeging", ""))
        base = request.build_absolute_uri(request.path)
        embedded = []
        for adres in adressen:
            item = {key: value for key, value in adres.items() if key != "id"}
            item["_links"] = {"self": {"href": f"{base}/{adres['nummeraanduidingIdentificatie']}"}}
            embedded.append(item)
        return Response({"_links": {"self": {"href": request.build_absolute_uri()}},
                         "_embedded": {"adressen": embedded}}, status=status.HTTP_200_OK)


class AdresView(HaalCentraalView):
    """``GET /haalcentraal/api/bag/adressen/{nummeraanduidingIdentificatie}``."""

    required_scope = access.BAG_LEZEN
    employee_permission = None

    def get(self, request, identificatie: str):
        adres = services.get_adres(identificatie)
        if adres is None:
            raise exceptions.NotFound("Opgevraagde resource bestaat niet.")
        item = {key: value for key, value in adres.items() if key != "id"}
        item["_links"] = {"self": {"href": request.build_absolute_uri()}}
        return Response(item)
