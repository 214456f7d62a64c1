"""SPARQL text: the predeclared prefixes, and a lexical scan that skips strings, IRIs and comments."""

from __future__ import annotations

import re

from newsgraph import vocab

__all__ = ["PREFIXES", "SHORT_PREFIXES", "MAX_MESSAGE", "bare_words", "prefixed_names", "first_operation",
           "strip_literals", "with_prologue"]

PREFIXES: dict[str, str] = {name: str(namespace) for name, namespace in vocab.PREFIXES.items()}
"""Prefixes every query may use without declaring them."""

SHORT_PREFIXES: dict[str, str] = {name: PREFIXES[name]
                                  for name in sorted(vocab.FILE_PREFIXES, key=list(PREFIXES).index)}
"""Prefixes used to shorten IRIs in results (``ng:leaderOf``, ``id:person/denis-nikitin``)."""

MAX_MESSAGE = 300


_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\r\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+)
  | (?P<pname>[\w.-]*:(?:[\w.:%-]|\\.)*)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def bare_words(sparql: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _TOKEN.finditer(sparql) if m.lastgroup == "word"]


def prefixed_names(sparql: str) -> list[str]:
    return [m.group() for m in _TOKEN.finditer(sparql) if m.lastgroup == "pname"]


def first_operation(words: list[str]) -> str | None:
    """The first word after the prologue (``BASE`` and ``PREFIX`` declarations)."""
    return next((w for w in words if w not in ("BASE", "PREFIX")), None)


def strip_literals(sparql: str) -> str:
    """The query with comments and strings blanked out (IRIs kept, for PREFIX lines)."""
    return _TOKEN.sub(lambda m: " " * len(m.group()) if m.lastgroup in ("comment", "string") else m.group(),
                      sparql)


def with_prologue(sparql: str) -> str:
    """``sparql`` with PREFIX declarations, on its first line, for the predeclared prefixes it
    does not declare itself (for engines that do not know them, such as a remote endpoint).

    >>> with_prologue("PREFIX ng: <urn:x#> ASK {}").count("PREFIX ng:")
    1
    """
    declared = {m.group(1)
                for m in re.finditer(r"PREFIX\s+([\w.-]*):", strip_literals(sparql), re.IGNORECASE)}
    prologue = "".join(f"PREFIX {name}: <{iri}> " for name, iri in PREFIXES.items() if name not in declared)
    return prologue + sparql
