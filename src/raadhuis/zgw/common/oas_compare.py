"""Does our OpenAPI document keep the contract of the official ZGW specification?

For every path and method of the official document, ours must have the operation with the
same operationId and security scopes; every parameter (name, location, required, schema);
the request body and every response status with its headers and media types; and, in every
body, every field of the official schema (``$ref``, ``allOf`` and discriminated variants
resolved) with a compatible type, format, enum, nullable and readOnly, recursively.

Ours may not add anything unmarked: an extra operation, parameter or field needs
``x-experimental: true``; any other accepted difference is an ``Allowance`` below, with its
reason. Both documents are plain dicts (parsed YAML/JSON).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Formats that change what a value is; int32/float and the like only say how big it may be.
MEANINGFUL_FORMATS = frozenset({"uri", "uuid", "date", "date-time", "duration", "email", "byte", "binary"})
EXPERIMENTAL = "x-experimental"


@dataclass(frozen=True)
class Mismatch:
    path: str
    method: str
    operation: str
    location: str
    field: str
    expected: str
    actual: str

    def __str__(self) -> str:
        where = " ".join(part for part in (self.method.upper(), self.path) if part) or "document"
        field = f" {self.field}" if self.field else ""
        return f"{where} ({self.operation or '-'}) [{self.location}]{field}: " \
               f"expected {self.expected}, got {self.actual}"


@dataclass(frozen=True)
class Allowance:
    """An accepted difference: glob patterns on component, operationId, location and field."""

    component: str
    operation: str
    location: str
    field: str
    reason: str

    def matches(self, component: str, mismatch: Mismatch) -> bool:
        return all(fnmatchcase(value, pattern) for value, pattern in [
            (component, self.component), (mismatch.operation, self.operation),
            (mismatch.location, self.location), (mismatch.field, self.field),
        ])


ALLOWED_DEVIATIONS = [
    Allowance(
        "autorisaties", "applicatie_consumer", "response 200 application/json", "(type)",
        "The OAS declares an array, but the operation looks up the one applicatie of a clientId "
        "('Vraag een applicatie op'); the reference implementation and Open Zaak answer with "
        "one object, and clients expect that.",
    ),
    Allowance(
        "autorisaties", "applicatie_consumer", "response 400", "",
        "clientId is required; without it we answer 400 ValidatieFout, which the OAS omits.",
    ),
    Allowance(
        "notificaties", "abonnement_*", "response 20? application/json", "*auth",
        "auth is the consumer's secret (the Authorization value we send): write-only, as in both "
        "reference implementations (VNG NRC, Open Notificaties), so no other client can read it.",
    ),
    # --- Zaken API 1.7 ---------------------------------------------------------------------
    *[Allowance(
        "zaken", operation, "parameter header", "content-crs required",
        "A request without a body has no CRS to name: Content-Crs is required with a body "
        "(POST, PUT, PATCH), as Open Zaak and the reference implementation check it; requiring "
        "it on a GET, HEAD or DELETE would refuse the requests of every client that works with them.",
    ) for operation in ("zaak_list", "zaak_retrieve", "zaak_headers", "zaak_destroy")],
    Allowance(
        "zaken", "zaak_destroy", "parameter header", "accept-crs required",
        "A DELETE answers 204 without geometry: Open Zaak and the reference implementation do "
        "not ask a DELETE for Accept-Crs (every other zaak operation needs it, with a 412).",
    ),
    Allowance(
        "zaken", "zaaknummer_reserveren", "response 201 application/json", "(type)",
        "One object for one zaaknummer, a list for more: as the operation's own description in the "
        "OAS says and Open Zaak answers; the OAS's schema says a list always.",
    ),
    Allowance(
        "zaken", "status_create", "response 201 application/json", "zaakinformatieobjecten",
        "The OAS's StatusRequestbody lists zaakinformatieobjecten as required but not among its "
        "properties; we answer the whole Status, as Open Zaak does.",
    ),
    # A status is embedded in other resources' _expand too (rollen[].statussen), hence any operation.
    Allowance(
        "zaken", "*", "response 200 application/json", "*_expand.zaak._expand",
        "StatusEmbedded.zaak is a Zaak where every other <Resource>Embedded.zaak is a ZaakExpanded; "
        "a nested expand (expand=zaak.status) works from a status as from the others.",
    ),
    Allowance(
        "zaken", "*", "response 200 application/json", "*_expand.gezetdoor*",
        "A status without gezetdoor (or with a rol that is gone) expands to {} (the OAS's EmptyObject), "
        "as other single relations do; the OAS writes gezetdoor as a plain RolExpanded.",
    ),
    # A zaakinformatieobject is embedded in other resources' _expand too (statussen[]), hence any.
    Allowance(
        "zaken", "*", "response 200 application/json", "*zaakinformatieobjecten[]._expand.status (type)",
        "A zaakinformatieobject's status is optional (the OAS: 'status: nullable'); without one it "
        "expands to {} (the OAS's EmptyObject), as other single relations; the OAS writes a plain "
        "StatusExpanded there.",
    ),
    Allowance(
        "zaken", "zaakinformatieobject_*", "response 200 application/json", "*_expand.status (type)",
        "See the allowance above: the same status, on the zaakinformatieobject's own operations.",
    ),
    Allowance(
        "zaken", "zaaknotitie_list", "parameter query", "gerelateerdAan (type)",
        "The OAS types gerelateerdAan as an integer but describes it ('URL-referentie naar de ZAAK') "
        "and the ZaakNotitie resource's own gerelateerdAan as the zaak's URL; zaken have no integer "
        "identifier a client could know, so the filter takes the URL.",
    ),
    *(Allowance(
        component, "audittrail_*", "response 200 application/json", "*wijzigingen.* (nullable)",
        "A creation has no old state and a deletion no new one: oud/nieuw are null then, as the "
        "reference implementation and Open Zaak send them; the OAS does not mark them nullable. "
        "One AuditTrail serializer for every component (zgw/common/audittrail.py).",
    ) for component in ("zaken", "documenten", "besluiten")),
]


@dataclass(frozen=True)
class Where:
    path: str
    method: str
    operation: str
    location: str = ""

    def at(self, location: str) -> Where:
        return replace(self, location=location)


class Document:
    """An OpenAPI document with ``$ref``/``allOf`` resolution."""

    def __init__(self, raw: dict):
        self.raw = raw

    def resolve(self, node):
        seen = set()
        while isinstance(node, dict) and "$ref" in node and node["$ref"] not in seen:
            seen.add(node["$ref"])
            node = self._lookup(node["$ref"])
        return node if isinstance(node, dict) else {}

    def _lookup(self, ref: str):
        if not ref.startswith("#/"):
            # Another standard's schema (the Catalogi API's, embedded by expand): that
            # component's own contract test compares it; here it is an opaque object.
            return {}
        node = self.raw
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def flatten(self, node, depth: int = 0) -> dict:
        """The schema with allOf merged (the parts' discriminators dropped: a variant is
        compared as itself) and a oneOf/anyOf of plain enums collapsed to one enum."""
        schema = dict(self.resolve(node))
        if depth > 20:
            return schema
        for part in schema.pop("allOf", []):
            _merge(schema, {k: v for k, v in self.flatten(part, depth + 1).items() if k != "discriminator"})
        if "discriminator" not in schema:
            _collapse_enum_union(schema, [self.flatten(b, depth + 1) for b in _branches(schema)])
        return schema

    def variants(self, node) -> tuple[str, dict[str, dict]] | None:
        """(discriminator property, {value: schema node}) of a discriminated schema."""
        schema = self.resolve(node)
        discriminator = schema.get("discriminator")
        if not discriminator:
            return None
        mapping = discriminator.get("mapping") or {}
        found = {value: {"$ref": ref} for value, ref in mapping.items()}
        found = found or {b["$ref"].rsplit("/", 1)[-1]: b for b in _branches(schema) if "$ref" in b}
        found = found or self._subtypes(node.get("$ref") if isinstance(node, dict) else None)
        return (discriminator["propertyName"], found) if found else None

    def _subtypes(self, ref: str | None) -> dict[str, dict]:
        """A base schema's implicit variants: the schemas that include it via allOf, by name."""
        if not ref:
            return {}
        schemas = self.raw.get("components", {}).get("schemas", {})
        return {name: {"$ref": f"#/components/schemas/{name}"} for name, schema in schemas.items()
                if any(part.get("$ref") == ref for part in schema.get("allOf", []))}

    def operations(self) -> dict[tuple[str, str], dict]:
        return {(path, method): op for path, item in self.raw.get("paths", {}).items()
                for method, op in item.items() if method in METHODS}

    def parameters(self, path: str, method: str) -> dict[tuple[str, str], dict]:
        item = self.raw["paths"][path]
        found = {}
        for parameter in [*item.get("parameters", []), *item[method].get("parameters", [])]:
            parameter = self.resolve(parameter)
            name = parameter["name"].lower() if parameter["in"] == "header" else parameter["name"]
            found[(name, parameter["in"])] = parameter
        return found

    def experimental(self, node) -> bool:
        return bool(isinstance(node, dict) and (
            node.get(EXPERIMENTAL) or self.resolve(node).get(EXPERIMENTAL)
            or any(self.experimental(part) for part in node.get("allOf", []))))


