"""The ng: namespace in code, the OWL ontology and the SHACL shapes agree."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS, get_annotations

from newsgraph.namespaces import NG, NGSH, ontology_dir

# Not imported by name: pytest's collection probes module attributes and
# rdflib's XSD namespace warns on unknown lookups.
XSD_NS = str(rdflib.XSD)

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "newsgraph"
NS = str(NG._NS)
SCHEMA = Namespace("https://schema.org/")

# Properties deliberately declared without rdfs:range (the range is a union,
# documented with schema:rangeIncludes and enforced in shapes.ttl with sh:or),
# and without rdfs:domain (any entity may carry them; schema:domainIncludes).
NO_RANGE = {
    "leaderOf",
    "politicalLeaderOf",
    "militaryLeaderOf",
    "formerLeaderOf",
    "designatedTerroristBy",
    "targeted",
    "about",
    "foundedOn",
    "occurredOn",
}
NO_DOMAIN = {"mentionedIn", "degree", "betweenness", "pagerank"}

ALIGNMENT_PREDICATES = (
    OWL.equivalentClass,
    OWL.equivalentProperty,
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    SKOS.exactMatch,
    SKOS.closeMatch,
)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_dir() / "newsgraph.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


def ng_names() -> set[str]:
    return {name for name in get_annotations(NG) if not name.startswith("_")}


def ontology_terms(graph: Graph) -> set[str]:
    return {
        str(s)[len(NS):]
        for s in graph.subjects()
        if isinstance(s, URIRef) and str(s).startswith(NS)
    }


def properties(graph: Graph) -> set[URIRef]:
    return set(graph.subjects(RDF.type, OWL.ObjectProperty)) | set(
        graph.subjects(RDF.type, OWL.DatatypeProperty)
    )


# --- files -------------------------------------------------------------------


def test_ontology_dir_holds_both_files() -> None:
    assert (ontology_dir() / "newsgraph.ttl").is_file()
    assert (ontology_dir() / "shapes.ttl").is_file()


def test_ontology_header(ontology: Graph) -> None:
    onto = URIRef("https://w3id.org/newsgraph/ontology")
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(onto, OWL.versionInfo) == Literal("0.1.0")


# --- (a) NG and the ontology list the same terms ------------------------------


def test_every_ng_term_is_defined_with_label_and_comment(ontology: Graph) -> None:
    problems = []
    for name in sorted(ng_names()):
        term = NG[name]
        if (term, None, None) not in ontology:
            problems.append(f"{name}: not in newsgraph.ttl")
            continue
        for pred in (RDFS.label, RDFS.comment):
            values = list(ontology.objects(term, pred))
            if not any(isinstance(v, Literal) and v.language == "en" and str(v).strip() for v in values):
                problems.append(f"{name}: no English {pred.n3(ontology.namespace_manager)}")
        if not list(ontology.objects(term, RDF.type)):
            problems.append(f"{name}: no rdf:type")
    assert not problems, "\n".join(problems)


def test_every_ontology_term_is_in_ng(ontology: Graph) -> None:
    missing = ontology_terms(ontology) - ng_names()
    assert not missing, f"defined in newsgraph.ttl but missing from NG: {sorted(missing)}"


# --- (b) NG is closed ----------------------------------------------------------


def test_misspelt_term_raises() -> None:
    with pytest.raises(AttributeError):
        NG.leaderof  # noqa: B018
    assert NG.leaderOf == URIRef(NS + "leaderOf")


# --- (c) domains and ranges ---------------------------------------------------


def test_properties_have_domain_and_range(ontology: Graph) -> None:
    props = properties(ontology)
    assert props, "no properties found"
    defined = {URIRef(NS + n) for n in ontology_terms(ontology)}
    problems = []
    for prop in sorted(props):
        name = str(prop)[len(NS):]
        for pred, includes, exempt in (
            (RDFS.domain, SCHEMA.domainIncludes, NO_DOMAIN),
            (RDFS.range, SCHEMA.rangeIncludes, NO_RANGE),
        ):
            values = set(ontology.objects(prop, pred))
            if name in exempt:
                if values:
                    problems.append(f"{name}: listed as without {pred} but declares {sorted(values)}")
                if not set(ontology.objects(prop, includes)):
                    problems.append(f"{name}: no {pred} and no {includes} documenting it")
                continue
            if len(values) != 1:
                problems.append(f"{name}: expected exactly one {pred}, got {sorted(values)}")
            for value in values:
                known = value in defined or str(value).startswith(XSD_NS) or value == RDF.Statement
                if not known:
                    problems.append(f"{name}: {pred} {value} is not an ng: class or XSD datatype")
        if (prop, RDF.type, OWL.DatatypeProperty) in ontology:
            for value in ontology.objects(prop, RDFS.range):
                if not str(value).startswith(XSD_NS):
                    problems.append(f"{name}: datatype property with non-XSD range {value}")
    assert not problems, "\n".join(problems)


def test_union_exemptions_are_real_properties(ontology: Graph) -> None:
    names = {str(p)[len(NS):] for p in properties(ontology)}
    assert NO_RANGE <= names
    assert NO_DOMAIN <= names


def test_leadership_structure(ontology: Graph) -> None:
    assert (NG.politicalLeaderOf, RDFS.subPropertyOf, NG.leaderOf) in ontology
    assert (NG.militaryLeaderOf, RDFS.subPropertyOf, NG.leaderOf) in ontology
    assert (NG.formerLeaderOf, RDFS.subPropertyOf, NG.leaderOf) not in ontology
    assert (NG.alliedWith, RDF.type, OWL.SymmetricProperty) in ontology
    assert (NG.locatedIn, RDF.type, OWL.TransitiveProperty) in ontology
    assert (NG.Claim, RDFS.subClassOf, RDF.Statement) in ontology


# --- (d) alignments -----------------------------------------------------------


def test_every_term_is_aligned(ontology: Graph) -> None:
    unaligned = []
    for name in sorted(ontology_terms(ontology)):
        term = URIRef(NS + name)
        targets = [
            o
            for p in ALIGNMENT_PREDICATES
            for o in ontology.objects(term, p)
            if isinstance(o, URIRef) and not str(o).startswith(NS)
        ]
        if not targets:
            unaligned.append(name)
    assert not unaligned, f"terms without an alignment to an external vocabulary: {unaligned}"


# --- (e) SHACL shapes ---------------------------------------------------------

VALID_TTL = """
@prefix ng:   <https://w3id.org/newsgraph/ontology#> .
@prefix id:   <https://w3id.org/newsgraph/id/> .
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

