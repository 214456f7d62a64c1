"""Precomputed positions for graphs too big for the in-browser physics."""

from __future__ import annotations

import math

import numpy as np

from newsgraph.render.styles import FORCE_LAYOUT_LIMIT, PHYSICS_NODE_LIMIT

# Layout for large graphs


def _force_layout(count: int, pairs: list[tuple[int, int]], iterations: int = 30,
                  seed: int = 1) -> np.ndarray:
    """Fruchterman-Reingold on a dense adjacency matrix, positions in [-1, 1].

    The algorithm of networkx's ``spring_layout(iterations=30, seed=...)`` dense path, written
    out because networkx switches to a scipy-only solver from 500 nodes: this keeps one code
    path (and one picture) for 300-1,000 nodes whether or not scipy is installed. O(n²) time and
    memory per iteration: measured 0.25 s for 500 nodes and 0.9 s for 1,000.
    """
    rng = np.random.default_rng(seed)
    pos = rng.random((count, 2))
    adjacency = np.zeros((count, count))
    for i, j in pairs:
        adjacency[i, j] = adjacency[j, i] = 1.0
    k = 1.0 / math.sqrt(count)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, np.newaxis, :] - pos[np.newaxis, :, :]
        distance = np.sqrt((delta ** 2).sum(axis=-1))
        np.clip(distance, 0.01, None, out=distance)
        force = k * k / distance ** 2 - adjacency * distance / k
        displacement = np.einsum("ijk,ij->ik", delta, force)
        length = np.sqrt((displacement ** 2).sum(axis=-1))
        length = np.where(length < 0.01, 0.1, length)
        pos += displacement * (temperature / length)[:, np.newaxis]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    return pos / max(float(np.abs(pos).max()), 1e-9)


def _spiral_layout(count: int) -> np.ndarray:
    """Sunflower spiral in [-1, 1]: O(n), the first (most important) nodes in the centre."""
    golden = math.pi * (3 - math.sqrt(5))
    index = np.arange(count)
    radius = np.sqrt((index + 0.5) / count)
    return np.column_stack((radius * np.cos(index * golden), radius * np.sin(index * golden)))


def layout_positions(node_ids: list[str], pairs: list[tuple[int, int]]) -> dict[str, tuple[int, int]] | None:
    """Fixed pixel positions for graphs too big for in-browser physics, else None.

    ``node_ids`` must be ordered most important first (the spiral puts them in the centre).
    """
    count = len(node_ids)
    if count <= PHYSICS_NODE_LIMIT:
        return None
    unit = _force_layout(count, pairs) if count <= FORCE_LAYOUT_LIMIT else _spiral_layout(count)
    scale = 30.0 * math.sqrt(count)  # keeps average spacing roughly constant as n grows
    # Integer pixels: stable output and no float noise in the page.
    return {nid: (round(x * scale), round(y * scale)) for nid, (x, y) in zip(node_ids, unit.tolist())}
