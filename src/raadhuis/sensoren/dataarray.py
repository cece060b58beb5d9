"""The DataArray extension (SensorThings 1.1, 14): many Observations in a compact form.

``POST CreateObservations`` with ``[{"Datastream": {"@iot.id": 1}, "components": [...],
"dataArray": [[...], ...]}]`` writes every row in one transaction (COPY on PostgreSQL) or,
when any row is invalid, none (a 400 that names the row). ``$resultFormat=dataArray`` on
Observations answers the same form.
"""

from __future__ import annotations

from collections import defaultdict

from raadhuis.sensoren import bulk
from raadhuis.sensoren import entities as e
from raadhuis.sensoren import models as m
from raadhuis.sensoren.errors import BadRequest
from raadhuis.sensoren.reading import Reader, fetch, next_link, property_value
from raadhuis.sensoren.values import assign, parse_interval, split_result
from raadhuis.sensoren.writes import Change, Writer, extend_time_ranges

MAX_ROWS = 100_000
WRITABLE_COMPONENTS = ("phenomenonTime", "result", "resultTime", "resultQuality", "validTime", "parameters",
                       "FeatureOfInterest/id")
READ_COMPONENTS = ("id", "phenomenonTime", "resultTime", "result", "resultQuality", "validTime", "parameters")


def create_observations(writer: Writer, body) -> list[str]:
    if not isinstance(body, list):
        raise BadRequest("CreateObservations verwacht een lijst van {Datastream, components, dataArray}.")
    total = sum(len(item.get("dataArray") or []) for item in body if isinstance(item, dict))
    if total > MAX_ROWS:
        raise BadRequest(f"Te veel observaties in één verzoek ({total} > {MAX_ROWS}).")
    rows: list[m.Observation] = []
    for index, item in enumerate(body):
        rows.extend(_rows_of(writer, item, index))
    ids = bulk.insert_observations(rows)
    writer.observed.update(extend_streams(rows))
    writer.changes.extend(Change("Observation", pk, "create") for pk in ids)
    return [f"{writer.base}/Observations({pk})" for pk in ids]


def _rows_of(writer: Writer, item, index: int) -> list[m.Observation]:
    where = f"element {index}"
    if not isinstance(item, dict):
        raise BadRequest(f"{where}: verwacht een object.")
    unknown = set(item) - {"Datastream", "MultiDatastream", "components", "dataArray", "dataArray@iot.count"}
    if unknown:
        raise BadRequest(f"{where}: onbekende sleutels {sorted(unknown)}.")
    stream_key = "Datastream" if "Datastream" in item else "MultiDatastream"
    reference = item.get(stream_key)
    if not isinstance(reference, dict) or "@iot.id" not in reference:
        raise BadRequest(f"{where}: noem de Datastream of MultiDatastream met {{\"@iot.id\": ...}}.")
    stream = writer.existing(e.ENTITIES[stream_key], reference["@iot.id"])
    components = item.get("components")
    if not isinstance(components, list) or not components or any(
            c not in WRITABLE_COMPONENTS for c in components) or len(set(components)) != len(components):
        raise BadRequest(f"{where}: components moet een lijst zijn uit {', '.join(WRITABLE_COMPONENTS)}.")
    if "result" not in components:
        raise BadRequest(f"{where}: components moet result bevatten.")
    data = item.get("dataArray")
    if not isinstance(data, list):
        raise BadRequest(f"{where}: dataArray moet een lijst zijn.")
    feature = None if "FeatureOfInterest/id" in components else writer.feature_for_thing(stream.thing_id)
    features: dict = {}
    rows = []
    setters = [setter(component) for component in components]
    width = len(components)
    common = {"organisation_id": stream.organisation_id,
              "datastream_id" if stream_key == "Datastream" else "multi_datastream_id": stream.pk,
              "feature_of_interest_id": feature.pk if feature else None}
    for number, values in enumerate(data):
        if not isinstance(values, list) or len(values) != width:
            raise BadRequest(f"{where}, rij {number}: verwacht {width} waarden.")
        row = bulk.ObservationRow(**common)
        try:
            for set_component, value in zip(setters, values, strict=True):
                if set_component is None:  # FeatureOfInterest/id
                    if not isinstance(value, int | str):
                        raise BadRequest("FeatureOfInterest/id moet een id zijn.")
                    if value not in features:
                        features[value] = writer.existing(e.FEATURE_OF_INTEREST, value).pk
                    row.feature_of_interest_id = features[value]
                else:
                    set_component(row, value)
        except BadRequest as error:
            raise BadRequest(f"{where}, rij {number}: {error.message}") from None
        if row.phenomenon_time is None:
            raise BadRequest(f"{where}, rij {number}: phenomenonTime ontbreekt.")
        if stream_key == "MultiDatastream" and (not isinstance(row.result_json, list) or len(
                row.result_json) != len(stream.multi_observation_data_types)):
            raise BadRequest(f"{where}, rij {number}: result moet één waarde per ObservedProperty hebben.")
        rows.append(row)
    return rows


