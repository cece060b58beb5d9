"""The one door of the Documenten component: every write, with its rules, audit and notification.

The API and other components write through the functions below; ``attrs`` are validated
snake_case model values (``informatieobjecttype`` as a record, ``document`` as the canonical
:class:`InformatieObject`). Each write is one transaction holding the change, the audit trail
row and the notification on kanaal ``documenten`` (kenmerken bronorganisatie,
informatieobjecttype, vertrouwelijkheidaanduiding); hoofdObject is the informatieobject.

File contents are checked and stored *before* the transaction (storage is not
transactional); when the transaction fails the stored file is deleted again, and files that
a deletion frees are removed only after commit. Authorisation is the caller's.

Other components use :func:`resolve`, :func:`mirror_relation` and :func:`remove_mirror`.
"""

from __future__ import annotations

import math
import secrets
from contextlib import contextmanager

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from rest_framework import exceptions

from raadhuis.platform import audit, tenancy
from raadhuis.platform import services as platform
from raadhuis.zgw.common import events
from raadhuis.zgw.common.urls import absolute_url
from raadhuis.zgw.documenten import files, rules
from raadhuis.zgw.documenten.models import (
    BestandsDeel,
    EnkelvoudigInformatieObject,
    Gebruiksrechten,
    InformatieObject,
    ObjectInformatieObject,
    Verzending,
)

BRON = "DRC"
KANAAL = "documenten"
# Fields of the canonical record that repeat the latest version (what reads authorise by).
MIRRORED = ("informatieobjecttype", "vertrouwelijkheidaanduiding", "is_gereed_voor_publicatie")
NON_VERSION_ATTRS = ("inhoud", "lock")


# --- URLs ----------------------------------------------------------------------------------


def document_url(document: InformatieObject) -> str:
    """The canonical URL (RAADHUIS_BASE_URL): hoofdObject of the trail and the notification."""
    return absolute_url("documenten:enkelvoudiginformatieobject-detail", uuid=document.uuid)


def _url(view: str, record) -> str:
    return absolute_url(f"documenten:{view}-detail", uuid=record.uuid)


# --- Enkelvoudige informatieobjecten -------------------------------------------------------


def create_document(attrs: dict, *, request=None) -> EnkelvoudigInformatieObject:
    """Version 1. With ``inhoud`` the file is stored now; with only ``bestandsomvang`` the
    parts to upload are prepared and the document is locked until they are all in."""
    attrs = dict(attrs)
    inhoud = attrs.pop("inhoud", None)
    attrs.pop("lock", None)
    organisation_id = _owning_organisation_id(attrs.get("bronorganisatie", ""))
    rules.prepare(None, attrs)
    limit = _limit(organisation_id)
    files.check_size(attrs.get("bestandsomvang"), limit)
    document_uuid = InformatieObject._meta.get_field("uuid").default()
    stored = _store_inhoud(inhoud, attrs, organisation_id, document_uuid, limit)
    with _cleanup_on_failure(stored), transaction.atomic():
        document = InformatieObject(
            uuid=document_uuid,
            organisation_id=organisation_id,
            laatste_versie=1,
            **{name: attrs.get(name) for name in MIRRORED},
        )
        if not document.vertrouwelijkheidaanduiding:
            document.vertrouwelijkheidaanduiding = attrs["vertrouwelijkheidaanduiding"]
        document.save()
        version = _new_version(document, attrs, stored)
        if stored is None and version.bestandsomvang:
            _prepare_parts(document, version.bestandsomvang)
            document.lock = _new_lock()
            document.save(update_fields=["lock"])
        _record(version, "create", None, request)
    return version


