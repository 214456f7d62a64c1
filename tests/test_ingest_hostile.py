"""Issue 15: ingest refuses hostile metadata and files (H3, M1, M5, M6, M7, L9, L10, L13).

A YAML alias bomb, non-scalar front matter, impossible or partial dates, links out of the folder,
kernel files, non-UTF-8 file names, hard-wrapped lines, invisible characters and huge titles:
each is refused, skipped or repaired with a one-line warning, and never ends a build."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal

import newsgraph.ingest as ingest
from newsgraph.cli import cli
from newsgraph.entities import name_key
from newsgraph.errors import InputError
from newsgraph.explain import find_entity, prepared_graph
from newsgraph.extract import extract_article
from newsgraph.ingest import (
    find_article_files,
    full_date,
    parse_html_article,
    parse_markdown_article,
    parse_text_article,
    read_article,
    unwrap_lines,
)
from newsgraph.namespaces import ID, NG, RDF, RDFS, article_graph
from newsgraph.rdfio import load_dataset, union_graph
from newsgraph.render import render_html

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "tests" / "data" / "articles" / "001_mali-kerdoumbe-market-attack.txt"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}


def body_of(path: Path) -> str:
    """The article text of a shipped .txt article, without its header block."""
    return path.read_text(encoding="utf-8").split("\n\n", 1)[1]


def run_cli(*args: str | Path):
    return CliRunner().invoke(cli, [os.fsdecode(a) if isinstance(a, Path) else a for a in args])


def warnings_of(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("newsgraph: WARNING: ")]


# --- H3: YAML front matter -------------------------------------------------------------------


def alias_bomb() -> str:
    """About 1 KB of front matter that expands to 9**8 (43 million) strings."""
    lines = ["a: &a [" + ", ".join(['"lol"'] * 9) + "]"]
    for previous, name in zip("abcdefg", "bcdefgh"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + "\ntitle: *h\n---\nThe Velka Front attacked a depot in Ostrava Dol.\n"


def test_a_yaml_alias_bomb_is_refused_before_it_expands(tmp_path):
    path = tmp_path / "bomb.md"
    path.write_text(alias_bomb(), encoding="utf-8")
    assert path.stat().st_size < 1500
    # In a child process with 1 GB of address space: expanding the bomb needs gigabytes.
    code = ("import resource, sys\n"
            "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
            "from newsgraph.errors import InputError\n"
            "from newsgraph.ingest import read_article\n"
            "try:\n    read_article(sys.argv[1])\nexcept InputError as exc:\n    print(exc)\n")
    run = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                         timeout=120, env=ENV)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout == (f"{path}: front matter uses a YAML alias (*a at line 2); newsgraph refuses aliases\n")


def test_a_build_skips_the_alias_bomb_with_a_warning_and_builds_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bomb.md").write_text(alias_bomb(), encoding="utf-8")
    (folder / "good.txt").write_bytes(GOOD.read_bytes())
    result = run_cli("build", folder, "-o", tmp_path / "out", "--no-html")
    assert result.exit_code == 0, result.output
    assert warnings_of(result) == [f"newsgraph: WARNING: skipped {folder / 'bomb.md'}: front matter uses a "
                                   "YAML alias (*a at line 2); newsgraph refuses aliases"]


def test_front_matter_values_that_are_not_scalars_are_ignored_with_a_warning_naming_the_key(caplog):
    raw = ("---\n"
           "title: [Velka, Front]\n"
           "publisher: {name: Daily Planet}\n"
           "author: !!binary aGVsbG8=\n"
           "date: 2024-08-17\n"
           "---\n"
           "The Velka Front attacked a depot in Ostrava Dol.\n")
    with caplog.at_level("WARNING", logger="newsgraph"):
        a = parse_markdown_article(raw, "a.md")
    assert caplog.messages == [
        "a.md: front matter key 'title' is a list, not a plain value; ignored",
        "a.md: front matter key 'publisher' is a mapping, not a plain value; ignored",
        "a.md: front matter key 'author' is tagged 'binary', not a plain value; ignored",
    ]
    assert a.title is None and a.publisher is None  # not "['Velka', 'Front']" or "{'name': ...}"
    assert a.published == date(2024, 8, 17)
    assert a.text == "The Velka Front attacked a depot in Ostrava Dol."


def test_front_matter_values_are_the_files_own_text():
    a = parse_markdown_article("---\ntitle: 2024\npublisher: yes\n---\nThe Velka Front attacked.\n", "a.md")
    assert (a.title, a.publisher) == ("2024", "yes")  # not "True"


def test_front_matter_is_bounded_in_size():
    raw = "---\ntitle: Raid\nnotes: " + "x" * 70_000 + "\n---\nThe Velka Front attacked.\n"
    with pytest.raises(InputError, match=r"^big\.md: front matter is 70,019 characters long \(at most 65,536\); "
                                         r"newsgraph refuses it$"):
        parse_markdown_article(raw, "big.md")


# --- M1: a bad date in one file --------------------------------------------------------------


@pytest.mark.parametrize("value", ["2023-02-30", "2023-02-28T25:00:00", "2023-02-28T10:00:00+99:00",
                                   "9999999999-01-01"])
def test_an_impossible_front_matter_date_gives_an_article_without_a_date(value, caplog):
    with caplog.at_level("WARNING", logger="newsgraph"):
        a = parse_markdown_article(f"---\ntitle: Raid\ndate: {value}\n---\nThe Velka Front attacked.\n", "a.md")
    assert a.published is None and a.title == "Raid"
    assert caplog.messages == [f"a.md: date {value!r} is not a full calendar date; the article has no date"]


def test_a_build_with_an_impossible_date_goes_on_and_builds_that_article_without_a_date(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.md").write_text("---\ntitle: Bad date\ndate: 2023-02-30\n---\n" + body_of(GOOD),
                                   encoding="utf-8")
    result = run_cli("build", folder, "-o", tmp_path / "out", "--no-html")
    assert result.exit_code == 0, result.output
    assert warnings_of(result) == [f"newsgraph: WARNING: {folder / 'bad.md'}: date '2023-02-30' is not a "
                                   "full calendar date; the article has no date"]
    ds = union_graph(load_dataset(tmp_path / "out" / "graph.trig"))
    articles = list(ds.subjects(RDF.type, NG.Article))
    assert len(articles) == 1
    assert (articles[0], RDFS.label, Literal("Bad date")) in ds
    assert not list(ds.objects(articles[0], NG.publishedOn))


@pytest.mark.parametrize("stage", ["decode_article_bytes", "detect_language"])
def test_any_failure_reading_one_file_is_a_one_line_input_error(stage, tmp_path, monkeypatch):
    def broken(*args):
        raise RuntimeError("unexpected\nsecond line")

    monkeypatch.setattr(ingest, stage, broken)
    path = tmp_path / "a.txt"
    path.write_bytes(GOOD.read_bytes())
    with pytest.raises(InputError) as err:
        read_article(path)
    assert str(err.value) == f"{path}: cannot be read as an article (RuntimeError: unexpected second line)"


# --- M5: dates that are not dates ------------------------------------------------------------

# Not dates at all, nor a month or year ("2024-06" is a month: see test_ingest.py).
JUNK_DATES = ["Monday", "<script>alert(1)</script>", "March 5", "5/3/23", "2023-02-30",
              "unknown", "12", "last Tuesday", "Monday " * 20 + "2024"]


@pytest.mark.parametrize("value", JUNK_DATES)
def test_a_junk_date_is_no_date(value):
    assert full_date(value) is None
    a = parse_text_article(f"Title: Raid\nDate: {value}\n\nThe Velka Front attacked a depot.", "a.txt")
    assert a.published is None and a.anchor_date is None


@pytest.mark.parametrize("value, expected", [
    ("2024-03-14", date(2024, 3, 14)), ("14 March 2024", date(2024, 3, 14)),
    ("March 14, 2024", date(2024, 3, 14)), ("Thursday, 14 March 2024 10:00 GMT", date(2024, 3, 14)),
    ("2024-03-14T23:30:00+05:00", date(2024, 3, 14)), ("2024-02-29", date(2024, 2, 29)),
])
def test_a_full_date_is_read_as_written(value, expected):
    assert full_date(value) == expected


def html_page(published: str) -> str:
    return (f'<html><head><title>Raid</title><meta property="article:published_time" content="{published}">'
            "</head><body><article><h1>Raid on the depot</h1><p>The Velka Front attacked a depot in Ostrava "
            "Dol on Friday, killing five guards, officials said in a statement released later.</p>"
            "<p>The Dravik Brigade denied any part in the attack on the depot in a message posted online on "
            "Saturday, the monitoring group said.</p></article></body></html>")


def test_an_impossible_html_published_time_is_no_date():
    # trafilatura's own date finder turned 2023-02-30 into 2023-02-01.
    assert parse_html_article(html_page("2023-02-30T10:00:00Z"), "a.html").published is None
    assert parse_html_article(html_page("2023-02-28T10:00:00Z"), "a.html").published == date(2023, 2, 28)


class _Today:
    """``datetime.datetime`` with ``now()`` and ``today()`` fixed at a chosen day."""

    @staticmethod
    def at(day: date):
        import datetime as real

        class Fixed(real.datetime):
            @classmethod
            def now(cls, tz=None):
                return cls(day.year, day.month, day.day, 12, 0, tzinfo=tz)

            @classmethod
            def today(cls):
                return cls(day.year, day.month, day.day, 12, 0)

        return Fixed


def test_the_same_junk_dates_give_the_same_bytes_whatever_the_day(tmp_path, monkeypatch):
    import datetime as real

    import dateutil.parser._parser as dateutil_parser

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "monday.txt").write_text("Title: Raid\nDate: Monday\n\n" + body_of(GOOD), encoding="utf-8")
    (folder / "march.md").write_text("---\ntitle: March\ndate: March 5\n---\n" + body_of(GOOD)
                                     .replace("Kerdoumbe", "Ostrava Dol"), encoding="utf-8")
    (folder / "page.html").write_text(html_page("2023-02-30"), encoding="utf-8")
    outputs = []
    for day in (date(2026, 12, 2), date(2031, 7, 9)):
        fixed = type("datetime_module", (), {**vars(real), "datetime": _Today.at(day)})
        monkeypatch.setattr(dateutil_parser, "datetime", fixed)
        result = run_cli("build", folder, "-o", tmp_path / str(day), "--no-html")
        assert result.exit_code == 0, result.output
        outputs.append((tmp_path / str(day) / "graph.trig").read_bytes())
    assert outputs[0] == outputs[1]
    assert b"publishedOn" not in outputs[0]


# --- M6: symlinked files ---------------------------------------------------------------------


def test_symlinked_files_are_followed_only_to_a_regular_file_inside_the_folder(tmp_path, caplog):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "real.txt").write_text("The Velka Front attacked.")
    (folder / "inside.txt").symlink_to(folder / "sub" / "real.txt")
    (folder / "alias.txt").symlink_to(folder / "sub" / "real.txt")
    (tmp_path / "secret.txt").write_text("root:x:0:0:root:/root:/bin/bash")
    (folder / "passwd.txt").symlink_to(tmp_path / "secret.txt")
    (folder / "etc.txt").symlink_to("/etc/passwd")
    (folder / "kmsg.txt").symlink_to("/proc/kmsg")
    os.mkfifo(folder / "sub" / "pipe")
    (folder / "pipe.txt").symlink_to(folder / "sub" / "pipe")
    with caplog.at_level("WARNING", logger="newsgraph"):
        found = find_article_files([folder])
    # One file however many links lead to it (the first name in sorted order).
    assert found == [folder / "alias.txt"]
    outside = "symbolic link to a file outside {}, not followed (give its target instead)".format(folder)
    expected = [f"skipped {folder / 'passwd.txt'}: {outside}", f"skipped {folder / 'pipe.txt'}: not a regular file"]
    expected += [f"skipped {folder / name}: {outside}" for name in ("etc.txt", "kmsg.txt")
                 if (folder / name).exists()]
    expected += [f"skipped {folder / name}: broken or looping symbolic link" for name in ("etc.txt", "kmsg.txt")
                 if not (folder / name).exists()]
    assert sorted(caplog.messages) == sorted(expected)


def test_a_kernel_file_or_pipe_is_never_read(tmp_path):
    # /proc files say they are regular files of 0 bytes; reading /proc/kmsg blocks for ever.
    link = tmp_path / "status.txt"
    link.symlink_to("/proc/self/status")
    assert read_article(link).text == ""
    os.mkfifo(tmp_path / "pipe.txt")  # nobody writes to it: opening it for reading would block
    with pytest.raises(InputError, match=r"pipe\.txt: not a regular file$"):
        read_article(tmp_path / "pipe.txt")


# --- M7: file names that are not UTF-8 -------------------------------------------------------


def untitled(folder: Path) -> Path:
    """An article without a title (its name becomes its title) whose name is not UTF-8."""
    folder.mkdir(parents=True, exist_ok=True)
    path = Path(os.fsdecode(os.fsencode(folder) + b"/bad\xff\xfe.txt"))
    path.write_text(body_of(GOOD).split("\n\n", 1)[1], encoding="utf-8")  # no headline either
    return path


def test_a_file_name_that_is_not_utf8_builds_with_a_replacement_character(tmp_path):
    untitled(tmp_path / "in")
    out = tmp_path / "out"
    result = run_cli("build", tmp_path / "in", "-o", out)
    assert result.exit_code == 0, result.output
    ds = union_graph(load_dataset(out / "graph.trig"))
    (article,) = ds.subjects(RDF.type, NG.Article)
    assert (article, RDFS.label, Literal("bad\ufffd\ufffd.txt")) in ds
    assert "bad\ufffd\ufffd.txt" in (out / "graph.html").read_text(encoding="utf-8")
    again = run_cli("build", tmp_path / "in", "-o", tmp_path / "again")
    assert (tmp_path / "again" / "graph.trig").read_bytes() == (out / "graph.trig").read_bytes()


def test_a_file_name_that_is_not_utf8_can_be_added_to_a_store(tmp_path):
    path = untitled(tmp_path / "in")
    result = run_cli("add", path, "--store", tmp_path / "store")
    assert result.exit_code == 0, result.output
    exported = run_cli("export", "--store", tmp_path / "store", "--format", "nq")
    assert exported.exit_code == 0, exported.output
    assert '"bad\ufffd\ufffd.txt"' in exported.stdout


# --- L9: hard-wrapped text -------------------------------------------------------------------


def hard_wrapped(text: str) -> str:
    """``text`` wrapped at the first width from 60 to 79 that breaks the line inside the colonel's name."""
    for width in range(60, 80):
        wrapped = "\n\n".join(textwrap.fill(p, width) for p in text.split("\n\n"))
        if "Abdoulaye\nKanoute" in wrapped:
            return wrapped
    raise AssertionError("no width breaks the name")


