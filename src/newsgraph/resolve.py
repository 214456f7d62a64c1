"""Merge the entities of a build's articles: one node per real-world entity across articles.

Entities of compatible classes that share a name or alias are one (the name tests are the
within-article ones of :mod:`newsgraph.extract.clusters`); attacks are one where place and time
agree.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from newsgraph.extract.clusters import CLASS_FAMILY, entity_key, same_person, similar_names
from newsgraph.gazetteer import fold, gazetteer
from newsgraph.model import Entity
from newsgraph.vocab import slug

EVENT_CLASSES = frozenset({"Attack", "Event"})  # identified by place and time, not by name

__all__ = [
    "similar_names",
    "entity_key",
    "merge_corpus",
    "Resolver",
    "slug",
    "CLASS_FAMILY",
    "is_description",
]


def merge_corpus(
    entity_tables: list[dict[str, Entity]], scopes: list[str] | None = None
) -> tuple[list[dict[str, str]], dict[str, Entity]]:
    """Merge per-article entities into corpus entities.

    Returns one local key → corpus key mapping per table (local keys repeat across articles:
    two articles' ``Attack:x`` may be different attacks) and the corpus table. ``scopes`` (the
    article ids) keep each article's unnamed bodies apart (see :func:`is_description`).
    """
    resolver = Resolver()
    article_scopes: list[str | None] = list(scopes) if scopes else [None] * len(entity_tables)
    mappings = [resolver.resolve(table, scope) for table, scope in zip(entity_tables, article_scopes)]
    return mappings, resolver.corpus


def is_description(entity: Entity) -> bool:
    """An organisation the article describes but does not name: "officials", "the defence
    ministry", "local police". Two articles' "officials" are not one body, so a description is
    never merged across articles (it would become a hub that links unrelated stories).

    >>> is_description(Entity("GovernmentBody:officials", "GovernmentBody", "officials"))
    True
    >>> is_description(Entity("GovernmentBody:x", "GovernmentBody", "Velka's defence ministry"))
    False
    """
    return (
        CLASS_FAMILY.get(entity.cls) == "org"
        and not any(c.isupper() for c in entity.label)
        and not entity.aliases
    )


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
        default_factory=lambda: defaultdict(list)
    )
    idents: set[tuple[str, str]] = field(default_factory=set)  # (class, IRI local name) in use
    # place names by initial, in the order first seen, for transliteration variants
    places_by_initial: dict[tuple[str, str], list[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def resolve(self, table: dict[str, Entity], scope: str | None = None) -> dict[str, str]:
        """Map one article's entities (local key → entity) to corpus keys, adding new ones.
        ``scope`` (the article's id) names the article's own unnamed bodies."""
        mapping: dict[str, str] = {}
        target: str | None
        for local in _in_resolution_order(table):
            local = self._localised(local, mapping)
            if scope and (is_description(local) or (local.cls in EVENT_CLASSES and local.place is None)):
                # An event the article does not place cannot be told from another article's.
                target = self._create(local, scope)
            elif local.cls in EVENT_CLASSES:
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
                self.index(
                    Entity(
                        key=target,
                        cls=saved.cls,
                        label=saved.label,
                        place=saved.place,
                        when=saved.when,
                        ident=saved.ident,
                    )
                )
            self._merge_into(target, local)

    def _localised(self, local: Entity, mapping: dict[str, str]) -> Entity:
        if local.cls not in EVENT_CLASSES:
            return local
        # Attacks are identified by their place, which was mapped first.
        return Entity(
            key=local.key,
            cls=local.cls,
            label=local.label,
            aliases=local.aliases,
            place=mapping.get(local.place or "", local.place),
            when=local.when,
        )

    def _find_by_name(self, local: Entity) -> str | None:
        family = CLASS_FAMILY.get(local.cls, local.cls)
        target = next(
            (
                self.by_name[(family, k)]
                for n in _names(local)
                for k in name_keys(family, n)
                if (family, k) in self.by_name
            ),
            None,
        )
        if target is None and family == "place":
            # "Liubechane" and "Lyubechane": one village transliterated two ways.
            target = next(
                (
                    k
                    for n in _names(local)
                    if len(fold(n)) >= 6
                    for k, other in self.places_by_initial.get(_place_bucket(fold(n)), ())
                    if abs(len(other) - len(fold(n))) <= 2 and similar_names(other, fold(n), 0.85)
                ),
                None,
            )
        if target is None and local.cls == "Person" and len(local.label.split()) >= 2:
            folded = fold(local.label)
            target = next(
                (k for k, label in self.persons_by_initials[_initials(folded)] if same_person(label, folded)),
                None,
            )
        return target

    def _create(self, local: Entity, scope: str | None = None) -> str:
        target = f"{local.key}@{scope}" if scope else local.key
        while target in self.corpus:
            target += "-2"
        if scope:
            ident = slug(target.split(":", 1)[1])  # "officials-<article id>"
        elif local.cls in EVENT_CLASSES:
            place = self.corpus.get(local.place or "")
            where = place.ident or slug(place.label) if place else slug(local.label)
            ident = f"{where}-{local.when[:7]}" if local.when else where
        else:
            ident = slug(local.label)
        base, n = ident, 2
        while (local.cls, ident) in self.idents:  # "X-Y Front" and "X Y Front": two entities, two IRIs
            ident, n = f"{base}-{n}", n + 1
        self.index(
            Entity(
                key=target, cls=local.cls, label=local.label, place=local.place, when=local.when, ident=ident
            )
        )
        return target

    def index(self, entity: Entity) -> None:
        """Add a corpus entity and make it findable (as creating it does)."""
        self.corpus[entity.key] = entity
        if entity.ident:
            self.idents.add((entity.cls, entity.ident))
        if entity.cls in EVENT_CLASSES:
            self.attacks_at[entity.place].append(entity.key)
        elif entity.cls == "Person" and len(entity.label.split()) >= 2:
            self.persons_by_initials[_initials(fold(entity.label))].append((entity.key, fold(entity.label)))

    def _merge_into(self, target: str, local: Entity) -> None:
        entity = self.corpus[target]
        names = _names(local)
        entity.aliases |= {n for n in names if fold(n) != fold(entity.label)}
        if local.cls in EVENT_CLASSES and not entity.when:
            entity.when = local.when
        family = CLASS_FAMILY.get(local.cls, local.cls)
        if "@" in target:
            return  # an article's own description (see is_description): found by no other article
        for n in names:
            for key in name_keys(family, n):
                if (family, key) not in self.by_name:
                    self._add_name(family, key, target)

    def _add_name(self, family: str, key: str, target: str) -> None:
        self.by_name[(family, key)] = target
        if family == "place" and len(key) >= 6:
            self.places_by_initial[_place_bucket(key)].append((target, key))

    def restore_names(self, names: list[tuple[str, str, str]]) -> None:
        """Make names findable again as saved, in the order they were first seen."""
        for family, key, target in names:
            if (family, key) not in self.by_name:
                self._add_name(family, key, target)


def _place_bucket(folded: str) -> tuple[str, str]:
    """Transliterations of one name share its first and last letters ("Liubechane", "Lyubechane"):
    only those are compared, so the look-up stays cheap as a corpus grows."""
    return folded[:1], folded[-1:]


def name_keys(family: str, name: str) -> list[str]:
    """The keys a name is found by: its folded form, and for a place also without the word for its
    administrative unit ("Kharkiv Oblast" is found as "Kharkiv": news uses both for the region)."""
    key = fold(name)
    if family == "place":
        base, _, unit = key.rpartition(" ")
        if base and unit in gazetteer().place_units:
            return [key, base]
    if family == "org" and (m := _MINISTRY.match(key)):
        # "Russian Ministry of Defence" is the "Russian Defense Ministry": one spelling of both.
        owner, portfolio = m.group(1) or "", m.group(2)
        normal = " ".join(f"{owner} {portfolio} ministry".replace("defence", "defense").split())
        return [key, normal] if normal != key else [key]
    if family == "org" and key.endswith(" ministry"):
        normal = key.replace("defence", "defense")
        return [key, normal] if normal != key else [key]
    return [key]


_MINISTRY = re.compile(r"^(?:(\S+) )?ministry of (?:the )?(.+)$")


def _in_resolution_order(table: dict[str, Entity]) -> list[Entity]:
    # Attacks last: they are identified by their place, which must be mapped first.
    return sorted(table.values(), key=lambda e: (e.cls in EVENT_CLASSES, e.key))


def _names(entity: Entity) -> list[str]:
    return [entity.label, *sorted(entity.aliases)]


def _initials(folded_name: str) -> tuple[str, str]:
    words = folded_name.split() or [""]
    return words[0][:1], words[-1][:1]


def _find_attack(corpus: dict[str, Entity], same_place: list[str], attack: Entity) -> str | None:
    """Attacks are one event when they share a place and (where both are dated) a month."""
    for key in same_place:
        other = corpus[key]
        if other.cls != attack.cls:
            continue
        if not other.when or not attack.when or other.when[:7] == attack.when[:7]:
            return key
    return None
