"""Road segments, vehicles, traces, passes, defects and ground motion of one organisation."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.tenancy import TenantModel


class RoadSegment(TenantModel):
    """A wegvak (NWB) or wegdeel (BGT), with its current condition."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    identificatie = models.CharField(_("identificatie"), max_length=64)
    straatnaam = models.CharField(_("straatnaam"), max_length=200, blank=True)
    wegtype = models.PositiveSmallIntegerField(_("wegtype (CROW 1–7)"), default=7)
    verkeersklasse = models.PositiveSmallIntegerField(_("verkeersklasse (1–5)"), default=2)
    beheerder = models.CharField(_("wegbeheerder"), max_length=200, blank=True)
    geometry = models.JSONField(_("geometrie (WGS84)"))
    coords_rd = models.JSONField(_("coördinaten RD New"))
    length = models.FloatField(_("lengte (m)"))
    object_url = models.URLField(_("object in het objectenregister"), max_length=1000, blank=True)
    # Current condition, recomputed from the passes.
    iri = models.FloatField(_("IRI (m/km)"), null=True, blank=True)
    iri_standard_error = models.FloatField(null=True, blank=True)
    confidence = models.FloatField(_("betrouwbaarheid"), default=0.0)
    pass_count = models.PositiveIntegerField(_("aantal passages"), default=0)
    trend = models.FloatField(_("trend (m/km per jaar)"), null=True, blank=True)
    klasse = models.CharField(_("conditieklasse"), max_length=20, blank=True)
    planning_year = models.PositiveSmallIntegerField(_("planjaar"), null=True, blank=True)
    subsidence = models.FloatField(_("bodemdaling (mm/jaar)"), null=True, blank=True)
    condition_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("wegvak")
        verbose_name_plural = _("wegvakken")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "identificatie"], name="wegen_segment_unique_identificatie"
            )
        ]

    def __str__(self) -> str:
        return f"{self.straatnaam or self.identificatie}"


class Vehicle(TenantModel):
    class Type(models.TextChoices):
        VUILNISWAGEN = "vuilniswagen", _("vuilniswagen")
        BUS = "bus", _("bus")
        PERSONENAUTO = "personenauto", _("personenauto")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    identificatie = models.CharField(_("identificatie"), max_length=64)
    vehicle_type = models.CharField(_("voertuigtype"), max_length=20, choices=Type.choices)
    iri_gain = models.FloatField(
        _("kalibratiefactor IRI"), null=True, blank=True, help_text=_("Leeg: de factor van het voertuigtype.")
    )
    object_url = models.URLField(max_length=1000, blank=True)
    # The vehicle as a SensorThings Thing: its box streams GPS and accelerometer observations
    # to these MultiDatastreams; wegen turns them into traces (see streams.py).
    thing_id = models.PositiveBigIntegerField(_("SensorThings Thing"), null=True, blank=True)
    gps_stream_id = models.PositiveBigIntegerField(_("MultiDatastream GPS"), null=True, blank=True)
    acc_stream_id = models.PositiveBigIntegerField(_("MultiDatastream versnelling"), null=True, blank=True)
    stream_processed_until = models.DateTimeField(null=True, blank=True)
    stream_received_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("voertuig")
        verbose_name_plural = _("voertuigen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "identificatie"], name="wegen_vehicle_unique_identificatie"
            )
        ]

    def __str__(self) -> str:
        return self.identificatie


class Trace(TenantModel):
    class Status(models.TextChoices):
        VERWERKT = "verwerkt", _("verwerkt")
        AFGEKEURD = "afgekeurd", _("afgekeurd")

    class Source(models.TextChoices):
        UPLOAD = "upload", _("bestand")
        SENSORTHINGS = "sensorthings", _("SensorThings-stroom")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="traces")
    started_at = models.DateTimeField(_("begin van de rit"))
    received_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices, default=Source.UPLOAD)
    reason = models.CharField(_("reden afkeuring"), max_length=500, blank=True)
    duration = models.FloatField(default=0.0)
    good_share = models.FloatField(_("bruikbaar deel"), default=0.0)
    issues = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("rit")
        verbose_name_plural = _("ritten")


class SegmentPass(TenantModel):
    """One drive over one segment, with the IRI measured there."""

    trace = models.ForeignKey(Trace, on_delete=models.CASCADE, related_name="passes")
    segment = models.ForeignKey(RoadSegment, on_delete=models.CASCADE, related_name="passes")
    measured_at = models.DateTimeField()
    forward = models.BooleanField(_("in de richting van het wegvak"))
    speed = models.FloatField(_("snelheid (m/s)"))
    iri = models.FloatField()
    iri_raw = models.FloatField()
    iri_100m = models.JSONField(default=list)
    coverage = models.FloatField()
    confidence = models.FloatField()
    # Per metre of the segment, in its direction: {"hoogte_mm": [...], "versnelling": [...]}.
    signal = models.JSONField(_("signaal per meter"), default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["segment", "measured_at"], name="wegen_pass_segment_idx")]


class Defect(TenantModel):
    """A discrete event at one location (a pothole, a bump …), merged over detections."""

    class Kind(models.TextChoices):
        GAT = "gat", _("gat")
        DREMPEL = "drempel", _("drempel")
        VERKEERSDREMPEL = "verkeersdrempel", _("verkeersdrempel")
        VOEG = "voeg", _("voeg")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    segment = models.ForeignKey(RoadSegment, on_delete=models.CASCADE, related_name="defects")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    measure = models.FloatField(_("positie langs het wegvak (m)"))
    lon = models.FloatField()
    lat = models.FloatField()
    severity = models.CharField(_("ernst"), max_length=10)
    size = models.FloatField(_("geschatte diepte of hoogte (m)"))
    detections = models.PositiveIntegerField(default=1)
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()
    zaak_url = models.URLField(_("inspectiezaak of melding"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("wegschade")
        verbose_name_plural = _("wegschades")
        indexes = [models.Index(fields=["segment", "kind"], name="wegen_defect_segment_idx")]


class GroundMotionPoint(TenantModel):
    """An InSAR measurement point (EGMS): vertical velocity, negative is sinking."""

    point_id = models.CharField(max_length=64)
    lon = models.FloatField()
    lat = models.FloatField()
    velocity = models.FloatField(_("snelheid (mm/jaar)"))
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "lon", "lat"], name="wegen_insar_lonlat_idx")]