def update_document(
    version: EnkelvoudigInformatieObject, attrs: dict, *, request=None, partial: bool = False
) -> EnkelvoudigInformatieObject:
    """drc-009/drc-010: only with the right lock; every update is a new version."""
    attrs = dict(attrs)
    given_inhoud = "inhoud" in attrs  # also when null: the client says something about the file
    inhoud = attrs.pop("inhoud", None)
    document = version.document
    key = attrs.pop("lock", None)
    rules.check_lock(document, key)
    rules.prepare(version, attrs)
    limit = _limit(document.organisation_id)
    files.check_size(attrs.get("bestandsomvang"), limit)
    formaat = attrs.get("formaat", version.formaat)
    stored = _store_inhoud(
        inhoud, {**attrs, "formaat": formaat}, document.organisation_id, document.uuid, limit
    )
    with _cleanup_on_failure(stored), transaction.atomic():
        document = InformatieObject.objects.select_for_update().get(pk=document.pk)
        rules.check_lock(document, key)  # still ours now that the row is locked
        oud = snapshot(version, request)
        values = {**_values(version), **attrs}
        parts = stored is None and _needs_parts(version, attrs, given_inhoud)
        if stored is None and not parts:
            # No new file: the same file and size, or (inhoud: null) no file at all.
            values["bestandsomvang"] = attrs.get("bestandsomvang") if given_inhoud else version.bestandsomvang
        document.laatste_versie += 1
        new = _new_version(document, values, stored, previous=None if (parts or given_inhoud) else version)
        if parts:
            _prepare_parts(document, new.bestandsomvang)
        _sync_canonical(document, new)
        _record(new, "partial_update" if partial else "update", oud, request)
    return new


def _needs_parts(previous: EnkelvoudigInformatieObject, attrs: dict, given_inhoud: bool) -> bool:
    """The client gives a size without content: a new size, or ``inhoud: null`` with a size."""
    size = attrs.get("bestandsomvang")
    if not size:
        return False
    return given_inhoud or size != previous.bestandsomvang


def delete_document(document: InformatieObject, *, request=None) -> None:
    """drc-008: only without relations; versions, parts, gebruiksrechten, verzendingen and the
    audit trail go too (no soft delete), the files once the deletion is committed."""
    with transaction.atomic():
        _prune_stale_mirrors(document, request)
        rules.check_no_relations(document)
        latest = latest_version(document)
        names = set(document.versies.values_list("bestand", flat=True)) | set(
            document.bestandsdelen.values_list("bestand", flat=True)
        )
        url = document_url(document)
        _record(latest, "destroy", snapshot(latest, request), request, removed=True)
        document.delete()
        audit.purge_dossier(url)
        transaction.on_commit(lambda: files.delete(_unreferenced(names)))


def _new_version(document, values: dict, stored, previous=None) -> EnkelvoudigInformatieObject:
    fields = {k: v for k, v in values.items() if k not in NON_VERSION_ATTRS}
    version = EnkelvoudigInformatieObject(
        document=document,
        organisation_id=document.organisation_id,
        versie=document.laatste_versie,
        begin_registratie=timezone.now(),
        **fields,
    )
    if stored is not None:
        version.bestand, version.bestandsomvang, version.sha256 = stored.name, stored.size, stored.sha256
    elif previous is not None:
        version.bestand, version.sha256 = previous.bestand, previous.sha256
    version.save()
    return version


def _values(version: EnkelvoudigInformatieObject) -> dict:
    """The metadata of a version, to copy into the next one."""
    skip = {"id", "document", "versie", "begin_registratie", "organisation", "bestand", "sha256"}
    return {
        f.name: getattr(version, f.name)
        for f in EnkelvoudigInformatieObject._meta.concrete_fields
        if f.name not in skip
    }


def _sync_canonical(document: InformatieObject, version: EnkelvoudigInformatieObject) -> None:
    for name in MIRRORED:
        setattr(document, name, getattr(version, name))
    document.save()


