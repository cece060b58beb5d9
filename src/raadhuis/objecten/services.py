"""The one door of the objecten register: object types, objects and their history.

Other components (sensoren, wegen, werkplek, portal) and the APIs read and write objects
only through these functions. They return plain dicts (the Objects API representation) or
the small references below, never models.

Every write runs in one transaction with its audit row and its notification (kanaal
``objecten``, kenmerk ``objectType``), as the Objects API publishes. Authorisation per
object type is the caller's (the API checks the client's permissions); tenancy is the
platform's: every query runs in the current tenant scope, and writes go to the
organisation of the object type.
"""

from __future__ import annotations

import copy
import functools
import math
import uuid as uuidlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import shapely
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from rest_framework.exceptions import ErrorDetail, ValidationError

from raadhuis.objecten import dataquery, geo, schemas
from raadhuis.objecten.models import (
    Object,
    ObjectRecord,
    ObjectType,
    ObjectTypeVersion,
    RecordCount,
    VersionStatus,
    cell_of,
)
from raadhuis.zgw.common import events
from raadhuis.zgw.common.urls import absolute_url, resolve_path

KANAAL = "objecten"
BRON = "OBJECTEN"
_KEEP = object()  # "leave the geometry as it is" (update_object without a geometry)

OBJECTTYPE_FIELDS = (
    "name_plural",
    "description",
    "data_classification",
    "maintainer_organization",
    "maintainer_department",
    "contact_person",
    "contact_email",
    "source",
    "update_frequency",
    "provider_organization",
    "documentation_url",
    "labels",
    "allow_geometry",
    "is_public",
)


# --- References handed to other components ------------------------------------------------


@dataclass(frozen=True)
class ObjecttypeRef:
    uuid: uuidlib.UUID
    name: str
    url: str
    organisation_id: int
    version: int | None  # the latest published version, None when none is published


@dataclass(frozen=True)
class ObjectRef:
    uuid: uuidlib.UUID
    url: str
    type_url: str
    objecttype_uuid: uuidlib.UUID
    index: int  # the index of the record just written
    organisation_id: int


def fail(field: str, message: str, code: str = "invalid") -> None:
    raise ValidationError({field: [ErrorDetail(message, code=code)]})


def today() -> date:
    return timezone.localdate()


# --- URLs ---------------------------------------------------------------------------------


_PLACEHOLDER = "00000000-0000-4000-8000-000000000000"


@functools.cache
def _path_template(view_name: str) -> str:
    """The path of a detail view with ``{}`` for the uuid: reversing a URL costs most of a
    millisecond with this URL configuration, too much for a page of 100 objects."""
    return reverse(view_name, kwargs={"uuid": _PLACEHOLDER}).replace(_PLACEHOLDER, "{}")


def _absolute(view_name: str, key: str, request=None) -> str:
    path = _path_template(view_name).format(key)
    if request is None:
        return settings.RAADHUIS_BASE_URL.rstrip("/") + path
    base = getattr(request, "_objecten_base_url", None)
    if base is None:  # once per request: the scheme and host do not change within it
        base = request.build_absolute_uri("/").rstrip("/")
        request._objecten_base_url = base
    return base + path


def objecttype_url(objecttype, request=None) -> str:
    return _absolute("objecttypes:objecttype-detail", _uuid_of(objecttype), request)


def version_url(objecttype, version: int, request=None) -> str:
    return absolute_url(
        "objecttypes:objecttypeversion-detail", request, objecttype_uuid=_uuid_of(objecttype), version=version
    )


def object_url(obj, request=None) -> str:
    return _absolute("objects:object-detail", _uuid_of(obj), request)


def _uuid_of(value) -> str:
    if isinstance(value, ObjecttypeRef | ObjectRef | ObjectType | Object):
        return str(value.uuid)
    if isinstance(value, dict):
        return str(value["uuid"])
    if isinstance(value, str) and "/" in value:
        return str(uuid_from_url(value, "object") or uuid_from_url(value, "objecttype") or value)
    return str(value)


def uuid_from_url(url: str, kind: str) -> uuidlib.UUID | None:
    """The uuid of a local objecttype ("objecttype") or object ("object") URL, else None."""
    match = resolve_path(url) if isinstance(url, str) else None
    if match is None or match.url_name != f"{kind}-detail" or "uuid" not in match.kwargs:
        return None
    try:
        return uuidlib.UUID(str(match.kwargs["uuid"]))
    except ValueError:
        return None


# --- Object types -------------------------------------------------------------------------


