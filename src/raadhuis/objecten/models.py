"""Object types with versioned JSON Schemas, and objects as a history of records.

After the open-source Objecttypes API 2.x and Objects API 2.x (Maykin Media, EUPL-1.2):
an object never changes in place; every change is a new :class:`ObjectRecord` with its own
validity (``start_at``/``end_at``, formal history) and registration date (material history).
"""

import math
import uuid
from datetime import date

from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.counts import CountTable
from raadhuis.platform.tenancy import TenantModel


class DataClassification(models.TextChoices):
    OPEN = "open", _("Open")
    INTERN = "intern", _("Intern")
    CONFIDENTIAL = "confidential", _("Vertrouwelijk")
    STRICTLY_CONFIDENTIAL = "strictly_confidential", _("Strikt vertrouwelijk")


class UpdateFrequency(models.TextChoices):
    REAL_TIME = "real_time", _("Real-time")
    HOURLY = "hourly", _("Elk uur")
    DAILY = "daily", _("Dagelijks")
    WEEKLY = "weekly", _("Wekelijks")
    MONTHLY = "monthly", _("Maandelijks")
    YEARLY = "yearly", _("Jaarlijks")
    UNKNOWN = "unknown", _("Onbekend")


class VersionStatus(models.TextChoices):
    PUBLISHED = "published", _("Gepubliceerd")
    DRAFT = "draft", _("Concept")
    DEPRECATED = "deprecated", _("Verouderd")


