"""Finding an entity by what a reader types: one lookup for ``explain``, ``path`` and ``render --focus``.

A name matches an entity's IRI or ``id:`` CURIE exactly, else its label, else one of its
aliases, compared by :func:`name_key`: case, accents, Unicode compatibility forms (full-width
letters, ligatures) and invisible characters (zero-width and bidirectional controls) ignored,
so ``Cesar Ruiz`` finds César Ruiz and a name pasted with a zero-width space finds the entity
it shows. The key ends in the extraction stage's :func:`~newsgraph.gazetteer.fold`, the same
that merged the names into one entity. Two copies of this lookup had drifted (``explain``
folded accents, ``render`` did not).

Examples
--------
>>> from rdflib import URIRef
>>> cesar = Named(URIRef("https://w3id.org/newsgraph/id/person/cesar-ruiz"), "César Ruiz", ("Ruiz",))
>>> [str(iri) for iri in match_entities([cesar], "cesar ruiz")]
['https://w3id.org/newsgraph/id/person/cesar-ruiz']
>>> match_entities([cesar], "id:person/cesar-ruiz") == match_entities([cesar], "RUIZ") == [cesar.iri]
True
>>> name_key("Ｃe\u0301sar\u200b RUIZ") == name_key("cesar ruiz")
True
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.term import Node

from newsgraph.gazetteer import fold
from newsgraph.ingest.cleanup import visible_text
from newsgraph.namespaces import ID

__all__ = ["Named", "match_entities", "curie", "name_key"]


@dataclass(frozen=True)
class Named:
    """An entity as the lookup sees it: its IRI and the names it goes by."""

    iri: URIRef
    label: str
    aliases: Sequence[str] = ()


def curie(iri: Node) -> str:
    """``id:person/denis-nikitin`` for a newsgraph instance; any other IRI as it is."""
    text = str(iri)
    return "id:" + text[len(str(ID)):] if text.startswith(str(ID)) else text


def name_key(name: str) -> str:
    """What two names a reader would call the same have in common: invisible characters removed,
    NFKC, case folded, accents and full stops dropped, spaces collapsed."""
    return fold(unicodedata.normalize("NFKC", visible_text(name)).casefold())


def match_entities(entities: Iterable[Named], name: str) -> list[URIRef]:
    """The entities ``name`` names, in IRI order: by IRI or CURIE, else by label, else by alias
    (case and accents ignored). Empty when nothing matches; several when names are shared."""
    wanted = visible_text(name).strip()
    candidates = list(entities)
    exact = [e.iri for e in candidates if wanted in (str(e.iri), curie(e.iri))]
    if exact:
        return sorted(set(exact), key=str)
    folded = name_key(wanted)
    by_label = {e.iri for e in candidates if name_key(e.label) == folded}
    if by_label:
        return sorted(by_label, key=str)
    return sorted({e.iri for e in candidates if any(name_key(a) == folded for a in e.aliases)}, key=str)