def _branches(schema: dict) -> list:
    return schema.get("oneOf") or schema.get("anyOf") or []


def _merge(target: dict, part: dict) -> None:
    target["properties"] = {**part.get("properties", {}), **target.get("properties", {})}
    if not target["properties"]:
        del target["properties"]
    required = sorted(set(target.get("required", [])) | set(part.get("required", [])))
    if required:
        target["required"] = required
    for key, value in part.items():
        if key not in ("properties", "required"):
            target.setdefault(key, value)


def _collapse_enum_union(schema: dict, branches: list[dict]) -> None:
    """drf-spectacular writes a blank or null choice as ``oneOf: [XEnum, BlankEnum, NullEnum]``."""
    if not branches or not all("enum" in b for b in branches):
        return
    values = [v for b in branches for v in b["enum"]]
    schema.pop("oneOf", None)
    schema.pop("anyOf", None)
    schema["enum"] = [v for v in dict.fromkeys(values) if v is not None]
    schema.setdefault("type", next((b["type"] for b in branches if "type" in b), "string"))
    if None in values:
        schema["nullable"] = True


def _type(schema: dict) -> str | None:
    return schema.get("type") or ("object" if "properties" in schema else None)


def _security(document: dict, operation: dict) -> dict[str, list[str]]:
    requirements = operation.get("security", document.get("security", []))
    found: dict[str, set[str]] = {}
    for requirement in requirements:
        for scheme, scopes in requirement.items():
            found.setdefault(scheme, set()).update(scopes)
    return {scheme: sorted(scopes) for scheme, scopes in found.items()}