def _store_inhoud(inhoud, values: dict, organisation_id: int, document_uuid, limit: int):
    if inhoud is None:
        return None
    stored = files.store_base64(
        inhoud,
        name=files.new_name(organisation_id, document_uuid),
        formaat=values.get("formaat", ""),
        limit=limit,
    )
    if values.get("bestandsomvang") not in (None, stored.size) and "bestandsomvang" in values:
        files.delete([stored.name])
        files.reject(
            "bestandsomvang",
            f"De bestandsomvang ({values['bestandsomvang']}) is niet de omvang "
            f"van de inhoud ({stored.size} bytes).",
            "file-size",
        )
    return stored


@contextmanager
def _cleanup_on_failure(stored):
    """A file stored for a change that then fails is removed: nothing half-written stays."""
    try:
        yield
    except BaseException:
        if stored is not None:
            files.delete([stored.name])
        raise


def _limit(organisation_id: int) -> int:
    """The organisation's upload limit (Organisation.max_upload_bytes)."""
    return next(o.max_upload_bytes for o in platform.organisations_in_scope() if o.pk == organisation_id)


def _owning_organisation_id(bronorganisatie: str) -> int:
    """The client's organisation; for a client of several, the one whose RSIN is the
    bronorganisatie (as for besluiten)."""
    ids = tenancy.require_scope().organisation_ids
    if len(ids) == 1:
        return next(iter(ids))
    match = [o.pk for o in platform.organisations_in_scope() if o.rsin == bronorganisatie]
    if len(match) != 1:
        files.reject(
            "bronorganisatie",
            "Kies met bronorganisatie voor welke van uw organisaties het informatieobject is.",
            "invalid",
        )
    return match[0]


# --- Locking and parts (drc-009) ----------------------------------------------------------


def _new_lock() -> str:
    return secrets.token_hex(16)  # not guessable (drc-009)


def lock_document(document: InformatieObject, *, request=None) -> str:
    with transaction.atomic():
        document = InformatieObject.objects.select_for_update().get(pk=document.pk)
        if document.lock:
            files.reject("nonFieldErrors", "Het document is al gelockt.", "existing-lock")
        document.lock = _new_lock()
        document.save(update_fields=["lock"])
        _audit(document, "lock", request)
    return document.lock


def unlock_document(document: InformatieObject, lock: str | None, *, force: bool, request=None) -> None:
    """drc-009: with the lock, or forced (scope geforceerd-unlock, no lock given). The parts of
    an upload are checked and put together first (outside the transaction: it streams the
    whole file); a forced unlock of an incomplete upload drops the parts."""
    forced = force and not lock
    if not forced:
        rules.check_lock(document, lock)
    parts = list(document.bestandsdelen.order_by("volgnummer"))
    names = [p.bestand for p in parts]
    if parts and not forced:
        rules.check_parts_complete(parts)
    stored = _assemble(document, names) if parts and all(names) else None
    with _cleanup_on_failure(stored), transaction.atomic():
        document = InformatieObject.objects.select_for_update().get(pk=document.pk)
        if not forced:
            rules.check_lock(document, lock)
        if stored is not None:
            version = latest_version(document)
            version.bestand, version.bestandsomvang, version.sha256 = stored.name, stored.size, stored.sha256
            version.save(update_fields=["bestand", "bestandsomvang", "sha256"])
        document.bestandsdelen.all().delete()
        document.lock = ""
        document.save(update_fields=["lock"])
        _audit(document, "unlock", request)
        transaction.on_commit(lambda: files.delete(names))


def _assemble(document: InformatieObject, names: list[str]) -> files.Stored:
    """The parts as one checked file. A rejected file is not kept, not even in parts: they
    are emptied and the client (still holding the lock) uploads them again."""
    version = latest_version(document)
    try:
        return files.store_parts(
            names,
            name=files.new_name(document.organisation_id, document.uuid),
            formaat=version.formaat,
            limit=_limit(document.organisation_id),
        )
    except exceptions.ValidationError:
        with transaction.atomic():
            BestandsDeel.objects.filter(document=document).update(bestand="")
        files.delete(names)
        raise


