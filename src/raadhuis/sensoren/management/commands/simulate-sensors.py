"""``raadhuis simulate-sensors``: publish realistic sensor values of Voorbeeldstad."""

import json
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from raadhuis.platform import tenancy
from raadhuis.platform.models import Organisation
from raadhuis.sensoren import bulk, publishing
from raadhuis.sensoren import models as m
from raadhuis.sensoren.demo import demo_things
from raadhuis.sensoren.simulate import value
from raadhuis.sensoren.writes import Writer


class Command(BaseCommand):
    help = ("Publiceer waarden voor luchtkwaliteit, geluid, parkeren en afval "
            "(MQTT, of direct in de database).")

    def add_arguments(self, parser):
        parser.add_argument("--organisation", default="voorbeeldstad")
        parser.add_argument("--rounds", type=int, default=0, help="Aantal rondes (0: blijf doorgaan).")
        parser.add_argument("--interval", type=float, default=10.0, help="Seconden tussen rondes.")
        parser.add_argument("--direct", action="store_true",
                            help="Schrijf direct, ook als MQTT_URL gezet is.")

    def handle(self, *args, **options):
        with tenancy.system_scope():
            organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"Organisatie {options['organisation']} bestaat niet; "
                               "draai eerst `raadhuis demo`.")
        with tenancy.scope_for([organisation.pk]):
            streams = demo_things(organisation)
        state: dict = {}
        round_number = 0
        while not options["rounds"] or round_number < options["rounds"]:
            now = timezone.now()
            values = [(s, value((s.thing.properties or {}).get("soort", ""), now, state, s.pk))
                      for s in streams]
            if settings.MQTT_URL and not options["direct"]:
                self._publish(values, now)
            else:
                self._store(organisation, values, now)
            round_number += 1
            self.stdout.write(f"Ronde {round_number}: {len(values)} waarden.")
            if not options["rounds"] or round_number < options["rounds"]:
                time.sleep(options["interval"])

    def _publish(self, values, now):
        from paho.mqtt import publish

        mqtt = publishing.mqtt_options()
        auth = {"username": mqtt["username"], "password": mqtt["password"]} if mqtt["username"] else None
        publish.multiple([{"topic": f"v1.1/Datastreams({s.pk})/Observations", "qos": 1,
                           "payload": json.dumps({"phenomenonTime": now.isoformat(), "result": v})}
                          for s, v in values], hostname=mqtt["host"], port=mqtt["port"], auth=auth)

    def _store(self, organisation, values, now):
        with tenancy.scope_for([organisation.pk]), transaction.atomic():
            writer = Writer(organisation, "/sensorthings/v1.1", audit=False)
            rows = []
            for stream, result in values:
                row = m.Observation(organisation=organisation, datastream=stream, phenomenon_time=now,
                                    result_number=result,
                                    feature_of_interest=writer.feature_for_thing(stream.thing_id))
                rows.append(row)
            ids = bulk.insert_observations(rows)
            from raadhuis.sensoren.dataarray import extend_streams
            from raadhuis.sensoren.writes import Change

            writer.observed = extend_streams(rows)
            writer.changes += [Change("Observation", pk, "create") for pk in ids]
            publishing.publish_changes(writer)
