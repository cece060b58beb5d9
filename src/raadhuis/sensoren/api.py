"""The SensorThings API 1.1 over HTTP: resource paths, methods, batch and DataArray.

:func:`handle` is transport-independent (method, path, query, body → status, body), so the
HTTP view, ``$batch`` and the MQTT ingest share one implementation. Tenancy (ADR 0017): a
request with a ZGW JWT acts in its client's organisations and may write; an anonymous
request may only read, across all organisations (the sensor register is public by law).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from django.db import DataError, OperationalError, ProgrammingError, transaction
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework.exceptions import AuthenticationFailed

from raadhuis.platform import context, tenancy
from raadhuis.platform.models import Organisation
from raadhuis.sensoren import dataarray, publishing, sqljson
from raadhuis.sensoren import entities as e
from raadhuis.sensoren.errors import (
    BadRequest,
    Forbidden,
    NotFound,
    NotImplementedYet,
    STAError,
    Unauthorized,
)
from raadhuis.sensoren.odata import parse_options
from raadhuis.sensoren.reading import Reader, format_time, property_value
from raadhuis.sensoren.writes import Writer, not_found

logger = logging.getLogger(__name__)
VERSION_PATH = "/sensorthings/v1.1"
SEGMENT = re.compile(r"^([A-Za-z]+)(?:\((\d+)\))?$")
CONFORMANCE = [
    "http://www.opengis.net/spec/iot_sensing/1.1/req/datamodel",
    "http://www.opengis.net/spec/iot_sensing/1.1/req/resource-path/resource-path-to-entities",
    "http://www.opengis.net/spec/iot_sensing/1.1/req/request-data",
    "http://www.opengis.net/spec/iot_sensing/1.1/req/create-update-delete",
    "http://www.opengis.net/spec/iot_sensing/1.1/req/batch-request/batch-request",
    "http://www.opengis.net/spec/iot_sensing/1.1/req/multi-datastream",
    "http://www.opengis.net/spec/iot_sensing/1.1/req/dataArray",
    "http://www.opengis.net/spec/iot_sensing/1.1/req/create-observations-via-mqtt/observations-creation",
    "http://www.opengis.net/spec/iot_sensing/1.1/req/receive-updates-via-mqtt/receive-updates",
]


@dataclass
class Caller:
    """Who asks: the organisations to read and the one to write for (None: read-only)."""

    scope: tenancy.Scope
    write_organisation: Organisation | None = None
    write_error: str = "Schrijven vraagt een API-client (Authorization: Bearer <ZGW JWT>)."
    actor: context.Actor | None = None


@dataclass
class Result:
    status: int
    body: object = None
    headers: dict = field(default_factory=dict)
    raw: str | None = None  # a $value answer (text/plain)
    json_text: str | None = None  # a body PostgreSQL wrote as JSON already (sqljson)


@dataclass
class Target:
    kind: str  # collection, entity, property, value, ref
    entity: e.EntityType
    queryset: object = None
    obj: object = None
    prop: str = ""
    parent: tuple | None = None  # (parent entity, parent obj, nav) of a navigation collection
    url: str = ""


def resolve(path: str, base: str) -> Target:
    segments = [s for s in path.strip("/").split("/") if s]
    if not segments:
        raise BadRequest("Geen resource in het pad.")
    head = SEGMENT.match(segments[0])
    if not head or head.group(1) not in e.BY_SET:
        raise NotFound(f"Onbekende entiteitenverzameling '{segments[0]}'.")
    entity = e.BY_SET[head.group(1)]
    target = Target("collection", entity, entity.model.objects.all(), url=f"{base}/{entity.set_name}")
    if head.group(2):
        target = _single(target, int(head.group(2)))
    for segment in segments[1:]:
        target = _step(target, segment, base)
    return target


def _single(target: Target, pk: int) -> Target:
    obj = target.queryset.filter(pk=pk).first()
    if obj is None:
        raise not_found(target.entity, pk)
    return Target("entity", target.entity, obj=obj, url=f"{target.url.rsplit('/', 1)[0]}/"
                  f"{target.entity.set_name}({pk})" if target.parent is None else f"{target.url}({pk})")


def _step(target: Target, segment: str, base: str) -> Target:
    if segment == "$ref":
        if target.kind not in ("collection", "entity"):
            raise BadRequest("$ref kan alleen na een entiteit of verzameling.")
        return Target("ref", target.entity, target.queryset, target.obj, url=target.url, parent=target.parent)
    if segment == "$value":
        if target.kind != "property":
            raise BadRequest("$value kan alleen na een eigenschap.")
        return Target("value", target.entity, obj=target.obj, prop=target.prop)
    if target.kind != "entity":
        if target.kind == "collection" and SEGMENT.match(segment) is None:
            raise BadRequest(f"Ongeldig padsegment '{segment}'.")
        raise BadRequest(f"Na een verzameling of eigenschap kan '{segment}' niet volgen; kies eerst een "
                         "entiteit met (id).")
    match = SEGMENT.match(segment)
    if match is None:
        raise BadRequest(f"Ongeldig padsegment '{segment}'.")
    name, pk = match.group(1), match.group(2)
    entity, obj = target.entity, target.obj
    nav = entity.navs.get(name)
    if nav is None:
        if pk is None and (name in entity.props or name in e.ID_NAMES):
            return Target("property", entity, obj=obj, prop=name)
        raise NotFound(f"{entity.name} heeft geen eigenschap of navigatie '{name}'.")
    child = e.ENTITIES[nav.target]
    url = f"{target.url}/{name}"
    queryset = child.model.objects.filter(**{nav.reverse: obj.pk})
    if not nav.many:
        found = queryset.first()
        if found is None:
            raise NotFound(f"{entity.name}({obj.pk}) heeft geen {name}.")
        if pk is not None:
            raise BadRequest(f"{name} is één entiteit; een id past daar niet.")
        return Target("entity", child, obj=found, url=f"{base}/{child.set_name}({found.pk})")
    collection = Target("collection", child, queryset, url=url, parent=(entity, obj, nav))
    if pk is not None:
        found = queryset.filter(pk=int(pk)).first()
        if found is None:
            raise not_found(child, pk)
        return Target("entity", child, obj=found, url=f"{base}/{child.set_name}({found.pk})")
    return collection


# --- Methods ----------------------------------------------------------------------------------


def handle(method: str, path: str, query: dict, body, caller: Caller, base: str) -> Result:
    """One request (also one request of a batch); errors become their status and message."""
    try:
        with tenancy.activate(caller.scope):
            return _handle(method, path, query, body, caller, base)
    except STAError as error:
        return Result(error.status, error_body(error.status, error.message))
    except (DataError, ProgrammingError, OperationalError) as error:
        # A type the database cannot compare (e.g. casting text in a JSON property): the
        # client's query, not a server fault. Writes run in a transaction that rolled back.
        logger.info("SensorThings query refused by the database: %s", error)
        message = "De database kan deze query niet uitvoeren (controleer de typen in $filter/$orderby)."
        return Result(400, error_body(400, message))


def _handle(method, path, query, body, caller, base) -> Result:
    if path.strip("/") == "CreateObservations":
        if method != "POST":
            raise STAError("CreateObservations kent alleen POST.", 405)
        writer = _writer(caller, base)
        with transaction.atomic():
            links = dataarray.create_observations(writer, body)
            publishing.publish_changes(writer)
        return Result(201, links)
    if method == "GET":
        return _get(path, query, base)
    if query:
        raise BadRequest("Query-opties horen niet bij een " + method + ".")
    writer = _writer(caller, base)
    with transaction.atomic():
        target = resolve(path, base)
        if method == "POST":
            result = _post(target, body, writer, base)
        elif method in ("PATCH", "PUT"):
            if target.kind != "entity":
                raise BadRequest(f"{method} werkt op één entiteit, bijvoorbeeld Things(1).")
            writer.update(target.entity, target.obj, body, replace=method == "PUT")
            result = Result(200, Reader(base).entity(target.entity, target.obj, parse_options({})))
        elif method == "DELETE":
            if target.kind == "ref":
                raise NotImplementedYet("Het verwijderen van een koppeling ($ref) wordt niet ondersteund.")
            if target.kind != "entity":
                raise BadRequest("DELETE werkt op één entiteit, bijvoorbeeld Things(1).")
            writer.delete(target.entity, target.obj)
            result = Result(200)
        else:
            raise STAError(f"Methode {method} wordt niet ondersteund.", 405)
        publishing.publish_changes(writer)
    return result


def _writer(caller: Caller, base: str) -> Writer:
    if caller.write_organisation is None:
        if caller.scope.all_organisations and caller.write_error.startswith("Schrijven"):
            raise Unauthorized(caller.write_error)
        raise Forbidden(caller.write_error)
    return Writer(caller.write_organisation, base)


def _post(target: Target, body, writer: Writer, base: str) -> Result:
    if target.kind == "ref":
        raise NotImplementedYet("Koppelen via $ref wordt niet ondersteund; gebruik PATCH met {\"@iot.id\"}.")
    if target.kind != "collection":
        raise BadRequest("POST werkt op een verzameling, bijvoorbeeld Things of Things(1)/Datastreams.")
    links = {}
    if target.parent is not None:
        parent_entity, parent, nav = target.parent
        back = next((n for n in target.entity.navs.values() if n.lookup == nav.reverse), None)
        if back is None:
            raise BadRequest("Via dit pad kan niets gemaakt worden.")
        links[back.name] = [parent] if back.many else parent
    obj = writer.create(target.entity, body, links)
    link = f"{base}/{target.entity.set_name}({obj.pk})"
    return Result(201, Reader(base).entity(target.entity, obj, parse_options({})), {"Location": link})


def _get(path: str, query: dict, base: str) -> Result:
    target = resolve(path, base)
    reader = Reader(base)
    if target.kind == "collection":
        options = parse_options(query)
        if options.result_format == "dataArray":
            if target.entity is not e.OBSERVATION:
                raise BadRequest("$resultFormat=dataArray kan alleen bij Observations.")
            return Result(200, dataarray.as_data_array(reader, target.queryset, options, target.url))
        if target.entity is e.OBSERVATION:
            text = sqljson.observations_page(reader, target.queryset, options, target.url)
            if text is not None:
                return Result(200, json_text=text)
        return Result(200, reader.collection(target.entity, target.queryset, options, target.url))
    if target.kind == "entity":
        options = parse_options(query)
        if options.filter or options.orderby or options.top is not None or options.skip or options.count:
            raise BadRequest("Op één entiteit passen alleen $select en $expand.")
        return Result(200, reader.entity(target.entity, target.obj, options))
    if target.kind == "ref":
        if target.obj is not None:
            return Result(200, {"@iot.selfLink": target.url})
        options = parse_options(query)
        queryset = reader.filtered(target.entity, target.queryset, options)
        top = options.top if options.top is not None else 100
        rows = list(queryset[options.skip: options.skip + top])
        body = {"value": [{"@iot.selfLink": f"{base}/{target.entity.set_name}({r.pk})"} for r in rows]}
        return Result(200, body)
    if query:
        raise BadRequest("Query-opties passen niet bij een eigenschap.")
    value = _property(target)
    if target.kind == "value":
        text = value if isinstance(value, str) else json.dumps(value)
        return Result(200, raw="" if value is None else text)
    if value is None:
        return Result(204)
    return Result(200, {target.prop: value})


def _property(target: Target):
    if target.prop in e.ID_NAMES:
        return target.obj.pk
    return property_value(target.obj, target.entity.props[target.prop])


def error_body(status: int, message: str) -> dict:
    codes = {400: "invalid", 401: "not_authenticated", 403: "permission_denied", 404: "not_found",
             405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type",
             501: "not_implemented"}
    return {"type": f"https://raadhuis.nl/fouten/sensorthings/{codes.get(status, 'error')}",
            "code": codes.get(status, "error"), "title": message, "status": status, "detail": message,
            "invalidParams": [], "message": message}


# --- HTTP ---------------------------------------------------------------------------------


def caller_of(request) -> Caller:
    header = request.headers.get("Authorization", "")
    if not header:
        return Caller(tenancy.SYSTEM_SCOPE, None)
    from raadhuis.zgw.common.auth import authenticate_token

    kind, _, token = header.partition(" ")
    if kind != "Bearer" or not token:
        raise Unauthorized("Authorization moet 'Bearer <JWT>' zijn.")
    try:
        client = authenticate_token(token.strip())
    except AuthenticationFailed as error:
        raise Unauthorized(str(error.detail)) from None
    organisation = None
    error = ""
    wanted = request.headers.get("Raadhuis-Organisation", "")
    with tenancy.activate(client.scope):
        organisations = list(Organisation.objects.filter(pk__in=client.organisation_ids))
    if wanted:
        organisation = next((o for o in organisations if o.slug == wanted), None)
        error = f"Organisatie '{wanted}' hoort niet bij deze client."
    elif len(organisations) == 1:
        organisation = organisations[0]
    else:
        error = "Deze client werkt voor meer organisaties: kies er een met de header Raadhuis-Organisation."
    return Caller(client.scope, organisation, error, client.actor)


@csrf_exempt
def endpoint(request, rest: str | None = ""):
    rest = rest or ""
    base = request.build_absolute_uri(VERSION_PATH)
    try:
        if rest.strip("/") == "":
            return JsonResponse(root(base))
        caller = caller_of(request)
        body = _body(request)
        query = dict(parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True))
        token = context.enter_actor(caller.actor) if caller.actor else None
        try:
            if rest.strip("/") == "$batch":
                from raadhuis.sensoren import batch

                return JsonResponse(batch.run(request.method, body, caller, base), status=200)
            result = handle(request.method, rest, query, body, caller, base)
        finally:
            if token is not None:
                context.leave_actor(token)
    except STAError as error:
        return JsonResponse(error_body(error.status, error.message), status=error.status)
    return to_response(result)


def _body(request):
    if request.method not in ("POST", "PATCH", "PUT"):
        return None
    content_type = request.content_type or ""
    if content_type != "application/json":
        raise STAError("Stuur de entiteit als application/json.", 415)
    try:
        return json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError) as error:
        raise BadRequest(f"De body is geen geldige JSON: {error}") from None


def to_response(result: Result):
    if result.raw is not None:
        return HttpResponse(result.raw, content_type="text/plain; charset=utf-8", status=result.status)
    if result.json_text is not None:
        return HttpResponse(result.json_text, content_type="application/json", status=result.status)
    if result.body is None:
        response = HttpResponse(status=result.status)
    else:
        response = JsonResponse(result.body, status=result.status, safe=False)
    for name, value in result.headers.items():
        response[name] = value
    return response


def root(base: str) -> dict:
    return {
        "value": [{"name": s, "url": f"{base}/{s}"} for s in e.BY_SET],
        "serverSettings": {"conformance": CONFORMANCE,
                           "http://www.opengis.net/spec/iot_sensing/1.1/req/create-observations-via-mqtt/"
                           "observations-creation": {"endpoints": publishing.mqtt_endpoints()}},
    }


def split_url(url: str, base: str) -> tuple[str, dict]:
    """A batch request's url (relative, or absolute under this service) → (path, query)."""
    parts = urlsplit(url)
    path = parts.path
    for prefix in (urlsplit(base).path, VERSION_PATH):
        if path.startswith(prefix):
            path = path[len(prefix):]
            break
    return path, dict(parse_qsl(parts.query, keep_blank_values=True))


__all__ = ["Caller", "Result", "endpoint", "format_time", "handle", "split_url"]
