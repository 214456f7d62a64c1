"""Reading article files: metadata is metadata, furniture is dropped, ids hash the text."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.ingest import (
    clean_body,
    detect_language,
    find_article_files,
    parse_html_article,
    parse_markdown_article,
    parse_text_article,
    read_article,
    repair_spacing,
)

# --- plain text ------------------------------------------------------------------------------


def test_text_header_block_is_metadata_not_text():
    raw = (
        "Title: Gunmen attack market town\n"
        "Source: https://example.org/world/market-attack\n"
        "Date: 2024-03-14\n"
        "Publisher: Daily Planet\n"
        "\n"
        "Gunmen attacked the market on Monday.\n"
        "\n"
        "Officials said twelve people died."
    )
    a = parse_text_article(raw, "a.txt")
    assert a.title == "Gunmen attack market town"
    assert a.url == "https://example.org/world/market-attack"
    assert a.published == date(2024, 3, 14)
    assert a.anchor_date == date(2024, 3, 14)
    assert a.publisher == "Daily Planet"
    assert a.text == "Gunmen attacked the market on Monday.\n\nOfficials said twelve people died."


def test_source_url_header_key_is_metadata():
    raw = (
        "Title: Gunmen attack market town\n"
        "Source URL: https://example.org/world/market-attack\n"
        "Date: 2024-03-14\n"
        "Publisher: Daily Planet\n"
        "\n"
        "Gunmen attacked the market on Monday."
    )
    a = parse_text_article(raw, "a.txt")
    assert a.text == "Gunmen attacked the market on Monday."
    assert a.url == "https://example.org/world/market-attack"
    assert a.published == date(2024, 3, 14)


def test_unknown_header_key_does_not_end_the_header_block():
    a = parse_text_article("Title: Raid\nCategory: World\nDate: 2024-03-14\n\nRebels attacked a base.", "a.txt")
    assert a.published == date(2024, 3, 14)
    assert a.text == "Rebels attacked a base."


def test_trailing_source_line_is_the_publisher():
    a = parse_text_article("Rebels attacked a convoy near the border.\n\nSource: The Daily Planet", "a.txt")
    assert a.publisher == "The Daily Planet"
    assert "Source" not in a.text
    assert a.text == "Rebels attacked a convoy near the border."


def test_trailing_source_line_is_the_publisher_after_url_header():
    raw = "Source: https://example.org/a\n\nRebels attacked a convoy.\n\nSource: The Daily Planet"
    assert parse_text_article(raw, "a.txt").publisher == "The Daily Planet"


def test_first_paragraph_without_full_stop_is_the_headline():
    a = parse_text_article("Rebels seize border town\n\nRebels seized the town on Monday.", "a.txt")
    assert a.title == "Rebels seize border town"
    assert a.text == "Rebels seized the town on Monday."


# --- markdown --------------------------------------------------------------------------------


def test_markdown_front_matter_and_markup_stripped():
    raw = (
        "---\n"
        "title: Raid on the power station\n"
        "date: 2024-08-17\n"
        "publisher: Daily Planet\n"
        "---\n"
        "# A heading that is not text\n"
        "\n"
        "The [Ostrel Brigade](https://example.org/ob) attacked **the station**.\n"
        "\n"
        "## Background\n"
        "\n"
        "It was founded in 2021."
    )
    a = parse_markdown_article(raw, "a.md")
    assert a.title == "Raid on the power station"
    assert a.published == date(2024, 8, 17)
    assert a.publisher == "Daily Planet"
    assert a.text == "The Ostrel Brigade attacked the station.\n\nIt was founded in 2021."
    assert "#" not in a.text and "http" not in a.text and "---" not in a.text


def test_markdown_invalid_front_matter_is_an_input_error():
    with pytest.raises(InputError, match="front matter"):
        parse_markdown_article("---\ntitle: [unclosed\n---\nText.", "bad.md")


# --- HTML ------------------------------------------------------------------------------------

PAGE = """<html><head><title>Raid kills five | Daily Planet</title>
<meta property="article:published_time" content="2024-05-31T10:00:00Z">
<meta property="og:site_name" content="The Daily Planet">
<meta property="og:title" content="Raid kills five in Tal Marwan">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> Menu navigation links</nav>
<script>var tracking = "SCRIPTSECRET";</script>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<article>
<h1>Raid kills five in Tal Marwan</h1>
<p>Gunmen attacked a checkpoint in Tal Marwan on Friday, killing five soldiers, officials said in a
statement released later that day.</p>
<figure><img src="scene.jpg"><figcaption>Soldiers at the scene CAPTIONWORD photo (AFP)</figcaption></figure>
<p>The group claimed responsibility for the attack in a message posted online on Saturday, the
monitoring group said.</p>
<p>Residents said the fighting lasted for several hours before reinforcements arrived from the
provincial capital.</p>
</article>
</body></html>"""


def test_html_main_text_kept_furniture_dropped_metadata_read():
    a = parse_html_article(PAGE, "page.html")
    assert "Gunmen attacked a checkpoint in Tal Marwan on Friday" in a.text
    assert "Residents said the fighting lasted" in a.text
    for junk in ("CAPTIONWORD", "(AFP)", "SCRIPTSECRET", "tracking", "cookies", "Menu navigation"):
        assert junk not in a.text
    assert a.published == date(2024, 5, 31)
    assert a.publisher == "The Daily Planet"


def test_read_article_dispatches_html_by_suffix(tmp_path):
    path = tmp_path / "page.HTM"
    path.write_text(PAGE, encoding="utf-8")
    a = read_article(path)
    assert a.published == date(2024, 5, 31)
    assert "SCRIPTSECRET" not in a.text


def test_html_cleaner_is_a_direct_dependency():
    # The pip that Python 3.11 ships drops trafilatura's lxml[html_clean] extra when lxml no longer
    # declares it; only a direct requirement installs the cleaner that every .html article needs.
    from importlib.metadata import requires

    assert any(r.replace("-", "_").startswith("lxml_html_clean") for r in requires("newsgraph"))
    import lxml_html_clean  # noqa: F401


def test_a_parser_failure_is_an_input_error_naming_the_file(tmp_path, monkeypatch):
    import newsgraph.ingest as ingest

    def broken(text, path):
        raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean")

    monkeypatch.setattr(ingest, "parse_html_article", broken)
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_article(path)
    assert str(exc.value) == (f"{path}: cannot be read as an article (ImportError: lxml.html.clean module "
                              "is now a separate project lxml_html_clean)")


# --- furniture -------------------------------------------------------------------------------


def test_clean_body_drops_page_furniture():
    body = "\n\n".join([
        "BOGOTA (AFP) - Rebels attacked a town in the south.",
        "A soldier stands guard in the town on Monday (AFP).",
        "Police officers at the scene of the blast (REUTERS)",
        "LOOK: Photos from the scene of the attack",
        "Share this article:",
        "Skip to content",
        "IMG_2041.jpg",
        "Troops patrol the main road.",
        "The army said it had sent reinforcements.",
        "Troops patrol the main road.",
    ])
    assert clean_body(body) == (
        "Rebels attacked a town in the south.\n\nThe army said it had sent reinforcements."
    )


def test_sentence_ending_in_a_bracketed_abbreviation_is_kept():
    body = "Gunmen attacked the base.\n\nThe attack was claimed by the Northern Liberation Front (NLF)."
    assert clean_body(body) == body


@pytest.mark.parametrize(
    "dateline", ["BOGOTA (AFP) - ", "BAMAKO, March 14 (Reuters) - ", "ABUJA, Nigeria (AP) — "]
)
def test_dateline_stripped_from_first_paragraph(dateline):
    assert clean_body(dateline + "Gunmen attacked a base.") == "Gunmen attacked a base."


def test_dateline_pattern_left_alone_after_first_paragraph():
    body = "Gunmen attacked a base.\n\nBOGOTA (AFP) - The army responded."
    assert clean_body(body) == body


def test_repair_spacing_splits_glued_function_words():
    assert repair_spacing("President Putinand his allies met Putin") == \
        "President Putin and his allies met Putin"
    assert repair_spacing("armed groupsaccording to analysts; the groups") == \
        "armed groups according to analysts; the groups"
    assert repair_spacing("the Russian Volunteer Corps (CVR)one of the units") == \
        "the Russian Volunteer Corps (CVR) one of the units"


def test_repair_spacing_leaves_names_ending_in_function_words():
    text = "Thailand and Poland and England and Finland sent observers to Thailand."
    assert repair_spacing(text) == text


def test_repair_spacing_needs_the_stem_elsewhere():
    # "groups" is nowhere else in the text, so "groupsand" could be a word: left alone.
    assert repair_spacing("some groupsand more") == "some groupsand more"


# --- identity --------------------------------------------------------------------------------


def test_article_id_is_a_hash_of_the_text_not_the_metadata():
    a = parse_text_article("Title: One\nDate: 2024-01-01\n\nRebels attacked a base.", "a.txt")
    b = parse_text_article("Title: Two\nDate: 2020-05-05\nPublisher: X\n\nRebels attacked a base.", "b.txt")
    c = parse_text_article("Title: One\nDate: 2024-01-01\n\nRebels attacked a town.", "a.txt")
    assert a.id == b.id
    assert a.id != c.id
    assert len(a.id) == 16 and all(ch in "0123456789abcdef" for ch in a.id)


def test_article_id_ignores_furniture():
    a = parse_text_article("Rebels attacked a base.\n\nShare this article:", "a.txt")
    b = parse_text_article("Rebels attacked a base.", "b.txt")
    assert a.id == b.id


# --- files -----------------------------------------------------------------------------------


def test_find_article_files_walks_folders_sorted_and_ignores_other_files(tmp_path):
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "b" / "deep" / "z.txt").write_text("Z.")
    (tmp_path / "b" / "c.HTML").write_text("<p>C.</p>")
    (tmp_path / "b" / "notes.json").write_text("{}")
    (tmp_path / "b" / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "a.md").write_text("A.")
    (tmp_path / "a.markdown").write_text("A.")
    found = find_article_files([tmp_path])
    assert found == sorted(found)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.markdown", "a.md", "b/c.HTML", "b/deep/z.txt",
    ]


def test_find_article_files_deduplicates_file_and_folder(tmp_path):
    (tmp_path / "x.txt").write_text("X.")
    assert find_article_files([tmp_path, tmp_path / "x.txt"]) == [tmp_path / "x.txt"]


def test_find_article_files_missing_path(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError) as err:
        find_article_files([missing])
    assert str(err.value) == f"{missing}: no such file or folder"


def test_find_article_files_explicit_non_article_file(tmp_path):
    path = tmp_path / "notes.json"
    path.write_text("{}")
    with pytest.raises(InputError) as err:
        find_article_files([path])
    assert str(err.value).startswith(f"{path}: not an article file")


def test_binary_file_is_an_input_error(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"GIF89a\x00\x01\x02 not text")
    with pytest.raises(InputError, match="binary file"):
        read_article(path)


def test_utf8_bom_is_not_text(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTitle: Raid\n\nRebels attacked a base.".encode("utf-8"))
    a = read_article(path)
    assert a.title == "Raid"
    assert a.text == "Rebels attacked a base."


def test_anchor_date_falls_back_to_latest_full_date_in_raw_text(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text(
        "Rebels attacked the town on Monday.\n\n"
        "A soldier on guard in the town, 12 May 2024 (AFP).\n\n"
        "Earlier, on March 3, 2023, talks failed.",
        encoding="utf-8",
    )
    a = read_article(path)
    assert a.published is None
    assert a.anchor_date == date(2024, 5, 12)  # from the dropped caption: latest date wins
    assert "12 May 2024" not in a.text


@pytest.mark.parametrize(("dated", "month"), [("2024-06", (2024, 6)), ("Jun. 2024", (2024, 6)), ("2024", (2024, 12))])
def test_a_date_given_to_the_month_or_year_anchors_months_but_is_no_publication_date(tmp_path, caplog, dated, month):
    path = tmp_path / "monthly.txt"
    path.write_text(f"Date: {dated}\n\nRebels attacked the town. A photo from 3 March 2021 (AFP).", encoding="utf-8")
    a = read_article(path)
    assert a.published is None
    assert a.anchor_date == month  # the article's own month beats a full date of another month in the page
    assert "is not a full calendar date; the article has no publication date" in caplog.text


def test_a_full_date_in_the_page_in_the_articles_month_names_the_day(tmp_path):
    path = tmp_path / "monthly.txt"
    path.write_text("Date: 2024-06\n\nRebels attacked the town on Monday.\n\nA photo from 14 June 2024 (AFP).",
                    encoding="utf-8")
    assert read_article(path).anchor_date == date(2024, 6, 14)


def test_no_dates_anywhere_means_no_anchor():
    a = parse_text_article("Rebels attacked the town on Monday.", "a.txt")
    assert a.published is None and a.anchor_date is None


# --- hostile input (issue 7) -----------------------------------------------------------------

HOSTILE_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Militants attack army post in Kalvora | The Daily Ledger</title>
<style>body { font-family: sans-serif } .x::after { content: "STYLETEXT" }</style>
<script>var tracking = "HEADSCRIPT"; document.write("WRITTENBYSCRIPT");</script>
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "JSONLDTEXT"}</script>
</head><body onload="alert('ONLOADTEXT')">
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. Accept all
cookies or manage your preferences.</div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Celebrity chef opens restaurant in
Lisbon</a></li><li><a href="/b">Stock markets rally after rate cut</a></li></ul></aside>
<!-- COMMENTTEXT -->
<main><article>
<h1>Militants attack army post in Kalvora</h1>
<p>Fighters of the Kalvora Liberation Front attacked an army post in the town of Drenmar on Sunday,
killing four soldiers, officials said.</p>
<script>console.log("ARTICLESCRIPT");</script>
<p>The group's leader, Tomas Varek, claimed responsibility for the attack in a statement posted
online.</p>
<noscript>NOSCRIPTTEXT: enable JavaScript to see the comments</noscript>
<p>The army said it had sent reinforcements to the area and that the search for the attackers was
continuing.</p>
</article></main>
<footer><p>Copyright 2024 The Daily Ledger. All rights reserved.</p><a href="/privacy">Privacy
policy</a> <a href="/terms">Terms of use</a></footer>
<div class="newsletter-signup">Sign up for our newsletter to get the latest headlines every
morning.</div>
</body></html>"""