def _objecttype(value) -> ObjectType:
    """The ObjectType (in scope) for a ref, model, uuid or URL; a 400 with a reason otherwise."""
    if isinstance(value, ObjectType):
        return value
    key = value.uuid if isinstance(value, ObjecttypeRef) else value
    if isinstance(key, str) and "/" in key:
        key = uuid_from_url(key, "objecttype")
    try:
        found = ObjectType.objects.filter(uuid=uuidlib.UUID(str(key))).first() if key else None
    except ValueError:
        found = None
    if found is None:
        fail("type", "Onbekend objecttype (of niet van uw organisatie).", "does_not_exist")
    return found


def get_objecttype(value) -> ObjecttypeRef | None:
    try:
        return _ref(_objecttype(value))
    except ValidationError:
        return None


def list_objecttypes() -> list[ObjecttypeRef]:
    return [_ref(t) for t in ObjectType.objects.order_by("name")]


def _ref(objecttype: ObjectType) -> ObjecttypeRef:
    published = latest_published(objecttype)
    return ObjecttypeRef(
        uuid=objecttype.uuid,
        name=objecttype.name,
        url=objecttype_url(objecttype),
        organisation_id=objecttype.organisation_id,
        version=published.version if published else None,
    )


def published_schema(objecttype) -> dict:
    """The JSON schema of the latest published version ({} when none is published)."""
    version = latest_published(_objecttype(objecttype))
    return version.json_schema if version else {}


