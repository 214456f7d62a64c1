"""The benchmark runs end to end on a tiny corpus, so it cannot rot (no timing is asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_quick_benchmark_writes_every_measurement(tmp_path):
    out = tmp_path / "RESULTS.md"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    subprocess.run([sys.executable, "-m", "bench", "--quick", "--articles", "5", "--out", str(out)], cwd=ROOT,
                   env=env, check=True, capture_output=True, timeout=600)
    text = out.read_text()
    for heading in ("## Machine", "## Corpus", "## Results", "### 1. Throughput", "### 3. Query latency",
                    "### 4. Incremental add", "### 5. Memory", "### 6. Render"):
        assert heading in text
    assert "TriG byte-identical" in text
    for query in (ROOT / "queries").glob("*.rq"):
        assert f"| {query.stem} |" in text


def test_corpus_is_seeded_and_names_are_invented(tmp_path):
    sys.path.insert(0, str(ROOT))
    try:
        from bench.corpus import World, write_corpus
    finally:
        sys.path.remove(str(ROOT))
    corpus = write_corpus(tmp_path, 3, seed=7)
    assert [p.read_text() for p in corpus.paths] == [World(seed=7).article(i) for i in range(3)]
    assert corpus.words > 3 * 400
    seed_text = (ROOT / "seeds" / "000_b58dadf5cc5c3bf8.txt").read_text()
    world = World(seed=7)
    invented = {g.name for g in world.groups} | {g.leader for g in world.groups} | set(world.countries)
    assert not {name for name in invented if name in seed_text}
