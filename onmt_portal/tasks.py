from celery import shared_task
from django.contrib.auth.models import Group
from django.db import connection


@shared_task(name="portal.ping", ignore_result=False, time_limit=30, soft_time_limit=20)
def ping() -> dict:
    """Prove a worker is alive and reads the portal's database: answer what it sees there."""
    return {
        "pong": True,
        "database": connection.settings_dict["NAME"],
        "roles": sorted(Group.objects.values_list("name", flat=True)),
    }
