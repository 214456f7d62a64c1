"""Group an article's names into entities: one entity per real-world thing named in it.

"Ivo Marskovich" and "Marskovych" are one person (surname and spelling-variant match), "NDF" is
the group it abbreviates, "Dawn Front" the longer name it ends. Across articles,
:mod:`newsgraph.resolve` merges these tables with the same name tests.

Examples
--------
>>> similar_names("Marskovich", "Marskovych"), similar_names("Ivanov", "Petrov")
(True, False)
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher

from newsgraph.extract.names import NER, NameSpan
from newsgraph.extract.words import CLASS_FAMILY
from newsgraph.gazetteer import fold, gazetteer
from newsgraph.model import Entity
from newsgraph.vocab import slug

__all__ = ["CLASS_FAMILY", "cluster_names", "entity_key", "same_person", "similar_names", "slug"]

# When votes tie, the more specific class wins.
_SPECIFICITY = ["Country", "NewsSource", "ArmedGroup", "GovernmentBody", "Person", "Place", "Organization"]


def entity_key(cls: str, label: str) -> str:
    return f"{cls}:{slug(label)}"


def similar_names(a: str, b: str, threshold: float = 0.8) -> bool:
    """Spelling variants of one name (transliteration, accents, a typo)."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    if min(len(fa), len(fb)) < 4 or fa[0] != fb[0]:
        return False
    return SequenceMatcher(None, fa, fb).ratio() >= threshold


_THE = re.compile(r"^(the|The)\s+")


def _strip_the(text: str) -> str:
    if text.startswith(("the", "The")):
        text = _THE.sub("", text)
    return text.strip(" ’'\"“”")


def _pick_class(votes: list[tuple[str, int]]) -> str:
    best = max(s for _, s in votes)
    top = Counter(c for c, s in votes if s == best)
    most = max(top.values())
    tied = [c for c, n in top.items() if n == most]
    if len({CLASS_FAMILY.get(c, c) for c in tied}) > 1:
        return next(c for c, s in votes if s == best and c in tied)  # kinds apart: the first mention's
    return min(tied, key=_SPECIFICITY.index)  # one kind: the more specific class


def _full_name_votes(names: list[NameSpan], idxs: list[int]) -> list[tuple[str, int]]:
    """The class votes of a person's full name, where the rest of the entity's mentions are its
    surname read by NER alone: in "said Dana Singh, ... Singh noted", NER calls the lone surname
    a place three times, and the full name, said once, says what it is. Empty otherwise."""
    full = [i for i in idxs if names[i].cls == "Person" and len(names[i].text.split()) >= 2]
    if not full:
        return []
    surnames = {fold(names[i].text).split()[-1] for i in full}
    rest = [i for i in idxs if i not in full]
    if all(names[i].strength <= NER and fold(names[i].text) in surnames for i in rest):
        return [(names[i].cls or "Person", names[i].strength) for i in full]
    return []


def classes_agree(name: NameSpan, names: list[NameSpan], others: list[int]) -> bool:
    """Whether the other mentions of a surface form are of the same class family as ``name``."""
    family = CLASS_FAMILY.get(name.cls or "")
    return all(names[i].cls is None or CLASS_FAMILY.get(names[i].cls or "") == family for i in others)