def _template(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path)


class Comparison:
    def __init__(self, official: dict, ours: dict):
        self.off = Document(official)
        self.ours = Document(ours)
        self.mismatches: list[Mismatch] = []

    def run(self) -> list[Mismatch]:
        document = Where("", "", "", "info")
        self._equal(document, "version", self.off.raw["info"].get("version"),
                    self.ours.raw.get("info", {}).get("version"))
        ours_operations = self.ours.operations()
        for (path, method), operation in self.off.operations().items():
            self._operation(path, method, operation, ours_operations)
        self._extra_operations(ours_operations)
        return self.mismatches

    def report(self, where: Where, field: str, expected, actual) -> None:
        self.mismatches.append(Mismatch(where.path, where.method, where.operation, where.location,
                                        field, str(expected), str(actual)))

    def _equal(self, where: Where, field: str, expected, actual) -> None:
        if expected != actual:
            self.report(where, field, expected, actual)

    # --- Operations ----------------------------------------------------------------------

    def _operation(self, path: str, method: str, operation: dict, ours_operations: dict) -> None:
        where = Where(path, method, operation.get("operationId", ""))
        ours_path = self._our_path(path, method, ours_operations)
        if ours_path is None:
            self.report(where.at("operation"), "", "present", "missing")
            return
        if ours_path != path:
            self.report(where.at("path"), "", path, ours_path)
        ours = ours_operations[(ours_path, method)]
        self._equal(where.at("operationId"), "", operation.get("operationId"), ours.get("operationId"))
        self._equal(where.at("security"), "", _security(self.off.raw, operation),
                    _security(self.ours.raw, ours))
        self._parameters(where, self.off.parameters(path, method), self.ours.parameters(ours_path, method))
        self._request_body(where, operation.get("requestBody"), ours.get("requestBody"))
        self._responses(where, operation.get("responses", {}), ours.get("responses", {}))

    def _our_path(self, path: str, method: str, ours_operations: dict) -> str | None:
        if (path, method) in ours_operations:
            return path
        # The same path with differently named parameters is still the operation.
        return next((p for p, m in ours_operations if m == method and _template(p) == _template(path)), None)

    def _extra_operations(self, ours_operations: dict) -> None:
        official = {(_template(path), method) for path, method in self.off.operations()}
        for (path, method), operation in ours_operations.items():
            if (_template(path), method) not in official and not operation.get(EXPERIMENTAL):
                where = Where(path, method, operation.get("operationId", ""), "operation")
                self.report(where, "", "absent (or x-experimental)", "extra operation")

    def _parameters(self, where: Where, official: dict, ours: dict) -> None:
        for (name, location), parameter in official.items():
            at = where.at(f"parameter {location}")
            mine = ours.get((name, location))
            if mine is None:
                self.report(at, name, "present", "missing")
                continue
            self._equal(at, f"{name} required", bool(parameter.get("required")), bool(mine.get("required")))
            self.schema(at, name, parameter.get("schema", {}), mine.get("schema", {}), "request")
        for (name, location), parameter in ours.items():
            if (name, location) not in official and not self.ours.experimental(parameter):
                self.report(where.at(f"parameter {location}"), name, "absent (or x-experimental)",
                            "extra parameter")

    def _request_body(self, where: Where, official, ours) -> None:
        at = where.at("request body")
        official, ours = self.off.resolve(official), self.ours.resolve(ours)
        if not official or not ours:
            if official or (ours and not self.ours.experimental(ours)):
                self.report(at, "", "present" if official else "absent", "present" if ours else "missing")
            return
        if where.method != "patch":  # a partial update's body is never required as a whole
            self._equal(at, "required", bool(official.get("required")), bool(ours.get("required")))
        self._content(at, official.get("content", {}), ours.get("content", {}), "request")

    def _responses(self, where: Where, official: dict, ours: dict) -> None:
        for code, response in official.items():
            at = where.at(f"response {code}")
            if str(code) not in ours:
                self.report(at, "", "present", "missing")
                continue
            response, mine = self.off.resolve(response), self.ours.resolve(ours[str(code)])
            self._headers(at, response.get("headers", {}), mine.get("headers", {}))
            self._content(at, response.get("content", {}), mine.get("content", {}), "response")
        for code in ours.keys() - {str(c) for c in official}:
            self.report(where.at(f"response {code}"), "", "absent", "extra response")

    def _headers(self, at: Where, official: dict, ours: dict) -> None:
        ours = {name.lower(): header for name, header in ours.items()}
        for name, header in official.items():
            mine = ours.get(name.lower())
            if mine is None:
                self.report(at, f"header {name}", "present", "missing")
            else:
                self.schema(at, f"header {name}", self.off.resolve(header).get("schema", {}),
                            self.ours.resolve(mine).get("schema", {}), "response")

    def _content(self, at: Where, official: dict, ours: dict, direction: str) -> None:
        for media_type, content in official.items():
            if media_type not in ours:
                self.report(at, "media type", media_type, ", ".join(ours) or "none")
            else:
                self.schema(at.at(f"{at.location} {media_type}"), "", content.get("schema", {}),
                            ours[media_type].get("schema", {}), direction)
        if ours and not official:
            self.report(at, "media type", "none", ", ".join(ours))

    # --- Schemas -------------------------------------------------------------------------

    def schema(self, where: Where, field: str, official, ours, direction: str, stack: tuple = ()) -> None:
        key = (_ref(official), _ref(ours))
        if key != (None, None) and key in stack:
            return  # a recursive schema: this pair is being compared further up
        stack = (*stack, key)
        if self._discriminated(where, field, official, ours, direction, stack):
            return
        self._flat(where, field, self.off.flatten(official), self.ours.flatten(ours), direction, stack)

    def _flat(self, where: Where, field: str, official: dict, ours: dict, direction: str, stack) -> None:
        if not self._attributes(where, field, official, ours, direction):
            return
        off_type, ours_type = _type(official), _type(ours)
        if off_type == "array":
            items = official.get("items", {})
            if ours_type == "array":
                self.schema(where, f"{field}[]", items, ours.get("items", {}), direction, stack)
            elif ours_type == "object":  # one item where the standard has a list (allowed or not)
                self.schema(where, f"{field}[]", items, ours, direction, stack)
        elif off_type == "object" and ours_type == "object":
            self._properties(where, field, official, ours, direction, stack)

    def _attributes(self, where: Where, field: str, official: dict, ours: dict, direction: str) -> bool:
        """Compare type, format, enum, nullable, readOnly; False when the types differ."""
        off_type, ours_type = _type(official), _type(ours)
        if off_type and off_type != ours_type:
            self.report(where, _name(field, "type"), off_type, ours_type or "no type")
            same_type = False
        else:
            same_type = True
        if official.get("format") in MEANINGFUL_FORMATS:
            self._equal(where, _name(field, "format"), official["format"], ours.get("format", "no format"))
        self._enum(where, field, official, ours, direction)
        self._equal(where, _name(field, "nullable"), bool(official.get("nullable")),
                    bool(ours.get("nullable")))
        if direction == "response":
            self._equal(where, _name(field, "readOnly"), bool(official.get("readOnly")),
                        bool(ours.get("readOnly")))
        return same_type or (off_type == "array" and ours_type == "object")

    def _enum(self, where: Where, field: str, official: dict, ours: dict, direction: str) -> None:
        if "enum" not in official:
            if "enum" in ours and direction == "request":  # would refuse values the standard allows
                self.report(where, _name(field, "enum"), "any value", sorted(map(str, ours["enum"])))
            return
        expected = {v for v in official["enum"] if v is not None}
        actual = {v for v in ours.get("enum", []) if v is not None}
        if "enum" not in ours:
            self.report(where, _name(field, "enum"), sorted(map(str, expected)), "no enum")
            return
        if expected - actual:
            self.report(where, _name(field, "enum"), "values " + _values(expected - actual), "missing")
        if actual - expected:
            self.report(where, _name(field, "enum"), "no values " + _values(actual - expected), "extra")

    def _properties(self, where: Where, field: str, official: dict, ours: dict, direction, stack) -> None:
        off_props = self._props(self.off, official, direction)
        ours_props = self._props(self.ours, ours, direction)
        for name, schema in off_props.items():
            if name not in ours_props:
                self.report(where, _child(field, name), "present", "missing")
            else:
                self.schema(where, _child(field, name), schema, ours_props[name], direction, stack)
        for name, schema in ours_props.items():
            if name not in off_props and not self.ours.experimental(schema):
                self.report(where, _child(field, name), "absent (or x-experimental)", "extra field")
        self._required(where, field, official, ours, set(off_props), set(ours_props), direction)

    def _props(self, document: Document, schema: dict, direction: str) -> dict:
        hidden = "readOnly" if direction == "request" else "writeOnly"
        return {name: prop for name, prop in schema.get("properties", {}).items()
                if not (prop.get(hidden) or document.flatten(prop).get(hidden))}

    def _required(self, where, field, official, ours, off_props, ours_props, direction) -> None:
        if direction == "request" and where.method == "patch":
            return  # the standards reuse the full schema for PATCH, where nothing is required
        both = off_props & ours_props  # a missing or extra field is reported as such
        expected = set(official.get("required", [])) & both
        actual = set(ours.get("required", [])) & both
        for name in sorted(expected - actual):
            self.report(where, _child(field, name), "required", "optional")
        if direction == "request":  # requiring more refuses requests the standard allows
            for name in sorted(actual - expected):
                self.report(where, _child(field, name), "optional", "required")

    def _discriminated(self, where: Where, field: str, official, ours, direction: str, stack) -> bool:
        off_variants = self.off.variants(official)
        ours_variants = self.ours.variants(ours)
        if off_variants is None:
            if ours_variants is not None:
                self.report(where, field, "one schema", f"variants by {ours_variants[0]}")
            return ours_variants is not None
        prop, off_map = off_variants
        if ours_variants is None:
            self.report(where, field, f"variants by {prop}", "one schema")
            ours_map = dict.fromkeys(off_map, ours)
        else:
            self._equal(where, _name(field, "discriminator"), prop, ours_variants[0])
            ours_map = ours_variants[1]
        for value, schema in off_map.items():
            self._variant(where, f"{field}<{prop}={value}>", prop, value, schema, ours_map.get(value),
                          direction, stack)
        for value in ours_map.keys() - off_map.keys():
            self.report(where, f"{field}<{prop}={value}>", "absent", "extra variant")
        return True

    def _variant(self, where, field, prop, value, official, ours, direction, stack) -> None:
        if ours is None:
            self.report(where, field, "variant", "missing")
            return
        official = _narrow(self.off.flatten(official), prop, value)
        ours = _narrow(self.ours.flatten(ours), prop, value)
        self._flat(where, field, official, ours, direction, stack)