def _prepare_parts(document: InformatieObject, size: int) -> None:
    """The parts of ``size`` bytes, DOCUMENTEN_UPLOAD_CHUNK_SIZE each (the last smaller)."""
    stale = list(document.bestandsdelen.exclude(bestand="").values_list("bestand", flat=True))
    document.bestandsdelen.all().delete()
    chunk = settings.DOCUMENTEN_UPLOAD_CHUNK_SIZE
    count = max(1, math.ceil(size / chunk))
    BestandsDeel.objects.bulk_create(
        [
            BestandsDeel(
                document=document,
                organisation_id=document.organisation_id,
                volgnummer=n + 1,
                omvang=min(chunk, size - n * chunk),
            )
            for n in range(count)
        ]
    )
    transaction.on_commit(lambda: files.delete(stale))


def upload_part(part: BestandsDeel, lock: str, upload, *, request=None) -> BestandsDeel:
    """One part, with the document's lock and exactly the part's size."""
    rules.check_lock(part.document, lock)
    rules.check_part_size(part, upload.size)
    name = files.store_part(upload, name=files.new_name(part.organisation_id, part.document.uuid, "deel"))
    with _cleanup_on_failure(files.Stored(name, upload.size, "")), transaction.atomic():
        part = BestandsDeel.objects.select_for_update().get(pk=part.pk)
        rules.check_lock(InformatieObject.objects.get(pk=part.document_id), lock)
        previous = part.bestand
        part.bestand = name
        part.save(update_fields=["bestand"])
        transaction.on_commit(lambda: files.delete([previous]))
    return part


def discard_unreferenced(names) -> None:
    """Delete those of these stored files that no version or part refers to: a caller whose
    transaction rolled back after it stored documents removes their files with it (storage
    has no rollback)."""
    files.delete(_unreferenced(names))


def _unreferenced(names) -> list[str]:
    """Of these file names, those no version or part refers to any more."""
    names = [n for n in names if n]
    with tenancy.system_scope():
        used = set(
            EnkelvoudigInformatieObject.all_tenants.filter(bestand__in=names).values_list(
                "bestand", flat=True
            )
        )
        used |= set(BestandsDeel.all_tenants.filter(bestand__in=names).values_list("bestand", flat=True))
    return [n for n in names if n not in used]


# --- Gebruiksrechten (drc-006) -------------------------------------------------------------


def save_gebruiksrechten(
    instance: Gebruiksrechten | None, attrs: dict, *, request=None, partial: bool = False
) -> Gebruiksrechten:
    with transaction.atomic():
        rules.check_unchanged(instance, attrs, ("document",))
        oud = None if instance is None else snapshot_of(instance, request)
        document = attrs.get("document") or instance.document
        record = instance or Gebruiksrechten(document=document, organisation_id=document.organisation_id)
        for name, value in attrs.items():
            setattr(record, name, value)
        record.save()
        _set_indicatie(document, True)
        actie = "create" if instance is None else "partial_update" if partial else "update"
        _record_sub(record, "gebruiksrechten", actie, oud, snapshot_of(record, request), request)
    return record


def delete_gebruiksrechten(record: Gebruiksrechten, *, request=None) -> None:
    with transaction.atomic():
        _record_sub(record, "gebruiksrechten", "destroy", snapshot_of(record, request), None, request)
        document = record.document
        record.delete()
        if not document.gebruiksrechten.exists():
            _set_indicatie(document, None)  # drc-006: no rights left, so not known


def _set_indicatie(document: InformatieObject, value: bool | None) -> None:
    """drc-006 is a fact about the document, not an edit: the latest version, in place."""
    EnkelvoudigInformatieObject.objects.filter(
        document=document, versie=F("document__laatste_versie")
    ).update(indicatie_gebruiksrecht=value)


