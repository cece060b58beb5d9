"""The SensorThings API 1.1 data model (OGC 18-088), one table per entity type.

Every entity belongs to an organisation (``TenantModel``); ``@iot.id`` is the primary key.
Observations are the volume table: results are split by type (number, text, other JSON) so
that ``$filter=result gt 5`` is an indexed numeric comparison, and the index
(datastream, phenomenon_time) serves "the latest N of a datastream" however many rows there
are (ADR 0016).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from raadhuis.platform.tenancy import TenantModel


class GeoMixin(models.Model):
    """A GeoJSON geometry with its bounding box in indexed columns (ADR 0004)."""

    min_x = models.FloatField(null=True, blank=True)
    min_y = models.FloatField(null=True, blank=True)
    max_x = models.FloatField(null=True, blank=True)
    max_y = models.FloatField(null=True, blank=True)

    class Meta:
        abstract = True


class Thing(TenantModel):
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True, default="")
    properties = models.JSONField(null=True, blank=True)
    locations = models.ManyToManyField("Location", related_name="things", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["organisation", "name"])]

    def __str__(self) -> str:
        return self.name


class Location(TenantModel, GeoMixin):
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True, default="")
    encoding_type = models.CharField(max_length=100)
    location = models.JSONField()
    properties = models.JSONField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class HistoricalLocation(TenantModel):
    time = models.DateTimeField()
    thing = models.ForeignKey(Thing, on_delete=models.CASCADE, related_name="historical_locations")
    locations = models.ManyToManyField(Location, related_name="historical_locations")

    class Meta:
        indexes = [models.Index(fields=["thing", "time"])]


class Sensor(TenantModel):
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True, default="")
    encoding_type = models.CharField(max_length=100)
    metadata = models.TextField()
    properties = models.JSONField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class ObservedProperty(TenantModel):
    name = models.CharField(max_length=255)
    definition = models.CharField(max_length=1000)
    description = models.TextField(blank=True, default="")
    properties = models.JSONField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class TimeIntervalMixin(models.Model):
    phenomenon_time_start = models.DateTimeField(null=True, blank=True)
    phenomenon_time_end = models.DateTimeField(null=True, blank=True)
    result_time_start = models.DateTimeField(null=True, blank=True)
    result_time_end = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Datastream(TenantModel, TimeIntervalMixin, GeoMixin):
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True, default="")
    observation_type = models.CharField(max_length=255)
    unit_of_measurement = models.JSONField()
    observed_area = models.JSONField(null=True, blank=True)
    properties = models.JSONField(null=True, blank=True)
    thing = models.ForeignKey(Thing, on_delete=models.CASCADE, related_name="datastreams")
    sensor = models.ForeignKey(Sensor, on_delete=models.CASCADE, related_name="datastreams")
    observed_property = models.ForeignKey(
        ObservedProperty, on_delete=models.CASCADE, related_name="datastreams"
    )

    def __str__(self) -> str:
        return self.name


class MultiDatastream(TenantModel, TimeIntervalMixin, GeoMixin):
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True, default="")
    observation_type = models.CharField(max_length=255)
    multi_observation_data_types = models.JSONField()
    unit_of_measurements = models.JSONField()
    observed_area = models.JSONField(null=True, blank=True)
    properties = models.JSONField(null=True, blank=True)
    thing = models.ForeignKey(Thing, on_delete=models.CASCADE, related_name="multi_datastreams")
    sensor = models.ForeignKey(Sensor, on_delete=models.CASCADE, related_name="multi_datastreams")
    observed_properties = models.ManyToManyField(
        ObservedProperty, through="MultiDatastreamProperty", related_name="multi_datastreams"
    )

    def __str__(self) -> str:
        return self.name


class MultiDatastreamProperty(models.Model):
    """The ordered ObservedProperties of a MultiDatastream (the order of the result array)."""

    multi_datastream = models.ForeignKey(MultiDatastream, on_delete=models.CASCADE)
    observed_property = models.ForeignKey(ObservedProperty, on_delete=models.CASCADE)
    rank = models.PositiveIntegerField()

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["multi_datastream", "rank"], name="sensoren_mdp_rank_unique")
        ]

    def __str__(self) -> str:
        return f"{self.multi_datastream_id}[{self.rank}]"


class FeatureOfInterest(TenantModel, GeoMixin):
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True, default="")
    encoding_type = models.CharField(max_length=100)
    feature = models.JSONField()
    properties = models.JSONField(null=True, blank=True)
    # The Location this feature was generated from (automatic FeatureOfInterest), for reuse.
    generated_from = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return self.name


class Observation(TenantModel):
    """The volume table. Its references are checked and locked once per write for the distinct
    streams and features (``bulk.lock_references``) instead of by a database trigger per row,
    and it has only the indexes that queries use (ADR 0028)."""

    organisation = models.ForeignKey("platform.Organisation", on_delete=models.PROTECT, related_name="+",
                                     db_index=False, db_constraint=False)
    phenomenon_time = models.DateTimeField()  # the instant, or the start of the interval
    phenomenon_time_end = models.DateTimeField(null=True, blank=True)
    result_time = models.DateTimeField(null=True, blank=True)
    result_number = models.FloatField(null=True, blank=True)
    result_string = models.TextField(null=True, blank=True)
    result_json = models.JSONField(null=True, blank=True)  # booleans, objects, arrays
    result_quality = models.JSONField(null=True, blank=True)
    valid_time_start = models.DateTimeField(null=True, blank=True)
    valid_time_end = models.DateTimeField(null=True, blank=True)
    parameters = models.JSONField(null=True, blank=True)
    datastream = models.ForeignKey(
        Datastream, null=True, blank=True, on_delete=models.DO_NOTHING, related_name="observations",
        db_index=False, db_constraint=False,
    )
    multi_datastream = models.ForeignKey(
        MultiDatastream, null=True, blank=True, on_delete=models.DO_NOTHING, related_name="observations",
        db_index=False, db_constraint=False,
    )
    # DO_NOTHING: deleting a stream or feature deletes its Observations in one statement
    # (bulk._delete_observations), never loading them as instances.
    feature_of_interest = models.ForeignKey(
        FeatureOfInterest, on_delete=models.DO_NOTHING, related_name="observations",
        db_index=False, db_constraint=False,
    )

    class Meta:
        indexes = [
            models.Index(fields=["datastream", "phenomenon_time"], name="sensoren_obs_ds_time"),
            models.Index(fields=["multi_datastream", "phenomenon_time"], name="sensoren_obs_mds_time",
                         condition=models.Q(multi_datastream__isnull=False)),
            models.Index(fields=["feature_of_interest"], name="sensoren_obs_foi"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(datastream__isnull=False, multi_datastream__isnull=True)
                    | models.Q(datastream__isnull=True, multi_datastream__isnull=False)
                ),
                name="sensoren_obs_one_stream",
            )
        ]


class HourlyAggregate(TenantModel):
    """Downsampled observations: one row per datastream and hour, kept after raw data goes."""

    datastream = models.ForeignKey(Datastream, on_delete=models.CASCADE, related_name="hourly")
    hour = models.DateTimeField()
    count = models.PositiveIntegerField()
    minimum = models.FloatField(null=True)
    maximum = models.FloatField(null=True)
    mean = models.FloatField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["datastream", "hour"], name="sensoren_hourly_unique")
        ]


class AlertKind(models.TextChoices):
    ABOVE = "above", "Boven drempel"
    BELOW = "below", "Onder drempel"
    SILENT = "silent", "Stil (geen waarnemingen)"


class AlertRule(TenantModel):
    """A threshold or silence rule on a datastream, or on every datastream of a property.

    ``above``/``below``: the condition holds when every observation in the last
    ``duration_minutes`` breaks the threshold (0: the latest one does). ``silent``: no
    observation for ``duration_minutes``. A rule that holds opens one zaak of the zaaktype
    per thing; when values return to normal the zaak is annotated or closed.
    """

    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=10, choices=AlertKind.choices)
    threshold = models.FloatField(null=True, blank=True)
    duration_minutes = models.PositiveIntegerField(default=0)
    datastream = models.ForeignKey(
        Datastream, null=True, blank=True, on_delete=models.CASCADE, related_name="alert_rules"
    )
    observed_property = models.ForeignKey(
        ObservedProperty, null=True, blank=True, on_delete=models.CASCADE, related_name="alert_rules"
    )
    zaaktype_identificatie = models.CharField(max_length=50)
    close_when_normal = models.BooleanField(default=True)
    active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.name


class AlertCase(TenantModel):
    """The one open zaak of a rule for a thing (the unique constraint makes it one)."""

    rule = models.ForeignKey(AlertRule, on_delete=models.CASCADE, related_name="cases")
    thing = models.ForeignKey(Thing, on_delete=models.CASCADE, related_name="alert_cases")
    zaak_uuid = models.UUIDField()
    opened_at = models.DateTimeField(default=timezone.now)
    last_value = models.FloatField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "thing"],
                condition=models.Q(closed_at__isnull=True),
                name="sensoren_one_open_case_per_rule_thing",
            )
        ]


class ThingObject(TenantModel):
    """The Objects API object registered for a Thing (sensor register in the objecten register)."""

    thing = models.OneToOneField(Thing, on_delete=models.CASCADE, related_name="register_object")
    object_uuid = models.UUIDField()

    def __str__(self) -> str:
        return f"{self.thing_id} → {self.object_uuid}"
