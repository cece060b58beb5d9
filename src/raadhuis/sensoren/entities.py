"""The SensorThings entity types as data: properties, navigation and their ORM names.

One table drives the URL parser, the $filter/$orderby compiler, the representation and the
writes, so that an entity type is described once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from raadhuis.sensoren import models as m

# Property kinds
TEXT = "text"  # a string column
JSON = "json"  # any JSON value (properties, unitOfMeasurement, parameters)
GEO = "geo"  # GeoJSON with a bbox (location, feature, observedArea)
INSTANT = "instant"  # one datetime column
INTERVAL = "interval"  # two datetime columns <name>_start / <name>_end
PHENOMENON = "phenomenon"  # Observation.phenomenonTime: an instant or an interval
RESULT = "result"  # Observation.result: number, string or JSON in three columns


@dataclass(frozen=True)
class Prop:
    name: str  # as the API names it
    column: str  # the model field (the start column of an interval)
    kind: str
    required: bool = False
    writable: bool = True


@dataclass(frozen=True)
class Nav:
    name: str  # as the API names it (Datastreams, Thing)
    target: str  # target entity type name
    many: bool
    lookup: str  # ORM path from this model to the target
    reverse: str  # ORM path from the target model back to this model
    required: bool = False  # for create (a Datastream needs its Thing)


@dataclass
class EntityType:
    name: str  # Thing
    set_name: str  # Things
    model: type
    props: dict[str, Prop]
    navs: dict[str, Nav] = field(default_factory=dict)

    def prop(self, name: str) -> Prop | None:
        return self.props.get(name)


def _props(*props: Prop) -> dict[str, Prop]:
    return {p.name: p for p in props}


def _navs(*navs: Nav) -> dict[str, Nav]:
    return {n.name: n for n in navs}


NAME = Prop("name", "name", TEXT, required=True)
DESCRIPTION = Prop("description", "description", TEXT, required=True)
ENCODING = Prop("encodingType", "encoding_type", TEXT, required=True)
PROPERTIES = Prop("properties", "properties", JSON)

ENTITIES: dict[str, EntityType] = {}


def _register(entity: EntityType) -> EntityType:
    ENTITIES[entity.name] = entity
    return entity


THING = _register(EntityType(
    "Thing", "Things", m.Thing,
    _props(NAME, DESCRIPTION, PROPERTIES),
    _navs(
        Nav("Locations", "Location", True, "locations", "things"),
        Nav("HistoricalLocations", "HistoricalLocation", True, "historical_locations", "thing"),
        Nav("Datastreams", "Datastream", True, "datastreams", "thing"),
        Nav("MultiDatastreams", "MultiDatastream", True, "multi_datastreams", "thing"),
    ),
))
LOCATION = _register(EntityType(
    "Location", "Locations", m.Location,
    _props(NAME, DESCRIPTION, ENCODING, Prop("location", "location", GEO, required=True), PROPERTIES),
    _navs(
        Nav("Things", "Thing", True, "things", "locations"),
        Nav("HistoricalLocations", "HistoricalLocation", True, "historical_locations", "locations"),
    ),
))
HISTORICAL_LOCATION = _register(EntityType(
    "HistoricalLocation", "HistoricalLocations", m.HistoricalLocation,
    _props(Prop("time", "time", INSTANT, required=True)),
    _navs(
        Nav("Thing", "Thing", False, "thing", "historical_locations", required=True),
        Nav("Locations", "Location", True, "locations", "historical_locations"),
    ),
))
SENSOR = _register(EntityType(
    "Sensor", "Sensors", m.Sensor,
    _props(NAME, DESCRIPTION, ENCODING, Prop("metadata", "metadata", TEXT, required=True), PROPERTIES),
    _navs(
        Nav("Datastreams", "Datastream", True, "datastreams", "sensor"),
        Nav("MultiDatastreams", "MultiDatastream", True, "multi_datastreams", "sensor"),
    ),
))
OBSERVED_PROPERTY = _register(EntityType(
    "ObservedProperty", "ObservedProperties", m.ObservedProperty,
    _props(NAME, Prop("definition", "definition", TEXT, required=True), DESCRIPTION, PROPERTIES),
    _navs(
        Nav("Datastreams", "Datastream", True, "datastreams", "observed_property"),
        Nav("MultiDatastreams", "MultiDatastream", True, "multi_datastreams", "observed_properties"),
    ),
))
_STREAM_PROPS = (
    NAME, DESCRIPTION,
    Prop("observationType", "observation_type", TEXT, required=True),
    Prop("observedArea", "observed_area", GEO, writable=False),
    Prop("phenomenonTime", "phenomenon_time_start", INTERVAL, writable=False),
    Prop("resultTime", "result_time_start", INTERVAL, writable=False),
    PROPERTIES,
)
DATASTREAM = _register(EntityType(
    "Datastream", "Datastreams", m.Datastream,
    _props(*_STREAM_PROPS, Prop("unitOfMeasurement", "unit_of_measurement", JSON, required=True)),
    _navs(
        Nav("Thing", "Thing", False, "thing", "datastreams", required=True),
        Nav("Sensor", "Sensor", False, "sensor", "datastreams", required=True),
        Nav("ObservedProperty", "ObservedProperty", False, "observed_property", "datastreams", required=True),
        Nav("Observations", "Observation", True, "observations", "datastream"),
    ),
))
MULTI_DATASTREAM = _register(EntityType(
    "MultiDatastream", "MultiDatastreams", m.MultiDatastream,
    _props(
        *_STREAM_PROPS,
        Prop("multiObservationDataTypes", "multi_observation_data_types", JSON, required=True),
        Prop("unitOfMeasurements", "unit_of_measurements", JSON, required=True),
    ),
    _navs(
        Nav("Thing", "Thing", False, "thing", "multi_datastreams", required=True),
        Nav("Sensor", "Sensor", False, "sensor", "multi_datastreams", required=True),
        Nav("ObservedProperties", "ObservedProperty", True, "observed_properties", "multi_datastreams",
            required=True),
        Nav("Observations", "Observation", True, "observations", "multi_datastream"),
    ),
))
FEATURE_OF_INTEREST = _register(EntityType(
    "FeatureOfInterest", "FeaturesOfInterest", m.FeatureOfInterest,
    _props(NAME, DESCRIPTION, ENCODING, Prop("feature", "feature", GEO, required=True), PROPERTIES),
    _navs(Nav("Observations", "Observation", True, "observations", "feature_of_interest")),
))
OBSERVATION = _register(EntityType(
    "Observation", "Observations", m.Observation,
    _props(
        Prop("phenomenonTime", "phenomenon_time", PHENOMENON),
        Prop("resultTime", "result_time", INSTANT),
        Prop("result", "result_number", RESULT, required=True),
        Prop("resultQuality", "result_quality", JSON),
        Prop("validTime", "valid_time_start", INTERVAL),
        Prop("parameters", "parameters", JSON),
    ),
    _navs(
        Nav("Datastream", "Datastream", False, "datastream", "observations"),
        Nav("MultiDatastream", "MultiDatastream", False, "multi_datastream", "observations"),
        Nav("FeatureOfInterest", "FeatureOfInterest", False, "feature_of_interest", "observations"),
    ),
))

BY_SET = {e.set_name: e for e in ENTITIES.values()}
ID_NAMES = ("id", "@iot.id")


def interval_end(column: str) -> str:
    """phenomenon_time_start → phenomenon_time_end (valid_time_start → valid_time_end)."""
    return column.removesuffix("_start") + "_end"