# --- Objectinformatieobjecten (the mirror of zaak- and besluitinformatieobjecten) ----------


def create_relation(attrs: dict, *, request=None) -> ObjectInformatieObject:
    """The API's create: drc-002 the object exists, drc-003 once, drc-004 the source has it."""
    document, url, object_type = attrs["document"], rules.canonical(attrs["object"]), attrs["object_type"]
    rules.check_object(url, object_type, document, request)
    return _create_relation(document, url, object_type, request)


def _create_relation(document, url: str, object_type: str, request) -> ObjectInformatieObject:
    with transaction.atomic():
        if ObjectInformatieObject.objects.filter(document=document, object=url).exists():  # drc-003
            files.reject("nonFieldErrors", "Dit informatieobject is al aan dit object gekoppeld.", "unique")
        record = ObjectInformatieObject(
            document=document, organisation_id=document.organisation_id, object=url, object_type=object_type
        )
        try:
            with transaction.atomic():
                record.save()
        except IntegrityError:  # the same relation, created concurrently
            files.reject("nonFieldErrors", "Dit informatieobject is al aan dit object gekoppeld.", "unique")
        _record_sub(record, "objectinformatieobject", "create", None, snapshot_of(record, request), request)
    return record


def delete_relation(record: ObjectInformatieObject, *, request=None) -> None:
    with transaction.atomic():
        _record_sub(record, "objectinformatieobject", "destroy", snapshot_of(record, request), None, request)
        record.delete()


def mirror_relation(informatieobject: str, object_url: str, object_type: str, *, request=None):
    """For the Zaken and Besluiten components: their relation is made, mirror it here.
    Idempotent; None when ``informatieobject`` is not a document of this installation."""
    document = document_for_url(informatieobject)
    if document is None:
        return None
    object_url = rules.canonical(object_url)
    existing = ObjectInformatieObject.objects.filter(document=document, object=object_url).first()
    return existing or _create_relation(document, object_url, object_type, request)


def remove_mirrors_of(object_url: str, *, request=None) -> None:
    """For the Zaken and Besluiten components: their object is deleted, with its relations."""
    for record in ObjectInformatieObject.objects.filter(object=rules.canonical(object_url)):
        delete_relation(record, request=request)


def _prune_stale_mirrors(document: InformatieObject, request) -> None:
    """The zaak or besluit leads ("zaakinformatieobject is leidend"): a mirror whose source
    no longer has the relation (its zaak deleted with its relations) is removed, so that it
    does not block drc-008."""
    for record in list(document.relaties.all()):
        with tenancy.system_scope():  # the zaak may be another organisation's: look, change nothing
            stale = rules.relation_in_source(record.object, record.object_type, document, request) is False
        if stale:
            delete_relation(record, request=request)


def remove_mirror(informatieobject: str, object_url: str, *, request=None) -> None:
    document = document_for_url(informatieobject)
    if document is None:
        return
    record = ObjectInformatieObject.objects.filter(
        document=document, object=rules.canonical(object_url)
    ).first()
    if record is not None:
        delete_relation(record, request=request)


# --- Verzendingen --------------------------------------------------------------------------


def save_verzending(
    instance: Verzending | None, attrs: dict, *, request=None, partial: bool = False
) -> Verzending:
    with transaction.atomic():
        oud = None if instance is None else snapshot_of(instance, request)
        document = attrs.get("document") or instance.document
        record = instance or Verzending(document=document, organisation_id=document.organisation_id)
        for name, value in attrs.items():
            setattr(record, name, value)
        rules.check_one_address(record)
        record.save()
        actie = "create" if instance is None else "partial_update" if partial else "update"
        _record_sub(record, "verzending", actie, oud, snapshot_of(record, request), request)
    return record


def delete_verzending(record: Verzending, *, request=None) -> None:
    with transaction.atomic():
        _record_sub(record, "verzending", "destroy", snapshot_of(record, request), None, request)
        record.delete()