def test_hard_wrapped_lines_are_joined_so_a_name_across_a_line_break_is_one_entity(nlp):
    body = body_of(GOOD)
    wrapped = parse_text_article("Title: Raid\n\n" + hard_wrapped(body), "wrapped.txt")
    plain = parse_text_article("Title: Raid\n\n" + body, "plain.txt")
    assert wrapped.text == plain.text  # what the extraction sees
    extraction = extract_article(nlp(wrapped.text), wrapped)
    labels = {e.label for e in extraction.entities.values()}
    assert "Abdoulaye Kanoute" in labels and not {"Abdoulaye", "Kanoute"} & labels
    # Claim offsets point at the sentence that names him.
    sentences = [wrapped.text[start:end] for start, end in extraction.sentences]
    kanoute = next(k for k, e in extraction.entities.items() if e.label == "Abdoulaye Kanoute")
    said = [sentences[s.sentence] for s in extraction.statements if kanoute in (s.subject, s.object)]
    assert said and all("Abdoulaye Kanoute" in s for s in said)


def test_unwrapping_keeps_paragraphs_headlines_lists_and_headings():
    text = ("Raid on Ostrava Dol\n"
            "The Velka Front attacked the depot at dawn on Monday and the Dravik\n"
            "Brigade said it had sent fighters to the town before the raid began.\n"
            "\n"
            "Share this article:\n"
            "Most popular\n"
            "\n"
            "## Background\n"
            "- The Velka Front was founded in 2019 by a former officer of the\n"
            "  army of the region.\n"
            "- The Dravik Brigade is its ally.\n")
    assert unwrap_lines(text) == (
        "Raid on Ostrava Dol\n"
        "The Velka Front attacked the depot at dawn on Monday and the Dravik "
        "Brigade said it had sent fighters to the town before the raid began.\n"
        "\n"
        "Share this article:\n"
        "Most popular\n"
        "\n"
        "## Background\n"
        "- The Velka Front was founded in 2019 by a former officer of the army of the region.\n"
        "- The Dravik Brigade is its ally.\n")


