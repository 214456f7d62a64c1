"""Group names into entities: within an article, then across the articles of a build.

One node per real-world entity: "Ivo Marskovich" and "Marskovych" are one person (surname and
spelling-variant match), "NDF" is the group it abbreviates, "Dawn Front" the longer name it
ends. Across articles, entities of compatible classes that share a name or alias are one.

Examples
--------
>>> similar_names("Marskovich", "Marskovych"), similar_names("Ivanov", "Petrov")
(True, False)
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from newsgraph.gazetteer import fold, gazetteer
from newsgraph.mentions import NameSpan
from newsgraph.model import Entity
from newsgraph.vocab import slug  # moved to vocab (issue 13); re-exported for the extraction stage

__all__ = ["similar_names", "cluster_names", "entity_key", "merge_corpus", "Resolver", "slug", "CLASS_FAMILY"]

# Classes that may be merged with each other when names agree (NER often confuses them).
CLASS_FAMILY = {
    "Person": "person",
    "ArmedGroup": "org",
    "Organization": "org",
    "GovernmentBody": "org",
    "NewsSource": "news",
    "Place": "place",
    "Country": "place",
    "Attack": "attack",
    "Weapon": "weapon",
}
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


def _strip_the(text: str) -> str:
    return re.sub(r"^(the|The)\s+", "", text).strip(" ’'\"“”")


def _pick_class(votes: list[tuple[str, int]]) -> str:
    best = max(s for _, s in votes)
    top = Counter(c for c, s in votes if s == best)
    most = max(top.values())
    return min((c for c, n in top.items() if n == most), key=_SPECIFICITY.index)


def cluster_names(names: list[NameSpan]) -> tuple[dict[int, str], dict[str, Entity]]:
    """Assign each name (by index) to a local entity; returns (name index → key, key → entity)."""
    groups: dict[str, list[int]] = defaultdict(list)  # folded surface → name indices
    for i, name in enumerate(names):
        if name.cls == "Demonym":
            continue
        groups[fold(name.canonical or _strip_the(name.text))].append(i)

    # Abbreviations first introduced in brackets: "(NLF)" names what precedes it.
    abbreviations = {
        fold(n.abbreviation): fold(n.canonical or _strip_the(n.text))
        for n in names
        if n.abbreviation
    }
    parent: dict[str, str] = {k: k for k in groups}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(child: str, root: str) -> None:
        parent[find(child)] = find(root)

    for abbr, full in abbreviations.items():
        if abbr in groups and full in groups:
            union(abbr, full)

    def votes(k: str) -> list[tuple[str, int]]:
        return [(names[i].cls, names[i].strength) for i in groups[k] if names[i].cls]

    classes = {k: _pick_class(votes(k)) for k in groups if votes(k)}
    multi_persons = [k for k in groups if classes.get(k) == "Person" and len(k.split()) >= 2]
    for k in groups:
        words = k.split()
        if len(words) == 1 and classes.get(k) in ("Person", "Organization", "Place", None):
            # A lone surname ("Orvath") is the person named in full elsewhere, whatever NER said.
            matches = [p for p in multi_persons if similar_names(p.split()[-1], k, 0.85)]
            if len(matches) == 1 and (classes.get(k) == "Person" or p_exact(matches[0], k)):
                union(k, matches[0])
        if classes.get(k) in ("Person", None, "Organization") and 2 <= len(words) <= 3:
            # "Ag Sidally" is "Hamadoun Ag Sidally": a name ending a longer person's name.
            longer = [p for p in multi_persons if p != k and p.endswith(" " + k)]
            if len(longer) == 1:
                union(k, longer[0])
        if classes.get(k) == "Person" and len(words) >= 2:
            for other in multi_persons:
                if other != k and find(other) != find(k) and _same_person(k, other):
                    union(k, other)
        if classes.get(k) == "Person" and len(words) == 1:
            # "Caesar" and "César": one person, even where NER called one of them something else.
            for other in groups:
                weak = classes.get(other) == "Person" or max((s for _, s in votes(other)), default=0) <= 1
                if other != k and weak and len(other.split()) == 1 \
                        and find(other) != find(k) and similar_names(k, other, 0.85):
                    union(other, k)
        if CLASS_FAMILY.get(classes.get(k, ""), "") == "org" and (len(words) >= 2 or _is_head_word(k)):
            # "Dawn Front" is the "Northern Dawn Front" named in full elsewhere; "the Tigers" the
            # "Red Hills Tigers".
            longer = [o for o in groups if o != k and o.endswith(" " + k)
                      and CLASS_FAMILY.get(classes.get(o, ""), "") == "org"]
            if len(longer) == 1:
                union(k, longer[0])

    members: dict[str, list[int]] = defaultdict(list)
    for k, idxs in groups.items():
        members[find(k)].extend(idxs)

    index_to_key: dict[int, str] = {}
    entities: dict[str, Entity] = {}
    for idxs in members.values():
        all_votes = [(names[i].cls, names[i].strength) for i in idxs if names[i].cls]
        if not all_votes:
            continue
        cls = _pick_class(all_votes)
        surfaces = [names[i].canonical or _strip_the(names[i].text) for i in idxs]
        canonical = [names[i].canonical for i in idxs if names[i].canonical]
        label = canonical[0] if canonical else max(surfaces, key=lambda s: (len(s.split()), len(s), -surfaces.index(s)))
        aliases = {_strip_the(names[i].text) for i in idxs} | {
            names[i].abbreviation for i in idxs if names[i].abbreviation
        }
        head, _, qualifier = label.rpartition(" of ")
        if CLASS_FAMILY.get(cls) == "org" and head and gazetteer().countries.get(fold(qualifier)) \
                and not canonical:  # not "Armed Forces of X": every country has armed forces
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


def _same_person(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    return similar_names(wa[0], wb[0], 0.75) and similar_names(wa[-1], wb[-1], 0.8)


def merge_corpus(entity_tables: list[dict[str, Entity]],
                 scopes: list[str] | None = None) -> tuple[list[dict[str, str]], dict[str, Entity]]:
    """Merge per-article entities into corpus entities.

    Returns one local key → corpus key mapping per table (local keys repeat across articles:
    two articles' ``Attack:x`` may be different attacks) and the corpus table. ``scopes`` (the
    article ids) keep each article's unnamed bodies apart (see :func:`is_description`).
    """
    resolver = Resolver()
    scopes = scopes or [None] * len(entity_tables)
    return [resolver.resolve(table, scope) for table, scope in zip(entity_tables, scopes)], resolver.corpus


def is_description(entity: Entity) -> bool:
    """An organisation the article describes but does not name: "officials", "the defence
    ministry", "local police". Two articles' "officials" are not one body, so a description is
    never merged across articles (it would become a hub that links unrelated stories).

    >>> is_description(Entity("GovernmentBody:officials", "GovernmentBody", "officials"))
    True
    >>> is_description(Entity("GovernmentBody:x", "GovernmentBody", "Velka's defence ministry"))
    False
    """
    return CLASS_FAMILY.get(entity.cls) == "org" and not any(c.isupper() for c in entity.label) \
        and not entity.aliases


@dataclass
class Resolver:
    """Corpus entities and the names that find them, grown one article at a time.

    Entities of one class family that share a folded name or alias are one node; persons also
    merge on spelling variants of a full name. The first label seen wins and an entity's IRI
    name (``ident``) is fixed when it is first seen, so adding an article never renames what is
    already in a graph or a store. Resolving articles one by one in some order gives exactly
    what resolving them together in that order gives: the corpus store relies on it.
    """

    corpus: dict[str, Entity] = field(default_factory=dict)
    by_name: dict[tuple[str, str], str] = field(default_factory=dict)
    # Indexes that keep corpus order, so lookups find what a scan of the corpus would find first:
    # attacks by place, and full-named persons by the initials of their first and last names
    # (spelling variants of a name share its initial: see similar_names).
    attacks_at: dict[str | None, list[str]] = field(default_factory=lambda: defaultdict(list))
    persons_by_initials: dict[tuple[str, str], list[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(list))

    def resolve(self, table: dict[str, Entity], scope: str | None = None) -> dict[str, str]:
        """Map one article's entities (local key → entity) to corpus keys, adding new ones.
        ``scope`` (the article's id) names the article's own unnamed bodies."""
        mapping: dict[str, str] = {}
        for local in _in_resolution_order(table):
            local = self._localised(local, mapping)
            if scope and is_description(local):
                target = self._create(local, scope)
            elif local.cls == "Attack":
                target = _find_attack(self.corpus, self.attacks_at[local.place], local)
            else:
                target = self._find_by_name(local)
            if target is None:
                target = self._create(local)
            self._merge_into(target, local)
            mapping[local.key] = target
        return mapping

    def replay(self, table: dict[str, Entity], mapping: dict[str, str], known: dict[str, Entity]) -> None:
        """Re-apply an article resolved earlier (``mapping``), creating missing corpus entities
        from ``known`` (their saved definitions) instead of looking names up again."""
        for local in _in_resolution_order(table):
            local = self._localised(local, mapping)
            target = mapping[local.key]
            if target not in self.corpus:
                saved = known[target]
                self.index(Entity(key=target, cls=saved.cls, label=saved.label, place=saved.place,
                                   when=saved.when, ident=saved.ident))
            self._merge_into(target, local)

    def _localised(self, local: Entity, mapping: dict[str, str]) -> Entity:
        if local.cls != "Attack":
            return local
        # Attacks are identified by their place, which was mapped first.
        return Entity(key=local.key, cls="Attack", label=local.label, aliases=local.aliases,
                      place=mapping.get(local.place or "", local.place), when=local.when)

    def _find_by_name(self, local: Entity) -> str | None:
        family = CLASS_FAMILY.get(local.cls, local.cls)
        target = next((self.by_name[(family, fold(n))] for n in _names(local) if (family, fold(n)) in self.by_name),
                      None)
        if target is None and local.cls == "Person" and len(local.label.split()) >= 2:
            folded = fold(local.label)
            target = next((k for k, label in self.persons_by_initials[_initials(folded)]
                           if _same_person(label, folded)), None)
        return target

    def _create(self, local: Entity, scope: str | None = None) -> str:
        target = f"{local.key}@{scope}" if scope else local.key
        while target in self.corpus:
            target += "-2"
        if scope:
            ident = slug(target.split(":", 1)[1])  # "officials-<article id>"
        elif local.cls == "Attack":
            place = self.corpus.get(local.place or "")
            where = place.ident or slug(place.label) if place else slug(local.label)
            ident = f"{where}-{local.when[:7]}" if local.when else where
        else:
            ident = slug(local.label)
        self.index(Entity(key=target, cls=local.cls, label=local.label, place=local.place, when=local.when,
                           ident=ident))
        return target

    def index(self, entity: Entity) -> None:
        """Add a corpus entity and make it findable (as creating it does)."""
        self.corpus[entity.key] = entity
        if entity.cls == "Attack":
            self.attacks_at[entity.place].append(entity.key)
        elif entity.cls == "Person" and len(entity.label.split()) >= 2:
            self.persons_by_initials[_initials(fold(entity.label))].append((entity.key, fold(entity.label)))

    def _merge_into(self, target: str, local: Entity) -> None:
        entity = self.corpus[target]
        names = _names(local)
        entity.aliases |= {n for n in names if fold(n) != fold(entity.label)}
        if local.cls == "Attack" and not entity.when:
            entity.when = local.when
        family = CLASS_FAMILY.get(local.cls, local.cls)
        if "@" in target:
            return  # an article's own description (see is_description): found by no other article
        for n in names:
            self.by_name.setdefault((family, fold(n)), target)


def _in_resolution_order(table: dict[str, Entity]) -> list[Entity]:
    # Attacks last: they are identified by their place, which must be mapped first.
    return sorted(table.values(), key=lambda e: (e.cls == "Attack", e.key))


def _names(entity: Entity) -> list[str]:
    return [entity.label, *sorted(entity.aliases)]


def _initials(folded_name: str) -> tuple[str, str]:
    words = folded_name.split() or [""]
    return words[0][:1], words[-1][:1]


def _find_attack(corpus: dict[str, Entity], same_place: list[str], attack: Entity) -> str | None:
    """Attacks are one event when they share a place and (where both are dated) a month."""
    for key in same_place:
        other = corpus[key]
        if not other.when or not attack.when or other.when[:7] == attack.when[:7]:
            return key
    return None