# --- Reads for the API and other components ------------------------------------------------


def latest_version(document: InformatieObject) -> EnkelvoudigInformatieObject:
    return document.versies.select_related("informatieobjecttype", "document").get(
        versie=document.laatste_versie
    )


def version_of(document: InformatieObject, versie: int | None = None, registratie_op=None):
    """The version asked for: by number, or the one registered last before the moment."""
    versions = document.versies.select_related("informatieobjecttype", "document")
    if versie is not None:
        return versions.filter(versie=versie).first()
    if registratie_op is not None:
        return versions.filter(begin_registratie__lte=registratie_op).order_by("-versie").first()
    return versions.filter(versie=document.laatste_versie).first()


def read_inhoud(version: EnkelvoudigInformatieObject):
    """The file of a version, streamed in chunks (for a download outside the API, e.g. the
    werkplek); empty when the version has no file."""
    return files.read(version.bestand) if version.bestand else iter(())


def latest_versions():
    """Every informatieobject in scope, as its latest version."""
    return EnkelvoudigInformatieObject.objects.filter(versie=F("document__laatste_versie"))


def document_for_url(url: str) -> InformatieObject | None:
    uuid = rules.document_uuid(url)
    return None if uuid is None else InformatieObject.objects.filter(uuid=uuid).first()


def resolve(url: str):
    """For the Zaken component: the document at ``url`` (in the current scope), or None."""
    from raadhuis.zgw.zaken.services_subresources import Informatieobject

    document = document_for_url(url)
    if document is None:
        return None
    version = latest_version(document)
    return Informatieobject(
        url=url,
        informatieobjecttype=version.informatieobjecttype,
        status=version.status,
        indicatie_gebruiksrecht=version.indicatie_gebruiksrecht,
    )


def audit_trail(document: InformatieObject):
    return platform.audit_trail_of(document_url(document))


# --- Audit and notification ----------------------------------------------------------------


def snapshot(version: EnkelvoudigInformatieObject, request=None) -> dict:
    from raadhuis.zgw.documenten.api.serializers import EnkelvoudigInformatieObjectSerializer

    return _plain(EnkelvoudigInformatieObjectSerializer(version, context={"request": request}).data)


def snapshot_of(record, request=None) -> dict:
    from raadhuis.zgw.documenten.api import serializers

    serializer = {
        Gebruiksrechten: serializers.GebruiksrechtenSerializer,
        ObjectInformatieObject: serializers.ObjectInformatieObjectSerializer,
        Verzending: serializers.VerzendingSerializer,
    }[type(record)]
    return _plain(serializer(record, context={"request": request}).data)


def _plain(data) -> dict:
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _toelichting(request) -> str:
    return (request.headers.get("X-Audit-Toelichting", "") if request is not None else "")[:1000]


def _kenmerken(version: EnkelvoudigInformatieObject) -> dict:
    return {
        "bronorganisatie": version.bronorganisatie,
        "informatieobjecttype": absolute_url(
            "catalogi:informatieobjecttype-detail", uuid=version.informatieobjecttype.uuid
        ),
        "vertrouwelijkheidaanduiding": version.vertrouwelijkheidaanduiding,
    }


def _record(version, actie: str, oud, request, *, removed: bool = False) -> None:
    url = document_url(version.document)
    events.record(
        organisation=version.document.organisation,
        bron=BRON,
        kanaal=KANAAL,
        actie=actie,
        resource="enkelvoudiginformatieobject",
        resource_url=url,
        hoofd_object=url,
        oud=oud,
        nieuw=None if removed else snapshot(version, request),
        resource_weergave=str(version),
        toelichting=_toelichting(request),
        kenmerken=_kenmerken(version),
    )