def test_one_paragraph_per_line_is_left_as_it_is():
    lines = ["The Velka Front attacked a depot in Ostrava Dol on Monday, killing five guards, officials "
             "said in a statement.", "The Dravik Brigade denied it.", "Residents said the fighting lasted "
             "for several hours before reinforcements arrived from the capital."]
    assert unwrap_lines("\n".join(lines)) == "\n".join(lines)


# --- L10: invisible characters and Unicode forms ---------------------------------------------


def test_invisible_characters_are_removed_and_text_is_nfc(nlp):
    raw = ("Title: Ve\u200blka\u202e Front raid\n\n"
           "The Velka\u200d Front attacked a depot in Ostrava Dol on Monday, killing five guards, police said. "
           "Ce\u0301sar Ruiz, the leader of the Velka Front, said the \u2066Velka Front\u2069 had no regrets.")
    a = parse_text_article(raw, "a.txt")
    invisible = set("\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert not invisible & set(a.text + a.title)
    assert a.title == "Velka Front raid" and "César Ruiz" in a.text
    extraction = extract_article(nlp(a.text), a)
    assert [e.label for e in extraction.entities.values()].count("Velka Front") == 1


def tiny() -> Dataset:
    ds = Dataset()
    g = ds.graph(article_graph("a1"))
    front, brigade = ID["armed-group/velka-front"], ID["armed-group/dravik-brigade"]
    g.add((front, RDF.type, NG.ArmedGroup))
    g.add((front, RDFS.label, Literal("Velka Front")))
    g.add((brigade, RDF.type, NG.ArmedGroup))
    g.add((brigade, RDFS.label, Literal("Dravik\u200b Brigade")))  # a label from another tool's graph
    g.add((front, NG.alliedWith, brigade))
    return ds


@pytest.mark.parametrize("typed, iri", [
    ("Velka\u200b Front", "armed-group/velka-front"), ("\u202eVELKA FRONT", "armed-group/velka-front"),
    ("Ｖｅｌｋａ Ｆｒｏｎｔ", "armed-group/velka-front"), ("Dravik Brigade", "armed-group/dravik-brigade"),
])
def test_explain_and_render_focus_find_visibly_identical_names(typed, iri):
    ds = tiny()
    assert find_entity(prepared_graph(ds), typed) == ID[iri]
    assert "neighbourhood of" in render_html(ds, focus=typed)
    assert name_key(typed) == name_key(typed.replace("\u200b", ""))


# --- L13: metadata size ----------------------------------------------------------------------


def test_a_huge_title_is_cut_with_a_warning_and_the_page_stays_small(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    title = "Velka Front " * 420_000  # 5 MB
    (folder / "huge.txt").write_text(f"Title: {title}\nURL: https://example.org/{'x' * 3000}\n\n{body_of(GOOD)}",
                                     encoding="utf-8")
    result = run_cli("build", folder, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert warnings_of(result) == [
        f"newsgraph: WARNING: {folder / 'huge.txt'}: title is 5,039,999 characters long; cut to 500",
        f"newsgraph: WARNING: {folder / 'huge.txt'}: url is 3,020 characters long (at most 2,000); ignored",
    ]
    ds = union_graph(load_dataset(tmp_path / "out" / "graph.trig"))
    (label,) = {str(o) for s in ds.subjects(RDF.type, NG.Article) for o in ds.objects(s, RDFS.label)}
    assert len(label) == 500 and label.endswith("…") and label.startswith("Velka Front Velka Front")
    assert (tmp_path / "out" / "graph.html").stat().st_size < 1_000_000


def test_metadata_values_are_one_line():
    a = parse_markdown_article('---\ntitle: "Raid\\u2028on\\nthe\\x0bdepot"\n---\nThe Velka Front attacked.\n',
                               "a.md")
    assert a.title == "Raid on the depot"
    assert re.fullmatch(r"[^\s]+( [^\s]+)*", a.title)
