"""The general gazetteers: lookups by name, alias, demonym and cue word, and the data files."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from newsgraph.gazetteer import fold, gazetteer

G = gazetteer()
GAZETTEER_DIR = resources.files("newsgraph") / "gazetteers"
TSV_FILES = sorted(p.name for p in GAZETTEER_DIR.iterdir() if p.name.endswith(".tsv"))


def test_fold_ignores_case_accents_dots_and_spacing():
    assert fold("César") == fold("cesar") == "cesar"
    assert fold("  Abu   KHATTAB ") == "abu khattab"
    assert fold("U.N.") == "un"
    assert fold("Côte d’Ivoire") == "cote d'ivoire"


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Ukraine", "Ukraine"),
        ("UKRAINE", "Ukraine"),
        ("Ukrainian", "Ukraine"),
        ("Malian", "Mali"),
        ("mali", "Mali"),
        ("Russian", "Russia"),
        ("U.S.", "United States"),
        ("American", "United States"),
        ("DR Congo", "Democratic Republic of the Congo"),
        ("Côte d'Ivoire", "Ivory Coast"),
    ],
)
def test_country_of_names_aliases_and_demonyms(name, country):
    assert G.country_of(name) == country


@pytest.mark.parametrize(("capital", "country"),
                         [("Kyiv", "Ukraine"), ("Moscow", "Russia"), ("Bamako", "Mali")])
def test_capitals_are_not_countries(capital, country):
    # "Moscow said ..." is metonymy: the capital is known, but it is not the country.
    assert G.country_of(capital) is None
    assert G.capitals[fold(capital)] == country


@pytest.mark.parametrize(
    "name", ["AFP", "Agence France-Presse", "Agence France Presse", "the AFP", "the AFP agency"]
)
def test_news_source_aliases_of_afp(name):
    assert G.news_source(name) == "Agence France-Presse"


def test_news_source_aliases_of_bbc():
    assert G.news_source("BBC World") == G.news_source("BBC News") == G.news_source("BBC") == "BBC"


def test_news_source_unknown_is_none():
    assert G.news_source("Northern Liberation Front") is None


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("Russian Defense Ministry", "GovernmentBody"),
        ("Northern Liberation Front", "ArmedGroup"),
        ("Russian Volunteer Corps", "ArmedGroup"),
        ("Ministry of Defence", "GovernmentBody"),
        ("National Guard", "GovernmentBody"),  # longest cue beats "Guard"
    ],
)
def test_org_class_longest_cue_at_the_end(name, cls):
    assert G.org_class(name) == cls


def test_org_class_without_cue_is_none():
    assert G.org_class("Denis Ivanov") is None


@pytest.mark.parametrize("name", ["UN", "U.N.", "United Nations", "the UN", "united nations"])
def test_well_known_organisation(name):
    assert G.organisation(name) == ("United Nations", "Organization")


def test_unknown_organisation_is_none():
    assert G.organisation("Northern Liberation Front") is None


@pytest.mark.parametrize(("phrase", "generic"), [("Rebels", True), ("gunmen", True), ("Soldiers", True),
                                                 ("Red Hills Rebels", False), ("Tigers", False)])
def test_combatant_nouns_are_not_names(phrase, generic):
    assert G.is_combatant_noun(phrase) is generic


def test_accusation_cues_keep_file_order_per_word():
    # "blamed the attack on X" must be tried before "blamed X for the attack" and "blamed X".
    assert [prep for prep, *_ in G.accusation_cues["blame"]] == ["on", "for", ""]
    assert G.accusation_cues["hallmark"] == [("of", "accuse", "of", "subject")]
    assert G.accusation_cues["nothing"][0][1] == "negative"


def _data_rows(name: str) -> tuple[list[str], list[list[str]]]:
    with (GAZETTEER_DIR / name).open(encoding="utf-8") as handle:
        lines = [line.rstrip("\n") for line in handle if line.strip() and not line.startswith("#")]
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], rows[1:]


def test_gazetteer_files_exist():
    expected = {"countries.tsv", "news_sources.tsv", "organisations.tsv", "organisation_words.tsv"}
    assert expected <= set(TSV_FILES)


@pytest.mark.parametrize("name", TSV_FILES)
def test_every_row_has_the_header_column_count(name):
    header, rows = _data_rows(name)
    bad = [(i, row) for i, row in enumerate(rows) if len(row) != len(header)]
    assert not bad, f"{name}: rows with a column count other than {len(header)}: {bad[:5]}"


def _key(name: str) -> str:
    key = fold(name)
    return key[4:] if key.startswith("the ") else key


@pytest.mark.parametrize("name", TSV_FILES)
def test_no_name_points_at_two_entries(name):
    """Lookups keep the first entry for a name, so a name under two entries is silently wrong."""
    header, rows = _data_rows(name)
    conflicts = []
    columns = [c for c in ("aliases", "demonyms") if c in header]
    seen: dict[tuple[str, str], str] = {}
    for row in rows:
        record = dict(zip(header, row))
        canonical = record[header[0]]
        value = "\t".join(row[1:]) if header[0] in ("word", "title") else canonical
        names = [("name", canonical)]
        for column in columns:
            group = "demonym" if column == "demonyms" else "name"
            names += [(group, n) for n in record[column].split("|") if n.strip()]
        for group, n in names:
            key = (group, _key(n))
            if seen.setdefault(key, value) != value:
                conflicts.append((n, seen[key], value))
    assert not conflicts, f"{name}: names under two different entries: {conflicts[:10]}"
