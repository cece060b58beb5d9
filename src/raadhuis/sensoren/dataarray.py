"""The DataArray extension (SensorThings 1.1, 14): many Observations in a compact form.

``POST CreateObservations`` with ``[{"Datastream": {"@iot.id": 1}, "components": [...],
"dataArray": [[...], ...]}]`` writes every row in one transaction (COPY on PostgreSQL) or,
when any row is invalid, none (a 400 that names the row). ``$resultFormat=dataArray`` on
Observations answers the same form.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from itertools import repeat
from operator import attrgetter

from django.db import connection

from raadhuis.sensoren import bulk
from raadhuis.sensoren import entities as e
from raadhuis.sensoren import models as m
from raadhuis.sensoren.errors import BadRequest
from raadhuis.sensoren.reading import Reader, fetch, next_link, property_value
from raadhuis.sensoren.values import assign, parse_interval, split_result
from raadhuis.sensoren.writes import Writer, extend_time_ranges

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
    items = [_element(writer, item, index) for index, item in enumerate(body)]
    batches = [_columns_of(item) for item in items] if connection.vendor == "postgresql" else [None]
    if all(batch is not None for batch in batches):
        ids = bulk.insert_columns(batches)
        writer.observed.update(extend_streams_of_columns(batches))
    else:  # any other shape, or a row to refuse with its number: row by row
        rows = [row for item in items for row in _rows_of(writer, item)]
        ids = bulk.insert_observations(rows)
        writer.observed.update(extend_streams(rows))
    writer.created_observations.extend(ids)
    return [f"{writer.base}/Observations({pk})" for pk in ids]


@dataclass
class Element:
    """One checked element of the request: its stream, components and rows (not yet read)."""

    where: str
    stream_key: str  # Datastream or MultiDatastream
    stream: object
    components: list[str]
    data: list
    feature: object  # the automatic FeatureOfInterest (None when the rows name theirs)


def _element(writer: Writer, item, index: int) -> Element:
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
    return Element(where, stream_key, stream, components, data, feature)


# --- The common shape as columns ------------------------------------------------------------
# A Datastream's rows of (phenomenonTime, result[, resultTime]), with instants as times and
# numbers or strings as results, are checked and converted a column at a time by C functions
# (``zip``, ``map``, ``datetime.fromisoformat``) instead of a Python call per value: ~25 µs of
# Python per row became ~3. Anything else, and any row that fails a check, goes row by row,
# which then names the offending row.
FAST_COMPONENTS = frozenset({"phenomenonTime", "result", "resultTime"})


def _columns_of(item: Element) -> bulk.Columns | None:
    """The element as columns, or None when it must go row by row."""
    components, data = item.components, item.data
    if item.stream_key != "Datastream" or "phenomenonTime" not in components or not set(
            components) <= FAST_COMPONENTS:
        return None
    width = len(components)
    if not all(type(values) is list and len(values) == width for values in data):
        return None
    transposed = zip(*data, strict=True) if data else repeat((), width)
    columns = dict(zip(components, transposed, strict=False))
    times = _instants(columns["phenomenonTime"])
    numbers, strings = _results(columns["result"])
    result_times = _instants(columns["resultTime"]) if "resultTime" in columns else None
    if times is None or (numbers is None and strings is None) or (
            "resultTime" in columns and result_times is None):
        return None
    return bulk.Columns(
        organisation_id=item.stream.organisation_id, datastream_id=item.stream.pk,
        feature_of_interest_id=item.feature.pk, phenomenon_time=times, result_number=numbers,
        result_string=strings, result_time=result_times,
    )


def _instants(values) -> list | None:
    """ISO 8601 instants with a zone (intervals, other forms and errors: None)."""
    try:
        times = list(map(datetime.fromisoformat, values))
    except (TypeError, ValueError):
        return None
    if not all(map(attrgetter("tzinfo"), times)):
        return None
    return times


def _results(values) -> tuple[list | None, list | None]:
    """(numbers, None) when every result is a finite number, (None, strings) when every one is
    text, (None, None) otherwise."""
    kinds = set(map(type, values))
    if kinds <= {int, float}:
        try:
            numbers = list(map(float, values))
        except OverflowError:
            return None, None
        return (numbers, None) if all(map(math.isfinite, numbers)) else (None, None)
    if kinds == {str}:
        return None, list(values)
    return None, None


def extend_streams_of_columns(batches: list[bulk.Columns]) -> dict[tuple[str, int], int]:
    """extend_streams for columns: {("Datastream", id): rows}."""
    counts: dict = defaultdict(int)
    for batch in batches:
        if not batch.phenomenon_time:
            continue
        results = [t for t in batch.result_time or () if t is not None]
        extend_time_ranges(m.Datastream, batch.datastream_id, min(batch.phenomenon_time),
                           max(batch.phenomenon_time), min(results) if results else None)
        if results:
            extend_time_ranges(m.Datastream, batch.datastream_id, min(batch.phenomenon_time),
                               max(batch.phenomenon_time), max(results))
        counts[("Datastream", batch.datastream_id)] += len(batch.phenomenon_time)
    return dict(counts)


# --- Row by row ----------------------------------------------------------------------------


def _rows_of(writer: Writer, item: Element) -> list[m.Observation]:
    where, stream_key, stream, feature = item.where, item.stream_key, item.stream, item.feature
    components, data = item.components, item.data
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
