"""``build --jobs N`` and ``build --scheduler``: the same output as one process."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.parallel import extract_in_processes, extract_on_cluster
from newsgraph.parsing import extract_articles
from newsgraph.pipeline import build, read_articles
from newsgraph.rdfio import serialize_dataset

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "data" / "articles"
FEW = sorted(ARTICLES.iterdir())[:3]


@pytest.fixture(scope="module")
def articles():
    return read_articles(FEW)[0]


@pytest.fixture(scope="module")
def in_process(articles):
    return list(extract_articles(articles))


@pytest.mark.slow
def test_worker_processes_return_extractions_in_input_order(articles, in_process):
    assert list(extract_in_processes(articles, None, jobs=2, chunk_size=1)) == in_process


@pytest.mark.slow
def test_jobs_two_writes_byte_identical_files(tmp_path):
    for jobs in ("1", "2"):
        result = CliRunner().invoke(cli, ["build", str(ARTICLES), "-o", str(tmp_path / jobs), "--jobs", jobs])
        assert result.exit_code == 0, result.output
    for ext in ("trig", "ttl", "html"):
        assert (tmp_path / "1" / f"graph.{ext}").read_bytes() == (tmp_path / "2" / f"graph.{ext}").read_bytes()


def test_jobs_must_be_positive(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(ARTICLES), "-o", str(tmp_path), "--jobs", "0"])
    assert result.exit_code == 2
    assert "Invalid value for '--jobs' / '-j': 0 is not in the range x>=1." in result.output


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  scheduler_port=0) as cluster:
        yield cluster


def test_dask_workers_return_extractions_in_input_order(dask_cluster, articles, in_process):
    assert list(extract_on_cluster(articles, None, dask_cluster.scheduler_address, chunk_size=1)) == in_process


def test_dask_build_is_byte_identical_to_in_process_build(dask_cluster):
    on_cluster = build(FEW, scheduler=dask_cluster.scheduler_address)
    local = build(FEW)
    assert serialize_dataset(on_cluster.dataset, "trig") == serialize_dataset(local.dataset, "trig")


@pytest.mark.slow
def test_unreachable_scheduler_is_a_one_line_error(tmp_path):
    pytest.importorskip("distributed")
    result = CliRunner().invoke(cli, ["build", str(FEW[0]), "-o", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: Cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")
    assert len(result.output.splitlines()) == 1
