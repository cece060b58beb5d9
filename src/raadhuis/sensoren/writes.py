"""Create, update and delete of SensorThings entities: deep insert, links by id, the spec's
cascade rules, automatic FeaturesOfInterest and HistoricalLocations.

A :class:`Writer` runs inside the caller's transaction and collects what changed, so the
caller can publish one outbox event per request after all checks passed (nothing is written
when any check fails: the transaction rolls back).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone

from raadhuis.platform import services as platform
from raadhuis.sensoren import bulk
from raadhuis.sensoren import entities as e
from raadhuis.sensoren import models as m
from raadhuis.sensoren.errors import BadRequest, NotFound
from raadhuis.sensoren.values import assign

BRON = "SENSOREN"
COMPLEX = "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_ComplexObservation"
GEOJSON_TYPES = ("application/geo+json", "application/vnd.geo+json")
ID_KEYS = ("@iot.id", "id")


@dataclass
class Change:
    entity: str
    pk: int
    action: str  # create, update, delete
    fields: tuple[str, ...] = ()


@dataclass
class Writer:
    organisation: object
    base: str
    audit: bool = True
    changes: list[Change] = field(default_factory=list)
    # (kind, stream id) → Observations written in bulk, so handlers need not look them up by id.
    observed: dict[tuple[str, int], int] = field(default_factory=dict)
    # Observations created in bulk: their ids only (a Change per row cost more than the row).
    created_observations: list[int] = field(default_factory=list)

    # --- Create --------------------------------------------------------------------------

    def create(self, entity: e.EntityType, data, links: dict | None = None):
        """A new entity (and its nested entities) from ``data``; ``links`` fixes navigation
        values from the URL (``Things(1)/Datastreams`` → {"Thing": thing})."""
        if not isinstance(data, dict):
            raise BadRequest(f"Een {entity.name} moet een JSON-object zijn.")
        links = links or {}
        self._check_keys(entity, data)
        obj = entity.model(organisation=self.organisation)
        for prop in entity.props.values():
            if prop.name in data:
                if not prop.writable:
                    raise BadRequest(f"{prop.name} van {entity.name} wordt door de server bepaald.")
                assign(obj, prop, data[prop.name])
            elif prop.required:
                raise BadRequest(f"{entity.name} mist het verplichte veld '{prop.name}'.")
        if entity is e.OBSERVATION and "phenomenonTime" not in data:
            obj.phenomenon_time = timezone.now()  # spec: the server's time when none is given
        to_many: list[tuple[e.Nav, list]] = []
        for nav in entity.navs.values():
            value = links.get(nav.name, data.get(nav.name))
            if nav.many:
                if value is not None:
                    to_many.append((nav, value if isinstance(value, list) else [value]))
                continue
            if value is None:
                continue
            target = value if isinstance(value, m.models.Model) else self._related(nav, value)
            setattr(obj, nav.lookup, target)
        self._check_before_save(entity, obj, data, to_many)
        obj.save()
        self._record(entity, obj, "create", tuple(data))
        for nav, values in to_many:
            self._link_many(entity, obj, nav, values, replace=False)
        self._after_create(entity, obj, to_many)
        return obj

    def _check_keys(self, entity: e.EntityType, data: dict) -> None:
        for key in data:
            if key not in entity.props and key not in entity.navs and key not in ID_KEYS:
                raise BadRequest(f"Onbekende eigenschap '{key}' van {entity.name}.")
            if key in ID_KEYS:
                raise BadRequest(f"{entity.name}: @iot.id wordt door de server gegeven; alleen om naar "
                                 "een bestaande entiteit te verwijzen mag het alleen staan.")

    def _related(self, nav: e.Nav, value):
        """An existing entity (``{"@iot.id": 1}``) or a nested new one."""
        target = e.ENTITIES[nav.target]
        if not isinstance(value, dict):
            raise BadRequest(f"{nav.name} moet een object zijn.")
        key = next((k for k in ID_KEYS if k in value), None)
        if key is not None:
            if len(value) > 1:
                raise BadRequest(f"{nav.name}: een verwijzing met @iot.id mag geen andere velden hebben.")
            return self.existing(target, value[key])
        return self.create(target, value)

    def existing(self, target: e.EntityType, pk):
        if isinstance(pk, bool) or not isinstance(pk, int | str) or not str(pk).isdigit():
            raise BadRequest(f"@iot.id van {target.name} moet een geheel getal zijn.")
        found = target.model.objects.filter(pk=int(pk)).first()
        if found is None or found.organisation_id != self.organisation.pk:
            raise BadRequest(f"{target.name}({pk}) bestaat niet.")
        return found

    def _check_before_save(self, entity, obj, data, to_many) -> None:
        required = [n for n in entity.navs.values() if n.required and not n.many]
        for nav in required:
            if getattr(obj, f"{nav.lookup}_id") is None:
                raise BadRequest(f"{entity.name} mist de verplichte koppeling '{nav.name}'.")
        if entity is e.OBSERVATION:
            self._check_observation(obj)
        if entity is e.MULTI_DATASTREAM:
            self._check_multi_datastream(obj, dict(((n.name, v) for n, v in to_many)))
        if entity is e.LOCATION and obj.encoding_type not in GEOJSON_TYPES:
            raise BadRequest(f"encodingType van een Location moet een van {', '.join(GEOJSON_TYPES)} zijn.")

    def _check_observation(self, obj) -> None:
        if (obj.datastream_id is None) == (obj.multi_datastream_id is None):
            raise BadRequest("Een Observation hoort bij precies één Datastream of MultiDatastream.")
        if obj.multi_datastream_id is not None:
            stream = obj.multi_datastream
            if not isinstance(obj.result_json, list) or len(obj.result_json) != len(
                    stream.multi_observation_data_types):
                raise BadRequest("Het result van een MultiDatastream-Observation is een lijst met één "
                                 "waarde per ObservedProperty.")
        if obj.feature_of_interest_id is None:
            stream = obj.datastream or obj.multi_datastream
            obj.feature_of_interest = self.feature_for_thing(stream.thing_id)
        bulk.lock_references([obj])

    def feature_for_thing(self, thing_id: int):
        """The automatic FeatureOfInterest: the Thing's current Location, made once (spec 9.2.6)."""
        location = m.Location.objects.filter(things=thing_id).order_by("-pk").first()
        if location is None:
            raise BadRequest("De Observation heeft geen FeatureOfInterest en de Thing geen Location "
                             "om er een van te maken.")
        feature = m.FeatureOfInterest.objects.filter(generated_from=location).first()
        if feature is None:
            feature = m.FeatureOfInterest(
                organisation_id=location.organisation_id, name=location.name,
                description=location.description, encoding_type=location.encoding_type,
                feature=location.location, generated_from=location,
                min_x=location.min_x, min_y=location.min_y, max_x=location.max_x, max_y=location.max_y,
            )
            feature.save()
            self._record(e.FEATURE_OF_INTEREST, feature, "create", ())
        return feature

    def _check_multi_datastream(self, obj, to_many: dict) -> None:
        if obj.observation_type != COMPLEX:
            raise BadRequest(f"observationType van een MultiDatastream moet {COMPLEX} zijn.")
        types, units = obj.multi_observation_data_types, obj.unit_of_measurements
        if not isinstance(types, list) or not isinstance(units, list):
            raise BadRequest("multiObservationDataTypes en unitOfMeasurements moeten lijsten zijn.")
        properties = to_many.get("ObservedProperties") or []
        if not (len(types) == len(units) == len(properties)) or not types:
            raise BadRequest("multiObservationDataTypes, unitOfMeasurements en ObservedProperties moeten "
                             "even lang zijn (en niet leeg).")

    def _link_many(self, entity, obj, nav: e.Nav, values: list, *, replace: bool) -> None:
        target = e.ENTITIES[nav.target]
        back = next((n for n in target.navs.values() if n.lookup == nav.reverse), None)
        related = []
        for value in values:
            if isinstance(value, m.models.Model):
                related.append(value)
            elif isinstance(value, dict) and any(k in value for k in ID_KEYS):
                if len(value) > 1:
                    raise BadRequest(f"{nav.name}: een verwijzing met @iot.id mag geen andere velden hebben.")
                child = self.existing(target, value.get("@iot.id", value.get("id")))
                if back is not None and not back.many:
                    setattr(child, back.lookup, obj)
                    child.save(update_fields=[back.lookup])
                    self._record(target, child, "update", (back.name,))
                related.append(child)
            elif back is not None and not back.many:
                related.append(self.create(target, value, {back.name: obj}))
            else:
                related.append(self.create(target, value))
        if entity is e.MULTI_DATASTREAM and nav.name == "ObservedProperties":
            m.MultiDatastreamProperty.objects.filter(multi_datastream=obj).delete()
            m.MultiDatastreamProperty.objects.bulk_create(
                m.MultiDatastreamProperty(multi_datastream=obj, observed_property=p, rank=i)
                for i, p in enumerate(related))
            return
        if back is None or back.many:  # many-to-many
            manager = getattr(obj, nav.lookup)
            if replace:
                manager.set(related)
            else:
                manager.add(*related)

    def _after_create(self, entity, obj, to_many) -> None:
        names = {nav.name for nav, _ in to_many}
        if entity is e.THING and "Locations" in names:
            self.historical_location(obj, list(obj.locations.all()))
        if entity is e.LOCATION and "Things" in names:
            for thing in obj.things.all():
                thing.locations.set([obj])  # the new Location becomes the Thing's location
                self.historical_location(thing, [obj])
        if entity is e.OBSERVATION:
            stream_model = m.Datastream if obj.datastream_id else m.MultiDatastream
            extend_time_ranges(stream_model, obj.datastream_id or obj.multi_datastream_id,
                               obj.phenomenon_time, obj.phenomenon_time_end or obj.phenomenon_time,
                               obj.result_time)

    def historical_location(self, thing, locations: list) -> None:
        if not locations:
            return
        history = m.HistoricalLocation(organisation_id=thing.organisation_id, thing=thing,
                                       time=timezone.now())
        history.save()
        history.locations.set(locations)
        self._record(e.HISTORICAL_LOCATION, history, "create", ())

    # --- Update --------------------------------------------------------------------------

    def update(self, entity: e.EntityType, obj, data, *, replace: bool = False):
        if not isinstance(data, dict):
            raise BadRequest(f"Een {entity.name} moet een JSON-object zijn.")
        for key in data:
            if key not in entity.props and key not in entity.navs and key not in ID_KEYS:
                raise BadRequest(f"Onbekende eigenschap '{key}' van {entity.name}.")
        if any(k in data for k in ID_KEYS) and str(data.get("@iot.id", data.get("id"))) != str(obj.pk):
            raise BadRequest("@iot.id kan niet gewijzigd worden.")
        for prop in entity.props.values():
            if prop.name in data:
                if not prop.writable:
                    raise BadRequest(f"{prop.name} van {entity.name} wordt door de server bepaald.")
                assign(obj, prop, data[prop.name])
            elif replace and prop.writable:
                if prop.required:
                    raise BadRequest(f"PUT vraagt alle verplichte velden; '{prop.name}' ontbreekt.")
                assign(obj, prop, None)
        location_change = None
        for nav in entity.navs.values():
            if nav.name not in data:
                continue
            value = data[nav.name]
            if nav.many:
                if entity is e.THING and nav.name == "Locations":
                    location_change = value if isinstance(value, list) else [value]
                    continue
                self._link_many(entity, obj, nav, value if isinstance(value, list) else [value],
                                replace=False)
            else:
                if value is None:
                    raise BadRequest(f"{nav.name} kan niet leeggemaakt worden.")
                setattr(obj, nav.lookup, self._related(nav, value))
        if entity is e.OBSERVATION:
            self._check_observation(obj)
        if entity is e.LOCATION and obj.encoding_type not in GEOJSON_TYPES:
            raise BadRequest(f"encodingType van een Location moet een van {', '.join(GEOJSON_TYPES)} zijn.")
        obj.save()
        self._record(entity, obj, "update", tuple(data))
        if location_change is not None:
            self._link_many(entity, obj, entity.navs["Locations"], location_change, replace=True)
            self.historical_location(obj, list(obj.locations.all()))
        if entity is e.LOCATION and "location" in data:
            for thing in obj.things.all():
                self.historical_location(thing, list(thing.locations.all()))
        return obj

    # --- Delete --------------------------------------------------------------------------

    def delete(self, entity: e.EntityType, obj) -> None:
        """Delete with the spec's cascades (10.4): a Thing takes its Datastreams and
        HistoricalLocations, a Location its HistoricalLocations, a Sensor/ObservedProperty its
        (Multi)Datastreams, a (Multi)Datastream or FeatureOfInterest its Observations."""
        if entity is e.LOCATION:
            for history in m.HistoricalLocation.objects.filter(locations=obj):
                self._record(e.HISTORICAL_LOCATION, history, "delete", ())
                history.delete()
        if entity is e.OBSERVED_PROPERTY:
            m.MultiDatastream.objects.filter(observed_properties=obj).delete()
        self._record(entity, obj, "delete", ())
        obj.delete()

    # --- Bookkeeping ---------------------------------------------------------------------

    def _record(self, entity: e.EntityType, obj, action: str, fields: tuple) -> None:
        self.changes.append(Change(entity.name, obj.pk, action, fields))
        if not self.audit or entity is e.OBSERVATION:
            return  # measurements are not administrative records; their volume stays out
        url = f"{self.base}/{entity.set_name}({obj.pk})"
        platform.record_change(
            organisation=self.organisation, bron=BRON, actie=action, resource=entity.name,
            resource_url=url, resource_weergave=str(getattr(obj, "name", "") or f"{entity.name} {obj.pk}"),
        )


def extend_time_ranges(stream_model, stream_id: int, start, end, result_time) -> None:
    """A (Multi)Datastream's phenomenonTime/resultTime cover its Observations (spec 9.2.4)."""
    updates = {
        "phenomenon_time_start": Least(Coalesce(F("phenomenon_time_start"), start), start),
        "phenomenon_time_end": Greatest(Coalesce(F("phenomenon_time_end"), end), end),
    }
    if result_time is not None:
        updates["result_time_start"] = Least(Coalesce(F("result_time_start"), result_time), result_time)
        updates["result_time_end"] = Greatest(Coalesce(F("result_time_end"), result_time), result_time)
    stream_model.all_tenants.filter(pk=stream_id).update(**updates)


def not_found(entity: e.EntityType, pk) -> NotFound:
    return NotFound(f"{entity.name}({pk}) bestaat niet.")