def setter(component: str):
    """A function that sets one component (property) on a row: the hot path of bulk ingest."""
    if component == "FeatureOfInterest/id":
        return None
    if component == "result":
        def set_result(row, value):
            row.result_number, row.result_string, row.result_json = split_result(value)
        return set_result
    if component == "phenomenonTime":
        def set_time(row, value):
            row.phenomenon_time, row.phenomenon_time_end = parse_interval(value, "phenomenonTime")
        return set_time
    prop = e.OBSERVATION.props[component]
    return lambda row, value: assign(row, prop, value)


def extend_streams(rows: list[m.Observation]) -> dict[tuple[str, int], int]:
    """Widen the streams' time ranges over the new rows; return {(kind, stream id): rows}."""
    spans: dict = defaultdict(list)
    for row in rows:
        key = ("Datastream", row.datastream_id) if row.datastream_id else (
            "MultiDatastream", row.multi_datastream_id)
        spans[key].append(row)
    for (kind, pk), members in spans.items():
        start = min(r.phenomenon_time for r in members)
        end = max(r.phenomenon_time_end or r.phenomenon_time for r in members)
        results = [r.result_time for r in members if r.result_time is not None]
        model = m.Datastream if kind == "Datastream" else m.MultiDatastream
        extend_time_ranges(model, pk, start, end, min(results) if results else None)
        if results:
            extend_time_ranges(model, pk, start, end, max(results))
    return {key: len(members) for key, members in spans.items()}


def as_data_array(reader: Reader, queryset, options, url: str) -> dict:
    """Observations grouped per (Multi)Datastream in the dataArray form."""
    components = options.select or list(READ_COMPONENTS)
    for name in components:
        if name not in READ_COMPONENTS and name != "@iot.id":
            raise BadRequest(f"'{name}' kan geen component van een dataArray zijn.")
    if options.expand:
        raise BadRequest("$expand past niet bij $resultFormat=dataArray.")
    queryset = reader.filtered(e.OBSERVATION, queryset, options)
    body: dict = {}
    if options.count:
        body["@iot.count"] = queryset.count()
    top = 100 if options.top is None else options.top
    rows = fetch(queryset[options.skip: options.skip + top + 1], m.Observation)
    if len(rows) > top:
        body["@iot.nextLink"] = next_link(url, options, top)
        rows = rows[:top]
    groups: dict = {}
    for row in rows:
        key = ("Datastreams", row.datastream_id) if row.datastream_id else (
            "MultiDatastreams", row.multi_datastream_id)
        groups.setdefault(key, []).append(
            [row.pk if name in e.ID_NAMES else property_value(row, e.OBSERVATION.props[name])
             for name in components])
    body["value"] = [
        {f"{'Datastream' if kind == 'Datastreams' else 'MultiDatastream'}@iot.navigationLink":
            f"{reader.base}/{kind}({pk})",
         "components": components, "dataArray@iot.count": len(values), "dataArray": values}
        for (kind, pk), values in groups.items()
    ]
    return body
