"""The general gazetteers: lookups by name, alias, demonym and cue word, and the data files."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from newsgraph.gazetteer import fold, gazetteer

G = gazetteer()
GAZETTEER_DIR = resources.files("newsgraph") / "gazetteers"
# places.tsv (226,000 GeoNames rows, one name per row by construction) has its own, faster checks.
TSV_FILES = sorted(p.name for p in GAZETTEER_DIR.iterdir()
                   if p.name.endswith(".tsv") and p.name != "places.tsv")


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


# --- armed groups (armed_groups.tsv) ---------------------------------------------------------

@pytest.mark.parametrize("name", ["al-Shabaab", "al-Shabab", "Al Shabaab", "Al-Shabab", "AL SHABAAB",
                                  "the al-Shabab", "Shabaab", "Harakat Shabaab al-Mujahidin"])
def test_spellings_of_al_shabaab_are_one_group(name):
    assert G.armed_group(name) == "al-Shabaab"


def test_hezbollah_and_hizballah_are_one_group():
    assert G.armed_group("Hezbollah") == G.armed_group("Hizballah") == "Hezbollah"
    assert G.armed_group("Hizbullah") == G.armed_group("the Hezbollah") == "Hezbollah"


@pytest.mark.parametrize("name", ["the Islamic State", "Islamic State", "ISIS", "ISIL", "IS", "Daesh", "Isis",
                                  "Islamic State of Iraq and ash-Sham"])
def test_islamic_state_aliases(name):
    assert G.armed_group(name) == "Islamic State"


@pytest.mark.parametrize(("name", "group"), [("IS-K", "ISIS-Khorasan"), ("ISKP", "ISIS-Khorasan"),
                                             ("Islamic State Khorasan Province", "ISIS-Khorasan"),
                                             ("Boko Haram", "Boko Haram"), ("M23", "March 23 Movement"),
                                             ("Majeed Brigade", "Balochistan Liberation Army"),
                                             ("MS-13", "Mara Salvatrucha"),
                                             ("Kataib Hezbollah", "Kata'ib Hizballah"),
                                             ("Ansarallah", "Houthis"), ("LeT", "Lashkar-e-Tayyiba")])
def test_groups_named_without_a_cue_word(name, group):
    assert G.armed_group(name) == group


@pytest.mark.parametrize("text", ["is", "Is", "let", "Let", "isk", "m23", "ms-13", "the", "Police", "Reuters",
                                  "United Nations", "Ukraine"])
def test_short_capitalised_aliases_match_only_as_written(text):
    assert G.armed_group(text) is None


def test_organisation_answers_for_armed_groups_too():
    assert G.organisation("Hamas") == ("Hamas", "ArmedGroup")
    assert G.organisation("the Islamic State") == ("Islamic State", "ArmedGroup")
    assert G.organisation("is") is None
    assert G.organisation("Taliban") == ("Taliban", "ArmedGroup")  # not designated: organisations.tsv
    assert G.organisation("IRGC") == ("Islamic Revolutionary Guard Corps", "GovernmentBody")


SOURCE_TAGS = {"us-fto", "uk-proscribed", "un-1267", "un-1533", "un-2713", "wp-designated"}


def test_armed_groups_header_names_its_sources_and_every_row_parses():
    text = (GAZETTEER_DIR / "armed_groups.tsv").read_text(encoding="utf-8")
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    for source in ("Foreign Terrorist Organizations", "Proscribed terrorist groups", "Sanctions List",
                   "List of designated terrorist groups"):
        assert source in header
    for tag in SOURCE_TAGS:
        assert f"#  {tag}" in header or f"{tag}:" in header, tag
    columns, rows = _data_rows("armed_groups.tsv")
    assert columns == ["name", "aliases", "sources"]
    assert len(rows) > 100
    for name, aliases, sources in rows:
        assert name and name == name.strip()
        assert all(a == a.strip() and a for a in aliases.split("|")) or not aliases, name
        assert sources and set(sources.split("|")) <= SOURCE_TAGS, name
        assert G.armed_group(name) == name


def test_armed_group_names_have_one_home():
    """No group name is also a country, a news source or another organisation."""
    _, rows = _data_rows("armed_groups.tsv")
    names = [n for name, aliases, _ in rows for n in [name, *aliases.split("|")] if n]
    clashes = [n for n in names if G.country_of(n) or G.news_source(n) or _key(n) in G.organisations]
    assert not clashes


def test_every_armed_group_alias_finds_its_own_row():
    # Lookups keep the first row for a key, and keys ignore case, hyphens and apostrophes: an alias
    # shared by two rows would silently point at the first.
    _, rows = _data_rows("armed_groups.tsv")
    wrong = [(n, G.armed_group(n), name) for name, aliases, _ in rows for n in [name, *aliases.split("|")]
             if n and G.armed_group(n) != name]
    assert not wrong


# --- places (places.tsv, GeoNames) -----------------------------------------------------------

@pytest.mark.parametrize(("name", "kind"), [
    ("Mogadishu", "city"), ("Rostov-on-Don", "city"), ("Rostov-na-Donu", "city"), ("Bryansk", "city"),
    ("Kyiv", "city"), ("Kiev", "city"), ("Avdiivka", "city"), ("Maiduguri", "city"), ("Khan Younis", "city"),
    ("Belgorod Oblast", "admin1"), ("Belgorodskaya Oblast'", "admin1"), ("Bryansk Oblast", "admin1"),
    ("Donets'ka Oblast", "admin1"), ("Kursk Region", "admin1"), ("Sindh", "admin1"),
    ("Sindh Province", "admin1"),
    ("Khyber Pakhtunkhwa", "admin1"), ("Idlib Governorate", "admin1"), ("Borno State", "admin1"),
    ("Jackson County", "admin2"),
])
def test_place_kinds(name, kind):
    assert G.place(name) == kind


@pytest.mark.parametrize("name", ["Police", "Mobile", "Victoria", "Jordan", "Austin", "President", "Monday",
                                  "Hamas", "Reuters", "General", "Belgorod Police", "Oblast", "the"])
def test_common_words_names_and_other_gazetteers_are_not_places(name):
    # "Police" (Poland), "Victoria" (Seychelles, BC), "Jordan" are places too, but far more often a word or a
    # person's name; Victoria as a capital is still in countries.tsv's capitals.
    assert G.place(name) is None


def test_big_cities_survive_the_person_name_rule():
    assert G.place("Houston") == G.place("Sydney") == "city"


def test_place_files_name_geonames_and_its_licence():
    for name in ("places.tsv", "place_exclusions.tsv"):
        with (GAZETTEER_DIR / name).open(encoding="utf-8") as handle:
            header = "".join(line for line in handle if line.startswith("#"))
        assert "GeoNames" in header and "not in the repo" in header
    assert "CC BY 4.0" in (GAZETTEER_DIR / "places.tsv").read_text(encoding="utf-8")[:2000]


def test_every_places_row_is_a_unique_name_and_a_kind():
    text = (GAZETTEER_DIR / "places.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if line and not line.startswith("#")]
    assert lines[0] == "name\tkind"
    names = [line.partition("\t")[0] for line in lines[1:]]
    assert len(names) == len(set(names)) > 200_000
    assert sum(text.count(f"\t{kind}\n") for kind in ("city", "admin1", "admin2")) == len(names)
    assert all(name == fold(name) and not name.startswith("the ") for name in names[::97])
