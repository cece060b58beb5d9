"""Downsampling and retention: hourly aggregates kept for good, raw observations for
``SENSOR_RAW_RETENTION_MONTHS`` (ADR 0016). Run by ``raadhuis sensor-maintenance``."""

from __future__ import annotations

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Avg, Count, Max, Min
from django.db.models.functions import TruncHour
from django.utils import timezone

from raadhuis.sensoren.models import Datastream, HourlyAggregate, Observation


def aggregate_hours(since=None, until=None) -> int:
    """(Re)compute the hourly aggregates of numeric observations in [since, until); return rows."""
    until = (until or timezone.now()).replace(minute=0, second=0, microsecond=0)
    since = since or until - timedelta(days=2)
    groups = (Observation.all_tenants.filter(phenomenon_time__gte=since, phenomenon_time__lt=until,
                                             datastream__isnull=False, result_number__isnull=False)
              .annotate(hour=TruncHour("phenomenon_time"))
              .values("datastream_id", "hour")
              .annotate(n=Count("pk"), low=Min("result_number"), high=Max("result_number"),
                        mean=Avg("result_number")))
    organisation_of = dict(Datastream.all_tenants.values_list("pk", "organisation_id"))
    rows = [HourlyAggregate(organisation_id=organisation_of[g["datastream_id"]],
                            datastream_id=g["datastream_id"],
                            hour=g["hour"], count=g["n"], minimum=g["low"], maximum=g["high"], mean=g["mean"])
            for g in groups]
    with transaction.atomic():
        HourlyAggregate.all_tenants.bulk_create(
            rows, update_conflicts=True, unique_fields=["datastream", "hour"],
            update_fields=["count", "minimum", "maximum", "mean"], batch_size=2000)
    return len(rows)


def purge_raw(now=None) -> int:
    """Delete raw observations older than the retention, after aggregating them; return count."""
    months = settings.SENSOR_RAW_RETENTION_MONTHS
    if months <= 0:
        return 0
    cutoff = (now or timezone.now()) - relativedelta(months=months)
    old = Observation.all_tenants.filter(phenomenon_time__lt=cutoff)
    oldest = old.aggregate(t=Min("phenomenon_time"))["t"]
    if oldest is None:
        return 0
    aggregate_hours(since=oldest.replace(minute=0, second=0, microsecond=0), until=cutoff)
    # One statement (served by the BRIN index on phenomenon_time): the ORM's delete() would load
    # every old row as an instance first.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Observation._meta.db_table} WHERE phenomenon_time < %s", [cutoff])  # noqa: S608
        return cursor.rowcount