def latest_published(objecttype: ObjectType) -> ObjectTypeVersion | None:
    return (
        ObjectTypeVersion.objects.filter(object_type=objecttype, status=VersionStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )


def ensure_objecttype(*, organisation, name: str, json_schema: dict, **meta) -> ObjecttypeRef:
    """The object type of this name in the organisation, created with ``json_schema`` as its
    published version 1 when missing. Idempotent: when it exists with the same schema nothing
    changes; with another schema that schema is published as the next version (a published
    version never changes)."""
    with transaction.atomic():
        objecttype = ObjectType.objects.filter(organisation=organisation, name=name).first()
        if objecttype is None:
            meta.setdefault("name_plural", name)
            objecttype = create_objecttype(organisation=organisation, name=name, **meta)
        published = latest_published(objecttype)
        if published is None or published.json_schema != json_schema:
            version = create_version(objecttype, json_schema=json_schema)
            publish_version(objecttype, version.version)
    return _ref(objecttype)


def create_objecttype(*, organisation, name: str, request=None, **attrs) -> ObjectType:
    unknown = set(attrs) - set(OBJECTTYPE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown object type fields: {sorted(unknown)}")
    with transaction.atomic():
        if ObjectType.objects.filter(organisation=organisation, name=name).exists():
            fail("name", "Er bestaat al een objecttype met deze naam.", "unique")
        objecttype = ObjectType(organisation=organisation, name=name, **attrs)
        objecttype.full_clean(exclude=["organisation"])
        objecttype.save()
        _audit_objecttype(objecttype, "create", None, request)
    return objecttype


def update_objecttype(objecttype, attrs: dict, *, request=None) -> ObjectType:
    objecttype = _objecttype(objecttype)
    with transaction.atomic():
        oud = _objecttype_snapshot(objecttype)
        if (
            "name" in attrs
            and attrs["name"] != objecttype.name
            and ObjectType.objects.filter(
                organisation_id=objecttype.organisation_id, name=attrs["name"]
            ).exists()
        ):
            fail("name", "Er bestaat al een objecttype met deze naam.", "unique")
        for name, value in attrs.items():
            if name != "name" and name not in OBJECTTYPE_FIELDS:
                raise TypeError(f"Unknown object type field: {name}")
            setattr(objecttype, name, value)
        objecttype.full_clean(exclude=["organisation"])
        objecttype.save()
        _audit_objecttype(objecttype, "update", oud, request)
    return objecttype


def delete_objecttype(objecttype, *, request=None) -> None:
    objecttype = _objecttype(objecttype)
    with transaction.atomic():
        if Object.objects.filter(object_type=objecttype).exists():
            fail(
                "nonFieldErrors", "Een objecttype met objecten kan niet verwijderd worden.", "pending-objects"
            )
        if (
            ObjectTypeVersion.objects.filter(object_type=objecttype)
            .exclude(status=VersionStatus.DRAFT)
            .exists()
        ):
            fail(
                "nonFieldErrors",
                "Alleen objecttypen met uitsluitend conceptversies kunnen verwijderd worden.",
                "published-versions",
            )
        _audit_objecttype(objecttype, "destroy", _objecttype_snapshot(objecttype), request)
        objecttype.versions.all().delete()
        objecttype.delete()


def create_version(objecttype, *, json_schema: dict, request=None) -> ObjectTypeVersion:
    """A new draft version; only one draft at a time (as the reference Objecttypes API)."""
    objecttype = _objecttype(objecttype)
    try:
        schemas.check_schema(json_schema)
    except schemas.InvalidSchema as error:
        fail("jsonSchema", str(error), "invalid-schema")
    with transaction.atomic():
        versions = ObjectTypeVersion.objects.select_for_update().filter(object_type=objecttype)
        if versions.filter(status=VersionStatus.DRAFT).exists():
            fail(
                "nonFieldErrors",
                "Er is al een conceptversie; wijzig of publiceer die eerst.",
                "existing-draft",
            )
        last = versions.order_by("-version").first()
        version = ObjectTypeVersion.objects.create(
            organisation_id=objecttype.organisation_id,
            object_type=objecttype,
            version=(last.version + 1) if last else 1,
            json_schema=json_schema,
        )
        _audit_version(version, "create", None, request)
    return version


def update_version(
    objecttype, version: int, *, json_schema=None, status=None, request=None
) -> ObjectTypeVersion:
    """Change a draft's schema, publish it, or deprecate a published version.

    Published versions are immutable (their schema validated objects); only their status may
    move on to deprecated. Nothing goes back to draft.
    """
    instance = _version(objecttype, version)
    with transaction.atomic():
        oud = _version_snapshot(instance)
        if json_schema is not None and json_schema != instance.json_schema:
            if instance.status != VersionStatus.DRAFT:
                fail(
                    "jsonSchema",
                    "Een gepubliceerde of verouderde versie kan niet gewijzigd worden.",
                    "published-immutable",
                )
            try:
                schemas.check_schema(json_schema)
            except schemas.InvalidSchema as error:
                fail("jsonSchema", str(error), "invalid-schema")
            instance.json_schema = json_schema
        if status is not None and status != instance.status:
            allowed = {
                VersionStatus.DRAFT: {VersionStatus.PUBLISHED},
                VersionStatus.PUBLISHED: {VersionStatus.DEPRECATED},
            }
            if status not in allowed.get(instance.status, set()):
                fail(
                    "status", f"De status kan niet van {instance.status} naar {status}.", "invalid-transition"
                )
            instance.status = status
            if status == VersionStatus.PUBLISHED:
                instance.published_at = today()
        instance.save()
        _audit_version(instance, "update", oud, request)
    return instance


def publish_version(objecttype, version: int, *, request=None) -> ObjectTypeVersion:
    return update_version(objecttype, version, status=VersionStatus.PUBLISHED, request=request)


def delete_version(objecttype, version: int, *, request=None) -> None:
    instance = _version(objecttype, version)
    if instance.status != VersionStatus.DRAFT:
        fail("status", "Alleen een conceptversie kan verwijderd worden.", "not-draft")
    with transaction.atomic():
        _audit_version(instance, "destroy", _version_snapshot(instance), request)
        instance.delete()


def _version(objecttype, version: int) -> ObjectTypeVersion:
    objecttype = _objecttype(objecttype)
    found = ObjectTypeVersion.objects.filter(object_type=objecttype, version=version).first()
    if found is None:
        fail("typeVersion", f"Versie {version} van dit objecttype bestaat niet.", "does_not_exist")
    return found


def _objecttype_snapshot(objecttype: ObjectType) -> dict:
    values = {name: getattr(objecttype, name) for name in ("name", *OBJECTTYPE_FIELDS)}
    return {"uuid": str(objecttype.uuid), **values}


def _version_snapshot(version: ObjectTypeVersion) -> dict:
    return {"version": version.version, "status": version.status, "jsonSchema": version.json_schema}


def _audit_objecttype(objecttype: ObjectType, actie: str, oud, request) -> None:
    url = objecttype_url(objecttype)
    events.record(
        organisation=objecttype.organisation,
        bron=BRON,
        kanaal="objecttypen",
        actie=actie,
        resource="objecttype",
        resource_url=url,
        hoofd_object=url,
        kenmerken={},
        oud=oud,
        nieuw=None if actie == "destroy" else _objecttype_snapshot(objecttype),
        resource_weergave=objecttype.name,
    )


def _audit_version(version: ObjectTypeVersion, actie: str, oud, request) -> None:
    url = version_url(version.object_type, version.version)
    events.record(
        organisation=version.object_type.organisation,
        bron=BRON,
        kanaal="objecttypen",
        actie=actie,
        resource="objectversion",
        resource_url=url,
        hoofd_object=objecttype_url(version.object_type),
        kenmerken={},
        oud=oud,
        nieuw=None if actie == "destroy" else _version_snapshot(version),
        resource_weergave=str(version),
    )


# --- Objects: writing ---------------------------------------------------------------------


def _schema_version(objecttype: ObjectType, type_version: int | None, *, allowed_old: int | None = None):
    """The version data is validated against: the one asked for (published, or deprecated
    when the object already used it), else the latest published one."""
    if type_version is None:
        found = latest_published(objecttype)
        if found is None:
            fail("typeVersion", "Dit objecttype heeft nog geen gepubliceerde versie.", "no-published-version")
        return found
    found = ObjectTypeVersion.objects.filter(object_type=objecttype, version=type_version).first()
    if found is None:
        fail("typeVersion", f"Versie {type_version} van dit objecttype bestaat niet.", "does_not_exist")
    if found.status == VersionStatus.DRAFT:
        fail("typeVersion", "Een conceptversie kan niet gebruikt worden voor objecten.", "draft-version")
    if found.status == VersionStatus.DEPRECATED and type_version != allowed_old:
        fail(
            "typeVersion", "Deze versie is verouderd; gebruik een gepubliceerde versie.", "deprecated-version"
        )
    return found


def _schema_key(version: ObjectTypeVersion):
    """A cache key for the version's compiled validator, kept on the instance: an import
    reuses one instance for all its rows (database ids can be reused, so no global key)."""
    if not hasattr(version, "_validator_key"):
        version._validator_key = ("objecttypeversion", object())
    return version._validator_key


def _validated(objecttype: ObjectType, version: ObjectTypeVersion, data, geometry) -> tuple:
    try:
        schemas.validate_data(data, version.json_schema, key=_schema_key(version))
    except schemas.InvalidData as error:
        fail("data", str(error), "invalid-json-schema")
    if geometry is None:
        return (None, None, None, None)
    if not objecttype.allow_geometry:
        fail("geometry", "Dit objecttype staat geen geometrie toe.", "geometry-not-allowed")
    try:
        return geo.bbox(geometry)
    except geo.InvalidGeometry as error:
        fail("geometry", str(error), "invalid-geometry")


def create_object(
    objecttype,
    *,
    data: dict,
    geometry: dict | None = None,
    start_at: date | None = None,
    type_version: int | None = None,
    uuid=None,
    request=None,
) -> ObjectRef:
    """A new object with its first record, valid from ``start_at`` (default today)."""
    objecttype = _objecttype(objecttype)
    version = _schema_version(objecttype, type_version)
    bbox = _validated(objecttype, version, data, geometry)
    with transaction.atomic():
        obj = Object(organisation_id=objecttype.organisation_id, object_type=objecttype)
        if uuid is not None:
            if Object.all_tenants.filter(uuid=uuid).exists():
                fail("uuid", "Er bestaat al een object met deze uuid.", "unique")
            obj.uuid = uuid
        obj.save()
        record = _new_record(obj, 1, version.version, data, geometry, bbox, start_at or today())
        RecordCount.created(record)
        _notify(obj, record, "create", None, request)
    return _object_ref(obj, record)


def update_object(
    obj,
    *,
    data: dict,
    geometry=_KEEP,
    start_at: date | None = None,
    type_version: int | None = None,
    correction_of: int | None = None,
    merge: bool = False,
    request=None,
) -> ObjectRef:
    """A new record of the object; the old records stay as they were (history).

    ``geometry`` left out keeps the current geometry, ``None`` removes it. ``merge`` merges
    ``data`` recursively into the current data (PATCH). ``correction_of`` is the index of
    the record this one corrects: that record is marked ``correctedBy`` and no longer
    counts for any date.
    """
    instance = _object(obj)
    with transaction.atomic():
        instance = Object.objects.select_for_update().get(pk=instance.pk)
        objecttype = instance.object_type
        records = ObjectRecord.objects.filter(object=instance)
        latest = records.order_by("-index").first()
        corrected = None
        if correction_of is not None:
            corrected = records.filter(index=correction_of).first()
            if corrected is None:
                fail(
                    "correctionFor", f"Record {correction_of} van dit object bestaat niet.", "does_not_exist"
                )
            if corrected.corrected_by_id is not None:
                fail("correctionFor", f"Record {correction_of} is al gecorrigeerd.", "already-corrected")
        if merge:
            data = _merged(latest.data, data)
        if geometry is _KEEP:
            geometry = latest.geometry
        version = _schema_version(objecttype, type_version, allowed_old=latest.type_version)
        bbox = _validated(objecttype, version, data, geometry)
        start = start_at or (corrected.start_at if corrected else today())
        if corrected is None:
            _close_current(records, start)
        record = _new_record(
            instance, latest.index + 1, version.version, data, geometry, bbox, start, correction_for=corrected
        )
        if corrected is not None:
            record.end_at = corrected.end_at
            record.save(update_fields=["end_at"])
            corrected.corrected_by = record
            corrected.save(update_fields=["corrected_by"])
            RecordCount.add({RecordCount.key(corrected): -1})  # a corrected record counts for no date
        RecordCount.created(record)
        _notify(instance, record, "partial_update" if merge else "update", _represent(latest), request)
    return _object_ref(instance, record)


def _close_current(records: QuerySet, start: date) -> None:
    """The record valid at ``start`` ends there; a new record may not start before it."""
    active = records.filter(corrected_by__isnull=True)
    later = active.filter(start_at__gt=start).order_by("start_at").first()
    if later is not None:
        fail(
            "startAt",
            f"Er is al een record dat later begint ({later.start_at.isoformat()}); "
            "corrigeer dat record met correctionFor.",
            "start-before-current",
        )
    for record in active.filter(start_at__lte=start).filter(Q(end_at__isnull=True) | Q(end_at__gt=start)):
        counted_as = RecordCount.key(record)
        record.end_at = start
        record.save(update_fields=["end_at"])
        RecordCount.moved(counted_as, record)


def _new_record(
    obj: Object, index: int, type_version: int, data, geometry, bbox, start_at: date, correction_for=None
) -> ObjectRecord:
    min_x, min_y, max_x, max_y = bbox
    record = ObjectRecord(
        organisation_id=obj.organisation_id,
        object=obj,
        object_type_id=obj.object_type_id,
        index=index,
        type_version=type_version,
        data=data,
        geometry=geometry,
        min_x=min_x,
        min_y=min_y,
        max_x=max_x,
        max_y=max_y,
        cell_x=cell_of(min_x),
        start_at=start_at,
        registration_at=today(),
        correction_for=correction_for,
    )
    record.save()
    return record


def _merged(base, update):
    if not isinstance(base, dict) or not isinstance(update, dict):
        return copy.deepcopy(update)
    result = copy.deepcopy(base)
    for key, value in update.items():
        result[key] = _merged(result.get(key), value) if isinstance(value, dict) else copy.deepcopy(value)
    return result


def delete_object(obj, *, request=None) -> None:
    """Deletes the object with all its records (privacy law: no history is kept)."""
    instance = _object(obj)
    with transaction.atomic():
        instance = Object.objects.select_for_update().get(pk=instance.pk)  # one delete subtracts once
        live = ObjectRecord.objects.filter(object=instance, corrected_by__isnull=True)
        counted = Counter(RecordCount.key(record) for record in live)
        RecordCount.add({key: -n for key, n in counted.items()})
        latest = ObjectRecord.objects.filter(object=instance).order_by("-index").first()
        if latest is not None:
            _notify(instance, latest, "destroy", _represent(latest), request, nieuw=False)
        ObjectRecord.objects.filter(object=instance).update(correction_for=None, corrected_by=None)
        ObjectRecord.objects.filter(object=instance).delete()
        instance.delete()


def bulk_create_objects(objecttype, rows: Iterable[dict], *, batch_size: int = 2000, request=None) -> int:
    """Create many objects at once (imports): each row ``{"data", "geometry"?, "startAt"?}``.

    Every row is validated like :func:`create_object`; a bad row stops the import with its
    row number, and nothing of the batch is kept. One audit row and one notification for
    the import as a whole, instead of one per object.
    """
    objecttype = _objecttype(objecttype)
    version = _schema_version(objecttype, None)
    registered, count = today(), 0
    with transaction.atomic():
        batch: list[tuple[Object, ObjectRecord]] = []
        for number, row in enumerate(rows, start=1):
            try:
                bbox = _validated(objecttype, version, row.get("data"), row.get("geometry"))
            except ValidationError as error:
                raise ValidationError({f"rij {number}": error.detail}) from error
            obj = Object(organisation_id=objecttype.organisation_id, object_type=objecttype)
            record = ObjectRecord(
                organisation_id=objecttype.organisation_id,
                object_type=objecttype,
                index=1,
                type_version=version.version,
                data=row["data"],
                geometry=row.get("geometry"),
                min_x=bbox[0],
                min_y=bbox[1],
                max_x=bbox[2],
                max_y=bbox[3],
                cell_x=cell_of(bbox[0]),
                start_at=row.get("startAt") or registered,
                registration_at=registered,
            )
            batch.append((obj, record))
            if len(batch) >= batch_size:
                count += _flush(batch)
        count += _flush(batch)
        url = objecttype_url(objecttype)
        events.record(
            organisation=objecttype.organisation,
            bron=BRON,
            kanaal=KANAAL,
            actie="create",
            resource="object",
            resource_url=url,
            hoofd_object=url,
            kenmerken={"objectType": url},
            nieuw={"imported": count},
            resource_weergave=f"import van {count} {objecttype.name_plural}",
        )
    return count


def _flush(batch: list) -> int:
    if not batch:
        return 0
    objects = Object.objects.bulk_create([obj for obj, _ in batch])
    records = []
    for obj, (_, record) in zip(objects, batch, strict=True):
        record.object = obj
        records.append(record)
    ObjectRecord.objects.bulk_create(records)
    RecordCount.created(*records)
    size = len(batch)
    batch.clear()
    return size


def _object(value) -> Object:
    if isinstance(value, Object):
        return value
    key = value.uuid if isinstance(value, ObjectRef) else value
    if isinstance(key, dict):
        key = key.get("uuid")
    if isinstance(key, str) and "/" in key:
        key = uuid_from_url(key, "object")
    try:
        found = Object.objects.select_related("object_type").filter(uuid=uuidlib.UUID(str(key))).first()
    except ValueError:
        found = None
    if found is None:
        fail("uuid", "Onbekend object (of niet van uw organisatie).", "does_not_exist")
    return found


def _object_ref(obj: Object, record: ObjectRecord) -> ObjectRef:
    return ObjectRef(
        uuid=obj.uuid,
        url=object_url(obj),
        type_url=objecttype_url(obj.object_type),
        objecttype_uuid=obj.object_type.uuid,
        index=record.index,
        organisation_id=obj.organisation_id,
    )


def _notify(obj: Object, record: ObjectRecord, actie: str, oud, request, nieuw: bool = True) -> None:
    url = object_url(obj)
    type_url = objecttype_url(obj.object_type)
    events.record(
        organisation=obj.organisation,
        bron=BRON,
        kanaal=KANAAL,
        actie=actie,
        resource="object",
        resource_url=url,
        hoofd_object=url,
        kenmerken={"objectType": type_url},
        oud=oud,
        nieuw=_represent(record) if nieuw else None,
        resource_weergave=obj.object_type.name,
    )


# --- Objects: reading ---------------------------------------------------------------------


def records_at(queryset: QuerySet, *, at: date | None = None, registered: date | None = None) -> QuerySet:
    """The record of each object valid at ``at`` (formal history; default today), or the last
    one registered on or before ``registered`` (material history: what we knew then)."""
    if registered is not None:
        later = ObjectRecord.objects.filter(
            object=OuterRef("object"), registration_at__lte=registered, index__gt=OuterRef("index")
        )
        return queryset.filter(registration_at__lte=registered).filter(~Exists(later))
    moment = at or today()
    return queryset.filter(start_at__lte=moment, corrected_by__isnull=True).filter(
        Q(end_at__isnull=True) | Q(end_at__gt=moment)
    )


def get_object(uuid, *, at: date | None = None, registered: date | None = None) -> dict | None:
    """The object as the Objects API shows it, with its record at that date; None when the
    object is unknown, of another organisation, or had no record then."""
    try:
        key = (
            uuid_from_url(uuid, "object")
            if isinstance(uuid, str) and "/" in uuid
            else uuidlib.UUID(str(uuid))
        )
    except ValueError:
        return None
    queryset = ObjectRecord.objects.filter(object__uuid=key).select_related("object", "object_type")
    record = records_at(queryset, at=at, registered=registered).order_by("-index").first()
    return represent(record) if record is not None else None


def object_history(uuid) -> list[dict]:
    """All records of the object, oldest first (the ``/history`` endpoint)."""
    records = (
        ObjectRecord.objects.filter(object__uuid=uuid)
        .select_related("correction_for", "corrected_by")
        .order_by("index")
    )
    return [_represent(r) for r in records]


def find_objects(
    objecttype,
    *,
    data_attrs: dict | str | None = None,
    within: dict | None = None,
    at: date | None = None,
    limit: int = 100,
) -> list[dict]:
    """Objects of a type at a date (default today), by data attributes and/or area.

    ``data_attrs``: ``{"status": "actief", "hoogte__gt": 5}`` or the API's string form
    ``"status__exact__actief,hoogte__gt__5"``. ``within``: a GeoJSON (Multi)Polygon.
    """
    objecttype = _objecttype(objecttype)
    queryset = search(ObjectRecord.objects.filter(object_type=objecttype), at=at, data_attrs=data_attrs)
    if within is not None:
        ids = ids_within(queryset, _area(within))[:limit]
        records = ObjectRecord.objects.filter(pk__in=ids).select_related("object", "object_type")
        return [represent(r) for r in sorted(records, key=lambda r: ids.index(r.pk))]
    records = queryset.select_related("object", "object_type").order_by("object_id")[:limit]
    return [represent(r) for r in records]


def search(
    queryset: QuerySet,
    *,
    at: date | None = None,
    registered: date | None = None,
    data_attrs=None,
    data_attr: list[str] | None = None,
    data_icontains: str | None = None,
) -> QuerySet:
    """The shared filter of the API and :func:`find_objects`; bad expressions are a 400."""
    queryset = records_at(queryset, at=at, registered=registered)
    try:
        if isinstance(data_attrs, dict):
            conditions = dataquery.from_dict(data_attrs)
        else:
            conditions = dataquery.parse(data_attrs, data_attr)
    except dataquery.InvalidDataFilter as error:
        fail("data_attrs", str(error), "invalid-data-attrs")
    if conditions:
        queryset = queryset.filter(dataquery.q_for(conditions))
    if data_icontains:
        queryset = queryset.filter(dataquery.icontains_anywhere(data_icontains))
    return queryset


def _area(within):
    try:
        return geo.parse_area(within)
    except geo.InvalidGeometry as error:
        fail("geometry.within", str(error), "invalid-geometry")


def ids_within(queryset: QuerySet, area, ordering: tuple[str, ...] = ("object_id",)) -> list[int]:
    """Ids of the records whose geometry lies within the area, in order: first the bounding
    box in SQL (index range scan), then the exact test with shapely."""
    min_x, min_y, max_x, max_y = area.bounds
    first, last = cell_of(min_x), cell_of(max_x)
    # A short list of cells is answered cell by cell by the index; a huge area by one range.
    cells = Q(cell_x__in=range(first, last + 1)) if last - first < 500 else Q(cell_x__range=(first, last))
    candidates = queryset.filter(cells).filter(
        min_x__gte=min_x, max_x__lte=max_x, min_y__gte=min_y, max_y__lte=max_y
    )
    rows = candidates.order_by(*ordering).values_list("pk", "min_x", "min_y", "max_x", "max_y")
    table = np.array(list(rows), dtype=float).reshape(-1, 5)  # ids < 2**53 are exact as floats
    keys, boxes = table[:, 0].astype(np.int64), table[:, 1:]
    shaped = keys[(boxes[:, 0] != boxes[:, 2]) | (boxes[:, 1] != boxes[:, 3])].tolist()
    geometries = (
        dict(ObjectRecord.objects.filter(pk__in=shaped).values_list("pk", "geometry")) if shaped else {}
    )
    return geo.within_many(keys, boxes, geometries, area)


METRES_PER_DEGREE = 111_320.0
NEAR_MAX_EXTENT = 0.05  # degrees: a line or area wider than ~3.5 km west of the circle is missed


def ids_near(queryset: QuerySet, point, distance: float, ordering: tuple = ("object_id",)) -> list[int]:
    """Ids of the records whose geometry comes within ``distance`` metres of ``point``
    ([lon, lat]): candidates by bounding box as :func:`ids_within`, then the exact distance
    in a local equirectangular projection (accurate to well under 1% over municipal
    distances). A line or area whose west edge lies more than NEAR_MAX_EXTENT west of the
    circle is not found (the price of the cell index)."""
    lon, lat = float(point[0]), float(point[1])
    if not (-180 <= lon <= 180 and -85 <= lat <= 85):
        fail("geometry.near.point", "Het punt moet WGS84 zijn: [lengte, breedte].", "invalid-geometry")
    dy = distance / METRES_PER_DEGREE
    dx = distance / (METRES_PER_DEGREE * math.cos(math.radians(lat)))
    # Cells hold geometries by their west edge: look NEAR_MAX_EXTENT further west for lines
    # and areas that start outside the circle and reach into it.
    first, last = cell_of(lon - dx - NEAR_MAX_EXTENT), cell_of(lon + dx)
    candidates = queryset.filter(cell_x__in=range(first, last + 1))
    candidates = candidates.filter(
        max_x__gte=lon - dx, min_x__lte=lon + dx, max_y__gte=lat - dy, min_y__lte=lat + dy
    )
    rows = list(candidates.order_by(*ordering).values_list("pk", "min_x", "min_y", "max_x", "max_y"))
    shaped = [r[0] for r in rows if r[1] != r[3] or r[2] != r[4]]
    geometries = (
        dict(ObjectRecord.objects.filter(pk__in=shaped).values_list("pk", "geometry")) if shaped else {}
    )
    scale_x = METRES_PER_DEGREE * math.cos(math.radians(lat))
    centre = shapely.Point(0, 0)
    result = []
    for pk, min_x, min_y, _max_x, _max_y in rows:
        if pk in geometries:
            try:
                shape = geo.parse(geometries[pk])
            except geo.InvalidGeometry:
                continue
            local = shapely.transform(shape, lambda c: (c - [lon, lat]) * [scale_x, METRES_PER_DEGREE])
            near = local.distance(centre) <= distance
        else:
            near = math.hypot((min_x - lon) * scale_x, (min_y - lat) * METRES_PER_DEGREE) <= distance
        if near:
            result.append(pk)
    return result


def represent(record: ObjectRecord, request=None) -> dict:
    """An object with one record, as the Objects API shows it."""
    obj = record.object
    return {
        "url": object_url(obj, request),
        "uuid": str(obj.uuid),
        "type": objecttype_url(record.object_type, request),
        "record": _represent(record),
    }


# The columns a list needs: fetched as plain rows, far cheaper than model instances with
# four related models for a page of 100.
ROW_FIELDS = (
    "id",
    "index",
    "type_version",
    "data",
    "geometry",
    "start_at",
    "end_at",
    "registration_at",
    "object_type_id",
    "object__uuid",
    "object_type__uuid",
    "correction_for__index",
    "corrected_by__index",
)


def represent_row(row: dict, request=None) -> dict:
    """:func:`represent` for a row of ``queryset.values(*ROW_FIELDS)``."""
    correction_for, corrected_by = row["correction_for__index"], row["corrected_by__index"]
    return {
        "url": _absolute("objects:object-detail", str(row["object__uuid"]), request),
        "uuid": str(row["object__uuid"]),
        "type": _absolute("objecttypes:objecttype-detail", str(row["object_type__uuid"]), request),
        "record": {
            "index": row["index"],
            "typeVersion": row["type_version"],
            "data": row["data"],
            "geometry": row["geometry"],
            "startAt": row["start_at"].isoformat(),
            "endAt": row["end_at"].isoformat() if row["end_at"] else None,
            "registrationAt": row["registration_at"].isoformat(),
            "correctionFor": None if correction_for is None else str(correction_for),
            "correctedBy": None if corrected_by is None else str(corrected_by),
        },
    }


def _represent(record: ObjectRecord) -> dict:
    return {
        "index": record.index,
        "typeVersion": record.type_version,
        "data": record.data,
        "geometry": record.geometry,
        "startAt": record.start_at.isoformat(),
        "endAt": record.end_at.isoformat() if record.end_at else None,
        "registrationAt": record.registration_at.isoformat(),
        "correctionFor": _index_of(record, "correction_for"),
        "correctedBy": _index_of(record, "corrected_by"),
    }


def _index_of(record: ObjectRecord, field: str) -> str | None:
    """The index of a related record, without a query when it is already loaded."""
    if getattr(record, f"{field}_id") is None:
        return None
    return str(getattr(record, field).index)


# --- Zaakobjecten: cases of an object, objects of a case ----------------------------------


def cases_of_object(obj) -> list[dict]:
    """The zaken (in scope) that have this object as zaakobject, newest first.

    A zaakobject's ``object`` is the URL a client sent; besides the canonical URL
    (RAADHUIS_BASE_URL) the URL as given is matched too, when ``obj`` is a URL.
    """
    from raadhuis.zgw.zaken import services as zaken
    from raadhuis.zgw.zaken import services_subresources as zaakrelaties

    urls = {object_url(obj)}
    if isinstance(obj, str) and "/" in obj:
        urls.add(obj)
    found: dict = {}
    for url in urls:
        for zaak in zaakrelaties.zaken_with_object(url):
            found[zaak.pk] = zaak
    ordered = sorted(found.values(), key=lambda z: (z.registratiedatum, z.pk), reverse=True)
    return [
        {
            "url": zaken.zaak_url(z),
            "uuid": str(z.uuid),
            "identificatie": z.identificatie,
            "omschrijving": z.omschrijving,
            "registratiedatum": z.registratiedatum.isoformat(),
        }
        for z in ordered
    ]


def objects_of_case(zaak) -> list[dict]:
    """The objects of this register that the zaak's zaakobjecten point at (in scope, as they
    are today), in the order they were linked. URLs of other registers are left out."""
    from raadhuis.zgw.zaken import services as zaken
    from raadhuis.zgw.zaken import services_subresources as zaakrelaties

    if not hasattr(zaak, "zaakobjecten"):
        zaak = zaken.get_zaak(zaak)
        if zaak is None:
            return []
    result = []
    for url in zaakrelaties.object_urls_of(zaak):
        key = uuid_from_url(url, "object")
        shown = get_object(key) if key else None
        if shown is not None and shown["uuid"] not in {r["uuid"] for r in result}:
            result.append(shown)
    return result
