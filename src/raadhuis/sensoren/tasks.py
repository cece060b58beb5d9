"""The periodic sensor maintenance as a Celery task (scheduled hourly in CELERY_BEAT_SCHEDULE)."""

from celery import shared_task


@shared_task(name="raadhuis.sensoren.maintenance", ignore_result=True)
def maintenance() -> None:
    from raadhuis.platform import tenancy
    from raadhuis.sensoren import alerts, retention

    with tenancy.system_scope():
        retention.aggregate_hours()
        retention.purge_raw()
        alerts.check_silence()