id:denis-kapustin a ng:Person ;
    rdfs:label "Denis Kapustin"@en ;
    skos:altLabel "Denis Nikitin" ;
    ng:leaderOf id:rvc ;
    ng:citizenOf id:russia ;
    ng:designatedTerroristBy id:russia .

id:rvc a ng:ArmedGroup ;
    rdfs:label "Russian Volunteer Corps" ;
    skos:altLabel "RVC" , "RDK" ;
    ng:foundedOn "2022-08"^^xsd:gYearMonth ;
    ng:participatedIn id:belgorod-raid .

id:gladkov a ng:Person ;
    rdfs:label "Viacheslav Gladkov" ;
    ng:politicalLeaderOf id:belgorod .

id:russia a ng:Country ; rdfs:label "Russia" .
id:belgorod a ng:Place ; rdfs:label "Belgorod" ; ng:locatedIn id:russia .

id:belgorod-raid a ng:Attack ;
    rdfs:label "Belgorod raid" ;
    ng:occurredIn id:belgorod ;
    ng:occurredOn "2023-05-22"^^xsd:date ;
    ng:injured "9"^^xsd:integer , "8"^^xsd:integer ;
    ng:attributedTo id:rvc ;
    ng:targeted id:belgorod .

id:cnn a ng:NewsSource ; rdfs:label "CNN" .

id:article-1 a ng:Article ;
    ng:url "https://example.org/news/1"^^xsd:anyURI ;
    ng:title "Who are the Russian paramilitary groups" ;
    ng:publishedOn "2023-05-24"^^xsd:date ;
    ng:publisher id:cnn .

id:claim-1 a ng:Claim ;
    rdf:subject id:denis-kapustin ;
    rdf:predicate ng:leaderOf ;
    rdf:object id:rvc ;
    prov:wasDerivedFrom id:article-1 ;
    ng:sentence "Denis Kapustin leads the Russian Volunteer Corps." ;
    ng:startOffset "120"^^xsd:integer ;
    ng:endOffset "169"^^xsd:integer ;
    ng:accordingTo id:cnn ;
    ng:stance ng:Asserts .

id:explanation-1 a ng:Explanation ;
    ng:explains id:inferred-1 ;
    ng:rule "leader-implies-member" ;
    ng:score 0.8 ;
    ng:certainty ng:Attributed ;
    ng:disputed false ;
    ng:evidence id:claim-1 .

id:inferred-1 a rdf:Statement ;
    rdf:subject id:denis-kapustin ;
    rdf:predicate ng:memberOf ;
    rdf:object id:rvc .