class ObjectType(TenantModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    name_plural = models.CharField(_("naam meervoud"), max_length=100)
    description = models.CharField(_("omschrijving"), max_length=1000, blank=True)
    data_classification = models.CharField(
        _("dataclassificatie"),
        max_length=25,
        choices=DataClassification.choices,
        default=DataClassification.OPEN,
    )
    maintainer_organization = models.CharField(_("beheerorganisatie"), max_length=200, blank=True)
    maintainer_department = models.CharField(_("beheerafdeling"), max_length=200, blank=True)
    contact_person = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contact_email = models.CharField(_("contact e-mail"), max_length=200, blank=True)
    source = models.CharField(_("bron"), max_length=200, blank=True)
    update_frequency = models.CharField(
        _("bijwerkfrequentie"),
        max_length=10,
        choices=UpdateFrequency.choices,
        default=UpdateFrequency.UNKNOWN,
    )
    provider_organization = models.CharField(_("leverancier"), max_length=200, blank=True)
    documentation_url = models.URLField(_("documentatie"), blank=True)
    labels = models.JSONField(_("labels"), default=dict, blank=True)
    allow_geometry = models.BooleanField(_("geometrie toegestaan"), default=True)
    # Open data: the current objects of a public type are served without authentication.
    is_public = models.BooleanField(_("gepubliceerd als open data"), default=False)
    created_at = models.DateField(_("aangemaakt op"), auto_now_add=True)
    modified_at = models.DateField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("objecttype")
        verbose_name_plural = _("objecttypen")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="objecten_objecttype_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class ObjectTypeVersion(TenantModel):
    object_type = models.ForeignKey(ObjectType, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveSmallIntegerField(_("versie"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    json_schema = models.JSONField(_("JSON schema"), default=dict)
    created_at = models.DateField(auto_now_add=True)
    modified_at = models.DateField(auto_now=True)
    published_at = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("objecttypeversie")
        verbose_name_plural = _("objecttypeversies")
        ordering = ["object_type", "version"]
        constraints = [
            models.UniqueConstraint(fields=["object_type", "version"], name="objecten_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.object_type.name} v{self.version}"


class Object(TenantModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True)
    object_type = models.ForeignKey(ObjectType, on_delete=models.PROTECT, related_name="instances")

    class Meta:
        verbose_name = _("object")
        verbose_name_plural = _("objecten")

    def __str__(self) -> str:
        return str(self.uuid)


CELL_WIDTH = 0.01  # degrees of longitude, about 700 m in the Netherlands


def cell_of(min_x: float | None) -> int | None:
    return None if min_x is None else math.floor(min_x / CELL_WIDTH)


class ObjectRecord(TenantModel):
    """One state of an object. Never changed after saving, except the bookkeeping of its
    successor (``end_at``) and of its correction (``corrected_by``)."""

    object = models.ForeignKey(Object, on_delete=models.CASCADE, related_name="records")
    # Copied from the object, so filters by type run on this table's own index.
    object_type = models.ForeignKey(ObjectType, on_delete=models.PROTECT, related_name="+")
    index = models.PositiveIntegerField(_("index"))
    type_version = models.PositiveSmallIntegerField(_("typeversie"))
    data = models.JSONField(_("data"), default=dict)
    geometry = models.JSONField(_("geometrie"), null=True, blank=True)
    # The geometry's bounding box (see ADR 0004 and 0012): an index range scan before the exact test.
    min_x = models.FloatField(null=True, blank=True)
    min_y = models.FloatField(null=True, blank=True)
    max_x = models.FloatField(null=True, blank=True)
    max_y = models.FloatField(null=True, blank=True)
    # floor(min_x / CELL_WIDTH): a within search asks for a short list of cells, which the
    # index answers with one narrow range scan on min_y per cell (see ADR 0012).
    cell_x = models.IntegerField(null=True, blank=True)
    start_at = models.DateField(_("geldig vanaf"))
    end_at = models.DateField(_("geldig tot"), null=True, blank=True)
    registration_at = models.DateField(_("geregistreerd op"))
    correction_for = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    corrected_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("objectrecord")
        verbose_name_plural = _("objectrecords")
        constraints = [
            models.UniqueConstraint(fields=["object", "index"], name="objecten_record_unique_index")
        ]
        indexes = [
            models.Index(fields=["object_type", "object"], name="objecten_record_type_obj"),
            # Covering (PostgreSQL): a within search reads its candidates from the index alone.
            models.Index(
                fields=["object_type", "cell_x", "min_y", "min_x", "max_x", "max_y"],
                include=["id", "start_at", "end_at", "corrected_by", "object", "organisation"],
                name="objecten_record_cell_cover",
            ),
            models.Index(fields=["object", "start_at"], name="objecten_record_obj_start"),
        ]

    def __str__(self) -> str:
        return f"{self.object_id}#{self.index}"


OPEN_END = date(9999, 12, 31)  # the count table's end of a record without end_at


class RecordCount(CountTable):
    """The uncorrected records per (organisation, type, startAt, endAt), so that a list
    without filters sums the rows valid on its date instead of counting a million records
    (ADR 0021, 0038). An open end is stored as OPEN_END: a unique key cannot hold NULL."""

    counted = "objecten.ObjectRecord"
    dimensions = ("organisation", "object_type", "start_at", "end_at")

    object_type = models.ForeignKey(ObjectType, on_delete=models.CASCADE, related_name="+")
    start_at = models.DateField()
    end_at = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "object_type", "start_at", "end_at"], name="objecten_recordcount_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.object_type_id} {self.start_at}–{self.end_at}: {self.n}"

    @classmethod
    def key(cls, record) -> tuple:
        return (record.organisation_id, record.object_type_id, record.start_at, record.end_at or OPEN_END)

    @classmethod
    def source(cls) -> models.QuerySet:
        return ObjectRecord.all_tenants.filter(corrected_by__isnull=True).annotate(
            open_end=Coalesce("end_at", models.Value(OPEN_END))
        )

    @classmethod
    def _actual(cls) -> dict:
        rows = (
            cls.source()
            .order_by()
            .values_list("organisation_id", "object_type_id", "start_at", "open_end")
            .annotate(number=models.Count("pk"))
        )
        return {tuple(row[:4]): row[4] for row in rows}

    @classmethod
    def valid_on(cls, moment: date, type_ids=None) -> int:
        """The number of records valid on ``moment`` in the tenant scope (of these types)."""
        condition = models.Q(start_at__lte=moment, end_at__gt=moment)
        if type_ids is not None:
            condition &= models.Q(object_type_id__in=type_ids)
        return cls.total(condition)


class PermissionMode(models.TextChoices):
    READ_ONLY = "read_only", _("Alleen lezen")
    READ_AND_WRITE = "read_and_write", _("Lezen en schrijven")


class ObjectTypePermission(TenantModel):
    """What one API client (an applicatie of the Autorisaties API) may do with one object type.

    After the Objects API's permissions: a mode, and optionally only some data fields
    (``use_fields``/``fields``) that the client may read.
    """

    applicatie_uuid = models.UUIDField(_("applicatie"), db_index=True)
    object_type = models.ForeignKey(ObjectType, on_delete=models.CASCADE, related_name="permissions")
    mode = models.CharField(
        _("modus"), max_length=20, choices=PermissionMode.choices, default=PermissionMode.READ_ONLY
    )
    use_fields = models.BooleanField(_("beperk tot velden"), default=False)
    fields = models.JSONField(
        _("velden"),
        default=list,
        blank=True,
        help_text=_("De toegestane sleutels van data (bovenste niveau)."),
    )

    class Meta:
        verbose_name = _("objecttype-autorisatie")
        verbose_name_plural = _("objecttype-autorisaties")
        constraints = [
            models.UniqueConstraint(
                fields=["applicatie_uuid", "object_type"], name="objecten_permission_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.applicatie_uuid}: {self.object_type} ({self.mode})"