def cluster_names(names: list[NameSpan]) -> tuple[dict[int, str], dict[str, Entity]]:
    """Assign each name (by index) to a local entity; returns (name index → key, key → entity)."""
    groups: dict[str, list[int]] = defaultdict(list)  # folded surface → name indices
    for i, name in enumerate(names):
        if name.cls == "Demonym":
            continue
        groups[fold(name.canonical or _strip_the(name.text))].append(i)

    # Abbreviations first introduced in brackets: "(NLF)" names what precedes it.
    abbreviations = {
        fold(n.abbreviation): fold(n.canonical or _strip_the(n.text)) for n in names if n.abbreviation
    }
    parent: dict[str, str] = {k: k for k in groups}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(child: str, root: str) -> None:
        parent[find(child)] = find(root)

    # Names are grouped by canonical form; a surface form finds its group here, so "JNIM" (which
    # the gazetteer expands) still meets "(JNIM)" after the name the article spells its own way.
    by_surface: dict[str, str] = {}
    for name in names:
        if name.cls != "Demonym":
            by_surface.setdefault(fold(_strip_the(name.text)), fold(name.canonical or _strip_the(name.text)))
    for abbr, full in abbreviations.items():
        a, f = by_surface.get(abbr, abbr), by_surface.get(full, full)
        if a in groups and f in groups:
            union(a, f)
    for name in names:
        # A name the gazetteer gave its canonical form is the same name written as it is elsewhere.
        surface = fold(_strip_the(name.text))
        if (
            name.canonical
            and name.cls != "Demonym"
            and surface in groups
            and fold(name.canonical) in groups
            and classes_agree(name, names, groups[surface])
        ):
            union(surface, fold(name.canonical))
    for name in names:
        # "X, also known as Y": one entity, unless Y is also part of another name of the article
        # ("Jan Sedlak (callsign Dravik)" beside "the Dravik Brigade") or another kind of thing.
        if name.alias_of is None or name.cls == "Demonym" or names[name.alias_of].cls == "Demonym":
            continue
        first = names[name.alias_of]
        if (
            name.cls
            and first.cls
            and CLASS_FAMILY.get(name.cls) != CLASS_FAMILY.get(first.cls)
            and min(name.strength, first.strength) >= 2
        ):
            continue  # both surely something, and not the same kind of thing
        surface = fold(_strip_the(name.text))
        alias = fold(name.canonical or _strip_the(name.text))
        named = fold(first.canonical or _strip_the(first.text))
        if name.canonical and fold(name.canonical) != surface:
            continue  # the gazetteer knows Y as something of its own ("Dravik" is the Dravik Brigade)
        if not any(
            f" {surface} " in f" {other} "
            for other in groups
            if other not in (named, surface) and len(other.split()) > len(surface.split())
        ):
            union(alias, named)

    votes = {k: [(c, names[i].strength) for i in idxs if (c := names[i].cls)] for k, idxs in groups.items()}
    classes = {k: _pick_class(v) for k, v in votes.items() if v}
    strongest = {k: max((s for _, s in v), default=0) for k, v in votes.items()}
    one_word = [k for k in groups if " " not in k]
    multi_persons = [k for k in groups if classes.get(k) == "Person" and len(k.split()) >= 2]
    by_surname_initial: dict[str, list[tuple[str, str]]] = defaultdict(list)  # similar_names needs it
    for person in multi_persons:
        surname = person.split()[-1]
        by_surname_initial[surname[:1]].append((person, surname))
    for k in groups:
        words = k.split()
        if len(words) == 1 and classes.get(k) in ("Person", "Organization", "Place", None):
            # A lone surname ("Orvath") is the person named in full elsewhere, whatever NER said.
            matches = [p for p, surname in by_surname_initial[k[:1]] if similar_names(surname, k, 0.85)]
            if len(matches) == 1 and (classes.get(k) == "Person" or p_exact(matches[0], k)):
                union(k, matches[0])
        if classes.get(k) in ("Person", None, "Organization") and 2 <= len(words) <= 3:
            # "Ag Sidally" is "Hamadoun Ag Sidally": a name ending a longer person's name.
            longer = [p for p in multi_persons if p != k and p.endswith(" " + k)]
            if len(longer) == 1:
                union(k, longer[0])
        if classes.get(k) == "Person" and len(words) >= 2:
            for other in multi_persons:
                if other != k and find(other) != find(k) and same_person(k, other):
                    union(k, other)
        if classes.get(k) == "Person" and len(words) == 1:
            # "Caesar" and "César": one person, even where NER called one of them something else.
            for other in one_word:
                if (
                    other != k
                    and other[:1] == k[:1]
                    and (classes.get(other) == "Person" or strongest[other] <= 1)
                    and find(other) != find(k)
                    and similar_names(k, other, 0.85)
                ):
                    union(other, k)
        if CLASS_FAMILY.get(classes.get(k, ""), "") == "org" and (len(words) >= 2 or _is_head_word(k)):
            # "Dawn Front" is the "Northern Dawn Front" named in full elsewhere; "the Tigers" the
            # "Red Hills Tigers".
            longer = [
                o
                for o in groups
                if o != k and o.endswith(" " + k) and CLASS_FAMILY.get(classes.get(o, ""), "") == "org"
            ]
            if len(longer) == 1:
                union(k, longer[0])

    initials: dict[str, list[str]] = defaultdict(list)
    for k in groups:
        words = [w for w in k.replace("-", " ").split() if w not in ("of", "the", "and", "for", "in")]
        if len(words) >= 2 and CLASS_FAMILY.get(classes.get(k, ""), "") == "org":
            initials["".join(w[0] for w in words)].append(k)
    for k in groups:
        # "SDF" is the "Velka Democratic Forces" the article names in full, bracketed or not.
        if (
            " " not in k
            and k.isalpha()
            and 2 <= len(k) <= 6
            and len(initials.get(k, ())) == 1
            and any(names[i].text.isupper() for i in groups[k])
        ):
            union(k, initials[k][0])
    g = gazetteer()
    org_words: dict[str, set[str]] = defaultdict(set)
    for k in groups:
        if CLASS_FAMILY.get(classes.get(k, ""), "") == "org" and len(k.split()) >= 2:
            for word in k.replace("(", " ").replace(")", " ").split():
                org_words[word].add(k)
    for k in groups:
        # "the Dravikists", "the Dravikis": members named after the one group whose name has the word.
        if (
            " " not in k
            and k.endswith("s")
            and len(owners := org_words.get(k[:-1], set())) == 1
            and classes.get(k) != "Person"
        ):
            union(k, next(iter(owners)))
    for k in groups:
        # "Kharkiv Oblast" and "Kharkiv" (or "the Kharkiv region"): the region, named two ways.
        base, _, unit = k.rpartition(" ")
        if (
            base in groups
            and unit in g.place_units
            and classes.get(k) == "Place"
            and classes.get(base) in ("Place", None)
        ):
            union(base, k)

    members: dict[str, list[int]] = defaultdict(list)
    for k, idxs in groups.items():
        members[find(k)].extend(idxs)

    index_to_key: dict[int, str] = {}
    entities: dict[str, Entity] = {}
    for idxs in members.values():
        all_votes = [(cls, names[i].strength) for i in idxs if (cls := names[i].cls)]
        if not all_votes:
            continue
        cls = _pick_class(_full_name_votes(names, idxs) or all_votes)
        surfaces = [names[i].canonical or _strip_the(names[i].text) for i in idxs]
        canonical = [c for i in idxs if (c := names[i].canonical)]
        label = (
            canonical[0]
            if canonical
            else max(surfaces, key=lambda s: (len(s.split()), len(s), -surfaces.index(s)))
        )
        aliases = {_strip_the(names[i].text) for i in idxs} | {
            names[i].abbreviation for i in idxs if names[i].abbreviation
        }
        head, _, qualifier = label.rpartition(" of ")
        if (
            CLASS_FAMILY.get(cls) == "org"
            and head
            and gazetteer().countries.get(fold(qualifier))
            and not canonical
        ):  # not "Armed Forces of X": every country has armed forces
            aliases.add(head)  # "Federal Security Service of X" is also called "Federal Security Service"
        key = entity_key(cls, label)
        entity = entities.setdefault(key, Entity(key=key, cls=cls, label=label))
        entity.aliases |= {a for a in aliases if a and fold(a) != fold(label)}
        for i in idxs:
            index_to_key[i] = key
    return index_to_key, entities


def _is_head_word(name: str) -> bool:
    """A cue word used alone as a short name ("the Tigers", "the Legion"); not "Army" or
    "Forces", which on their own usually mean a state's."""
    return name in gazetteer().org_cues and name not in ("army", "forces", "force")


def p_exact(person: str, single: str) -> bool:
    return person.split()[-1] == single


def same_person(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    return similar_names(wa[0], wb[0], 0.75) and similar_names(wa[-1], wb[-1], 0.8)