id:denis-kapustin ng:mentionedIn id:article-1 .
id:rvc ng:mentionedIn id:article-1 .
id:gladkov ng:mentionedIn id:article-1 .
id:russia ng:mentionedIn id:article-1 .
id:belgorod ng:mentionedIn id:article-1 .
id:belgorod-raid ng:mentionedIn id:article-1 .
id:cnn ng:mentionedIn id:article-1 .
"""


def _validate(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, Graph]:
    conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="rdfs",
        abort_on_first=False,
        allow_warnings=False,
    )
    return conforms, report


def _result_paths(report: Graph) -> set[URIRef]:
    return {
        path
        for result in report.subjects(RDF.type, SH.ValidationResult)
        for path in report.objects(result, SH.resultPath)
    }


def _valid_graph() -> Graph:
    return Graph().parse(data=VALID_TTL, format="turtle")


def test_shapes_parse_and_have_messages(shapes: Graph) -> None:
    shape_nodes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    )
    assert len(shape_nodes) > 10
    no_message = [s for s in shape_nodes if shapes.value(s, SH.message) is None]
    assert not no_message, f"shapes without sh:message: {sorted(no_message)}"
    assert all(str(s).startswith(str(NGSH)) for s in shape_nodes)


def test_valid_example_conforms(shapes: Graph, ontology: Graph) -> None:
    conforms, report = _validate(_valid_graph(), shapes, ontology)
    assert conforms, report.serialize(format="turtle")


def test_claim_without_sentence_does_not_conform(shapes: Graph, ontology: Graph) -> None:
    data = _valid_graph()
    data.remove((None, NG.sentence, None))
    conforms, report = _validate(data, shapes, ontology)
    assert not conforms
    assert NG.sentence in _result_paths(report)


ID = Namespace("https://w3id.org/newsgraph/id/")


def _set(triple: tuple) -> Callable[[Graph], None]:
    def edit(g: Graph) -> None:
        g.set(triple)

    return edit


def _add(triple: tuple) -> Callable[[Graph], None]:
    def edit(g: Graph) -> None:
        g.add(triple)

    return edit


def _remove(triple: tuple) -> Callable[[Graph], None]:
    def edit(g: Graph) -> None:
        g.remove(triple)

    return edit


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        pytest.param(_remove((ID.gladkov, RDFS.label, None)), RDFS.label, id="entity-without-label"),
        pytest.param(_add((ID.rvc, RDFS.label, Literal("RDK"))), RDFS.label, id="two-labels"),
        pytest.param(_set((ID["claim-1"], NG.stance, ID.rvc)), NG.stance, id="bad-stance"),
        pytest.param(
            _remove((ID["claim-1"], NG.accordingTo, None)), NG.accordingTo, id="claim-without-source"
        ),
        pytest.param(
            _set((ID["claim-1"], NG.startOffset, Literal(-1))), NG.startOffset, id="negative-offset"
        ),
        pytest.param(
            _set((ID["claim-1"], NG.startOffset, Literal(500, datatype=XSD_NS + "integer"))),
            NG.startOffset,
            id="start-after-end",
        ),
        pytest.param(
            _set((ID.rvc, NG.foundedOn, Literal("August 2022"))), NG.foundedOn, id="founded-on-plain-string"
        ),
        pytest.param(
            _add((ID["belgorod-raid"], NG.killed, Literal("two"))), NG.killed, id="killed-not-integer"
        ),
        pytest.param(
            _add((ID.gladkov, NG.leaderOf, Literal("Belgorod"))), NG.leaderOf, id="leader-of-literal"
        ),
        pytest.param(
            _add((ID.gladkov, NG.leaderOf, BNode())), NG.leaderOf, id="leader-of-untyped-node"
        ),
        pytest.param(
            _set((ID["explanation-1"], NG.score, Literal("1.5", datatype=XSD_NS + "decimal"))),
            NG.score,
            id="score-above-one",
        ),
        pytest.param(
            _set((ID["explanation-1"], NG.certainty, NG.Asserts)), NG.certainty, id="bad-certainty"
        ),
        pytest.param(_remove((ID["explanation-1"], NG.rule, None)), NG.rule, id="explanation-without-rule"),
    ],
)
def test_invalid_examples_do_not_conform(
    edit: Callable[[Graph], None], path: URIRef, shapes: Graph, ontology: Graph
) -> None:
    data = _valid_graph()
    edit(data)
    conforms, report = _validate(data, shapes, ontology)
    assert not conforms
    assert path in _result_paths(report), report.serialize(format="turtle")


# --- (f) code only uses defined terms ----------------------------------------

NG_USE = re.compile(r"\bNG\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)|\bNG\s*\[\s*[\"']([^\"']+)[\"']\s*\]")


def test_code_uses_only_defined_terms(ontology: Graph) -> None:
    defined = ontology_terms(ontology)
    unknown = []
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for match in NG_USE.finditer(text):
            name = match.group(1) or match.group(2)
            if name.startswith("_") or name == "as_jsonld_context":
                continue
            if name not in defined:
                line = text.count("\n", 0, match.start()) + 1
                unknown.append(f"{path.relative_to(REPO)}:{line}: NG.{name}")
    assert not unknown, "undefined ng: terms used in code:\n" + "\n".join(unknown)