def _narrow(schema: dict, prop: str, value: str) -> dict:
    """Within a variant the discriminator has one value, whatever enum either side lists."""
    properties = dict(schema.get("properties", {}))
    if prop in properties:
        properties[prop] = {"type": "string", "enum": [value]}
    return {**schema, "properties": properties}


def _ref(node) -> str | None:
    return node.get("$ref") if isinstance(node, dict) else None


def _child(field: str, name: str) -> str:
    return f"{field}.{name}" if field else name


def _name(field: str, attribute: str) -> str:
    return f"{field} ({attribute})" if field else f"({attribute})"


def _values(values: set) -> str:
    return ", ".join(sorted(map(repr, values)))


def compare(official: dict, ours: dict) -> list[Mismatch]:
    return Comparison(official, ours).run()


def unexplained(component: str, mismatches: list[Mismatch],
                allowances: list[Allowance] = ALLOWED_DEVIATIONS) -> list[Mismatch]:
    return [m for m in mismatches if not any(a.matches(component, m) for a in allowances)]


def unused(component: str, mismatches: list[Mismatch],
           allowances: list[Allowance] = ALLOWED_DEVIATIONS) -> list[Allowance]:
    """Allowances of this component that no longer match anything: remove them."""
    return [a for a in allowances if fnmatchcase(component, a.component)
            and not any(a.matches(component, m) for m in mismatches)]
