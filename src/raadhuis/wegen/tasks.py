"""The minute sweep over streamed trips as a Celery task (CELERY_BEAT_SCHEDULE)."""

from celery import shared_task


@shared_task(name="raadhuis.wegen.process_streams", ignore_result=True)
def process_streams() -> int:
    from raadhuis.wegen import services

    return services.process_streams()