def _record_sub(record, resource: str, actie: str, oud, nieuw, request) -> None:
    version = latest_version(record.document)
    events.record(
        organisation=record.document.organisation,
        bron=BRON,
        kanaal=KANAAL,
        actie=actie,
        resource=resource,
        resource_url=_url(resource, record),
        hoofd_object=document_url(record.document),
        oud=oud,
        nieuw=nieuw,
        resource_weergave=str(record),
        toelichting=_toelichting(request),
        kenmerken=_kenmerken(version),
    )


def _audit(document: InformatieObject, actie: str, request) -> None:
    """Locks are in the trail but not notified: they change no data of the document."""
    url = document_url(document)
    platform.record_change(
        organisation=document.organisation,
        bron=BRON,
        actie=actie,
        resource="enkelvoudiginformatieobject",
        resource_url=url,
        hoofd_object=url,
        oud=None,
        nieuw=None,
        resource_weergave=str(document),
        toelichting=_toelichting(request),
    )


def latest_versions_of(document_ids) -> dict:
    """{document id: latest version} for many documents in one query (expand)."""
    versions = (
        latest_versions()
        .filter(document_id__in=set(document_ids))
        .select_related("document", "informatieobjecttype")
        .prefetch_related("document__bestandsdelen")
    )
    return {v.document_id: v for v in versions}


# --- For the resident portal ------------------------------------------------------------------


def latest_versions_for_urls(urls) -> list[EnkelvoudigInformatieObject]:
    """The latest versions of the documents at these URLs (in scope), in one query."""
    uuids = [u for u in (rules.document_uuid(url) for url in urls) if u is not None]
    return list(latest_versions().filter(document__uuid__in=uuids)
                .select_related("document", "informatieobjecttype").order_by("begin_registratie", "pk"))


def read_content(version: EnkelvoudigInformatieObject):
    """The file of a version as chunks, checked against its sha256 first (never serve a file
    that is not what was stored)."""
    files.verify(version.bestand, version.sha256, version.bestandsomvang)
    return files.read(version.bestand)


def documents_as_shown(urls, *, request, expand: str = "") -> dict[str, dict]:
    """The documents at these URLs (their latest versions) as the Documenten API shows them to
    the request's client, for an ``expand`` of another API (the Besluiten API's
    ``informatieobject``): camelCase JSON by the URL as given, with the document's own
    expansions ``expand`` (checked as drc-011 … 014 say, also without URLs). A document the
    client may not see under its drc autorisaties is left out."""
    from djangorestframework_camel_case.util import camelize

    from raadhuis.zgw.common import scopes
    from raadhuis.zgw.documenten.api import expand as expansion
    from raadhuis.zgw.documenten.api.base import COMPONENT, DocumentenRenderer, only_ready_for_publication
    from raadhuis.zgw.documenten.api.serializers import EnkelvoudigInformatieObjectSerializer

    tree = expansion.parse(expand, expansion.DOCUMENT)
    by_uuid = {str(uuid): url for url in urls if (uuid := rules.document_uuid(url)) is not None}
    versions = latest_versions().filter(document__uuid__in=list(by_uuid)).filter(request.auth.visibility(
        COMPONENT, scopes.DOCUMENTEN_LEZEN, "informatieobjecttype__uuid", "vertrouwelijkheidaanduiding"))
    if only_ready_for_publication(request.auth):
        versions = versions.filter(document__is_gereed_voor_publicatie=True)
    versions = list(versions.select_related("document", "informatieobjecttype")
                    .prefetch_related("document__bestandsdelen"))
    context = {"request": request}
    datas = [dict(data) for data in EnkelvoudigInformatieObjectSerializer(versions, many=True,
                                                                          context=context).data]
    expansion.apply(datas, versions, tree, expansion.DOCUMENT, context)
    options = DocumentenRenderer.json_underscoreize
    return {by_uuid[str(version.document.uuid)]: camelize(data, **options)
            for version, data in zip(versions, datas, strict=True)}
