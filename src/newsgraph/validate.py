"""SHACL validation of a graph against ``ontology/shapes.ttl`` (pySHACL, RDFS inference)."""

from __future__ import annotations

from functools import cache

from rdflib import Dataset, Graph
from rdflib.namespace import SH

from newsgraph.namespaces import ontology_dir, ontology_graph
from newsgraph.rdfio import union_graph

__all__ = ["validate_dataset"]


@cache
def _shapes_and_ontology() -> tuple[Graph, Graph]:
    return Graph().parse(ontology_dir() / "shapes.ttl"), ontology_graph()


def validate_dataset(ds: Dataset) -> tuple[bool, list[tuple[str, str]]]:
    """(conforms, [(focus node, message), ...]) for the union of all graphs."""
    from pyshacl import validate

    shapes, ontology = _shapes_and_ontology()
    conforms, report, _ = validate(union_graph(ds), shacl_graph=shapes, ont_graph=ontology,
                                   inference="rdfs", allow_warnings=True)
    violations = sorted(
        (str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultMessage)))
        for r in report.subjects(SH.resultSeverity, SH.Violation)
    )
    return bool(conforms), violations
