"""The road network in memory, in metres (RD New): candidates near a point through a shapely
STRtree, positions along segments, and network distances over the segment graph (scipy's
Dijkstra). Both the map matcher and the simulator work on this."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import dijkstra

NODE_SNAP = 0.5  # m: endpoints closer than this are one junction


@dataclass
class SegmentGeometry:
    key: object  # the caller's identifier (a primary key, a NWB wegvak id)
    coords: np.ndarray  # (n, 2) RD New metres, from the segment's start to its end
    attributes: dict = field(default_factory=dict)

    @property
    def length(self) -> float:
        return float(np.hypot(*np.diff(self.coords, axis=0).T).sum())


class RoadNetwork:
    def __init__(self, segments: list[SegmentGeometry]):
        if not segments:
            raise ValueError("Een wegennet zonder wegvakken kan niet worden gebruikt.")
        self.segments = segments
        self.lines = [shapely.LineString(segment.coords) for segment in segments]
        self.lengths = np.array([line.length for line in self.lines])
        self.tree = shapely.STRtree(self.lines)
        self.index_of = {segment.key: index for index, segment in enumerate(segments)}
        self._build_graph()
        self._distance_cache: dict[int, np.ndarray] = {}

    def _build_graph(self) -> None:
        ends = np.array([[s.coords[0], s.coords[-1]] for s in self.segments]).reshape(-1, 2)
        keys = np.round(ends / NODE_SNAP).astype(np.int64)
        _, node_ids = np.unique(keys, axis=0, return_inverse=True)
        node_ids = node_ids.ravel()
        self.start_node = node_ids[0::2]
        self.end_node = node_ids[1::2]
        self.node_count = int(node_ids.max()) + 1
        rows = np.concatenate([self.start_node, self.end_node])
        cols = np.concatenate([self.end_node, self.start_node])
        weights = np.concatenate([self.lengths, self.lengths])
        graph = coo_matrix((weights, (rows, cols)), shape=(self.node_count,) * 2).tocsr()
        graph.sum_duplicates()
        self.graph = graph

    # --- geometry -------------------------------------------------------------------

    def candidates(self, x: float, y: float, radius: float) -> list[tuple[int, float, float]]:
        """Segments within ``radius`` of the point: (index, distance, measure along)."""
        point = shapely.Point(x, y)
        found = self.tree.query(point, predicate="dwithin", distance=radius)
        out = []
        for index in found:
            line = self.lines[index]
            out.append((int(index), float(line.distance(point)), float(line.project(point))))
        return out

    def point_at(self, index: int, measure: float) -> tuple[float, float]:
        point = self.lines[index].interpolate(float(np.clip(measure, 0, self.lengths[index])))
        return point.x, point.y

    def points_at(self, index: int, measures: np.ndarray) -> np.ndarray:
        points = shapely.line_interpolate_point(self.lines[index], np.clip(measures, 0, self.lengths[index]))
        return shapely.get_coordinates(points)

    def neighbours(self, index: int, at_end: bool) -> list[tuple[int, bool]]:
        """Segments leaving the junction at the start or end of ``index``: (segment, forward)."""
        node = self.end_node[index] if at_end else self.start_node[index]
        out = [(int(other), True) for other in np.flatnonzero(self.start_node == node) if other != index]
        out += [(int(other), False) for other in np.flatnonzero(self.end_node == node) if other != index]
        return out

    # --- network distance ------------------------------------------------------------

    def node_distances(self, node: int) -> np.ndarray:
        cached = self._distance_cache.get(node)
        if cached is None:
            cached = dijkstra(self.graph, directed=False, indices=node, limit=5000.0)
            if len(self._distance_cache) > 20000:
                self._distance_cache.clear()
            self._distance_cache[node] = cached
        return cached

    def route_distance(self, a: int, measure_a: float, b: int, measure_b: float) -> float:
        """Shortest driving distance between two positions on the network (either direction)."""
        if a == b:
            return abs(measure_b - measure_a)
        best = np.inf
        for node_a, off_a in (
            (self.start_node[a], measure_a),
            (self.end_node[a], self.lengths[a] - measure_a),
        ):
            distances = self.node_distances(int(node_a))
            for node_b, off_b in (
                (self.start_node[b], measure_b),
                (self.end_node[b], self.lengths[b] - measure_b),
            ):
                best = min(best, off_a + distances[node_b] + off_b)
        return float(best)