def test_hostile_html_page_gives_the_article_text_only():
    a = parse_html_article(HOSTILE_PAGE, "page.html")
    paragraphs = a.text.split("\n\n")
    assert paragraphs[-3:] == [
        "Fighters of the Kalvora Liberation Front attacked an army post in the town of Drenmar on "
        "Sunday, killing four soldiers, officials said.",
        "The group's leader, Tomas Varek, claimed responsibility for the attack in a statement posted online.",
        "The army said it had sent reinforcements to the area and that the search for the attackers "
        "was continuing.",
    ]
    assert paragraphs[:-3] in ([], ["Militants attack army post in Kalvora"])  # at most the headline
    assert a.title == "Militants attack army post in Kalvora"


DECODED = "Rebels attacked Bogotá on Monday, killing señor Pérez — “officials” said."
LATIN_1 = "Rebels attacked Bogotá on Monday, killing señor Pérez, officials said."


@pytest.mark.parametrize(("data", "text"), [
    (DECODED.encode("utf-8-sig"), DECODED),
    (DECODED.encode("utf-16"), DECODED),  # with the platform's byte-order mark
    ("\ufeff".encode("utf-16-le") + DECODED.encode("utf-16-le"), DECODED),
    ("\ufeff".encode("utf-16-be") + DECODED.encode("utf-16-be"), DECODED),
    (DECODED.encode("utf-32"), DECODED),
    (DECODED.encode("utf-16-le"), DECODED),  # no byte-order mark
    (DECODED.encode("cp1252"), DECODED),  # not UTF-8: Windows-1252
    (LATIN_1.encode("latin-1"), LATIN_1),
], ids=["utf-8-bom", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-32", "utf-16-le", "cp1252", "latin-1"])
def test_text_is_decoded_whatever_its_encoding(tmp_path, data, text):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    assert read_article(path).text == text


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.mark.parametrize(("data", "reason"), [
    (PNG, "binary file (PNG image), not an article"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF document), not an article"),
    (bytes(range(256)) * 8, "binary file or text in an unknown encoding, not an article"),
    (b"\xff\xfe\x00\xd8A\x00", "starts with a UTF-16-LE byte-order mark but is not UTF-16-LE text"),
])
def test_undecodable_files_are_refused_with_a_one_line_reason(tmp_path, data, reason):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_article(path)
    assert str(err.value).startswith(f"{path}: {reason}")
    assert "\n" not in str(err.value)


SPANISH = ("Un grupo armado atacó el lunes una base militar en el departamento del Cauca, en el suroeste "
           "de Colombia, y mató a cuatro soldados, según informó el Ejército. El Frente Carlos Patiño, "
           "una disidencia de las antiguas FARC, se atribuyó el ataque en un comunicado.")
RUSSIAN = ("Боевики группировки «Северный фронт» в понедельник атаковали военную базу в городе Дрена, "
           "убив четырёх солдат, сообщили в министерстве обороны. Лидер группировки Иван Петров взял на "
           "себя ответственность за нападение.")


@pytest.mark.parametrize(("text", "encoding", "name"), [
    (SPANISH, "utf-8", "Spanish"),
    (RUSSIAN, "utf-8", "Russian"),
    (RUSSIAN, "cp1251", "Russian"),  # decoded by charset detection first
    (RUSSIAN[:60], "utf-8", "Russian"),  # short, but not Latin script
])
def test_non_english_articles_are_refused_naming_the_language(tmp_path, text, encoding, name):
    path = tmp_path / "foreign.txt"
    path.write_bytes(f"Title: Ataque\nDate: 2024-05-06\n\n{text}".encode(encoding))
    with pytest.raises(InputError) as err:
        read_article(path)
    assert str(err.value) == f"{path}: written in {name}, not English; newsgraph reads English articles only"


ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("path", sorted(
    p for folder in ("seeds", "tests/data/articles", "tests/data/hostile") for p in (ROOT / folder).iterdir()),
    ids=lambda p: p.name)
def test_every_shipped_article_is_english(path):
    assert detect_language(read_article(path).text) is None


@pytest.mark.parametrize("text", [
    "Rebels attacked a base.",
    "Boko Haram killed 12 in Maiduguri.",
    "Hamas",
    "Kamil Orvath leads the Sarvik Front.",
    "Fuerzas Armadas Revolucionarias de Colombia (FARC) fighters attacked Puerto Esmeril, "
    "the Ejército Nacional said.",
    "Vladimir Putin and Volodymyr Zelenskyy spoke about Belgorod, Bakhmut and Donetsk on Monday.",
])
def test_short_english_and_foreign_names_are_english(text):
    assert detect_language(text) is None


def test_folder_hazards_are_skipped_with_warnings(tmp_path, caplog):
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    (tmp_path / "a" / "b" / "c" / "deep.txt").write_text("Deep.")
    (tmp_path / "top.md").write_text("Top.")
    (tmp_path / "a" / "up").symlink_to(tmp_path, target_is_directory=True)  # a folder loop
    (tmp_path / "loop1.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop1.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block for ever
    with caplog.at_level("WARNING", logger="newsgraph"):
        found = find_article_files([tmp_path])
    assert found == [tmp_path / "a" / "b" / "c" / "deep.txt", tmp_path / "top.md"]
    assert sorted(caplog.messages) == sorted([
        f"skipped {tmp_path / 'a' / 'up'}: symbolic link to a folder, not followed (give its target instead)",
        f"skipped {tmp_path / 'loop1.txt'}: broken or looping symbolic link",
        f"skipped {tmp_path / 'loop2.txt'}: broken or looping symbolic link",
        f"skipped {tmp_path / 'gone.txt'}: broken or looping symbolic link",
        f"skipped {tmp_path / 'pipe.txt'}: not a regular file",
    ])


def test_explicit_looping_link_or_pipe_is_an_input_error(tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(InputError, match=r"loop\.txt: broken or looping symbolic link$"):
        find_article_files([tmp_path / "loop.txt"])
    with pytest.raises(InputError, match=r"pipe\.txt: not a regular file$"):
        find_article_files([tmp_path / "pipe.txt"])


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and lists files whatever their mode")
def test_unreadable_file_and_folder_are_reported(tmp_path, caplog):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "inside.txt").write_text("Inside.")
    (tmp_path / "secret.txt").write_text("Secret.")
    (tmp_path / "secret.txt").chmod(0)
    (tmp_path / "locked").chmod(0)
    try:
        with caplog.at_level("WARNING", logger="newsgraph"):
            assert find_article_files([tmp_path]) == [tmp_path / "secret.txt"]
        assert caplog.messages == [f"skipped folder {tmp_path / 'locked'}: cannot list it (Permission denied)"]
        with pytest.raises(InputError, match=r"secret\.txt: cannot read \(Permission denied\)$"):
            read_article(tmp_path / "secret.txt")
    finally:
        (tmp_path / "locked").chmod(0o755)


def test_unreadable_file_is_an_input_error_even_as_root(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("Secret.")

    def refuse(name, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(name))

    with monkeypatch.context() as patch, pytest.raises(InputError) as err:
        patch.setattr(os, "open", refuse)
        read_article(path)
    assert str(err.value) == f"{path}: cannot read (Permission denied)"
