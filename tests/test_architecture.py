"""The shape of the package: layers that depend one way, small modules, no page source in Python.

Imports are read from the source with :mod:`ast`, including those inside functions (a
function-level import is still a dependency: it only hides a cycle until the function runs).
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "newsgraph"

# The extraction stage: the package newsgraph/extract/ and the spaCy pipeline it parses with. Its
# modules are exempt from the size limit (a rule module reads a sentence's whole dependency tree),
# not from the import checks.
EXTRACTION = {"newsgraph.extract", "newsgraph.nlp"}
UNCHECKED: set[str] = set()


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def imported(path: Path, name: str, known: set[str]) -> set[str]:
    """The newsgraph modules ``path`` imports, at any depth of its code."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> nx.DiGraph:
    known = modules()
    graph = nx.DiGraph()
    for name, path in known.items():
        if name in UNCHECKED:
            continue
        graph.add_node(name)
        for target in imported(path, name, set(known)):
            if target in UNCHECKED:
                continue
            # A package's __init__ re-exporting its modules is not a dependency of those modules.
            if name == target.rpartition(".")[0] and path.name == "__init__.py":
                continue
            graph.add_edge(name, target)
    return graph


def test_the_import_walk_sees_function_level_imports() -> None:
    # cli.py imports the evaluation module only inside the evaluate-articles command.
    assert "newsgraph.evaluate_articles" in imported(SRC / "cli.py", "newsgraph.cli", set(modules()))


def test_no_import_cycles_including_imports_inside_functions() -> None:
    cycles = sorted(" -> ".join(c) for c in nx.simple_cycles(import_graph()))
    assert cycles == []


# Lowest first: a module may import from its own layer or those before it, never after.
LAYERS = [
    {"newsgraph.errors", "newsgraph.model"},
    # Name folding and gazetteers: the standard library only. vocab.slug folds names with it.
    {"newsgraph.gazetteer"},
    {"newsgraph.namespaces", "newsgraph.vocab"},
    {"newsgraph.ingest", "newsgraph.resolve", "newsgraph.mapping"} | EXTRACTION,
    {"newsgraph.rdfio", "newsgraph.rdfio.formats", "newsgraph.rdfio.writers", "newsgraph.rdfio.atomic",
     "newsgraph.rdfio.terms", "newsgraph.rdfio.load", "newsgraph.rdfio.serialize"},
    {"newsgraph.network", "newsgraph.contradictions", "newsgraph.infer", "newsgraph.scoped_inference"},
    {"newsgraph.corpus_store"},
    {"newsgraph.sources", "newsgraph.entities", "newsgraph.provenance", "newsgraph.explain",
     "newsgraph.validate", "newsgraph.tables", "newsgraph.query", "newsgraph.remote", "newsgraph.render",
     "newsgraph.evaluate"},
    {"newsgraph.parsing", "newsgraph.parallel", "newsgraph.pipeline", "newsgraph.evaluate_articles"},
    {"newsgraph.commands"},
    {"newsgraph.cli", "newsgraph.__main__", "newsgraph"},
]


def layer(name: str) -> int:
    for rank, members in enumerate(LAYERS):
        if name in members or any(name.startswith(m + ".") for m in members if m != "newsgraph"):
            return rank
    raise AssertionError(f"{name} is in no layer of tests/test_architecture.py: add it to LAYERS")


def test_every_module_imports_only_its_own_layer_or_lower_ones() -> None:
    graph = import_graph()
    upward = sorted(f"{a} -> {b}" for a, b in graph.edges if layer(b) > layer(a))
    assert upward == []


MAX_LINES = 400


@pytest.mark.parametrize("name", sorted(n for n in modules() if n not in UNCHECKED
                                         and not any(n == m or n.startswith(m + ".") for m in EXTRACTION)))
def test_modules_stay_small(name: str) -> None:
    lines = len(modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines"


@pytest.mark.parametrize("name", sorted(modules()))
def test_no_html_css_or_javascript_in_python_source(name: str) -> None:
    text = modules()[name].read_text(encoding="utf-8")
    for marker in ("<!DOCTYPE", "<html", "<style", "function (", "addEventListener"):
        assert marker not in text, f"{name} holds page source ({marker!r}): it goes in render/static/"


def test_the_package_exports_its_public_api_lazily() -> None:
    import subprocess
    import sys

    import newsgraph

    assert sorted(newsgraph.__all__) == sorted(set(newsgraph.__all__))
    for name in newsgraph.__all__:
        assert getattr(newsgraph, name) is not None, name
    # Importing the package alone loads no stage (the command line stays fast).
    code = "import sys, newsgraph; print(sorted(m for m in sys.modules if m.startswith('newsgraph.')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
    assert (SRC / "py.typed").is_file()
    assert subprocess.run([sys.executable, "-m", "newsgraph", "--help"], capture_output=True).returncode == 0


def test_the_readme_code_layout_names_every_module() -> None:
    readme = (SRC.parents[1] / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Code layout"):]
    layout = layout[: layout.index("```", layout.index("```text") + 3)]
    def listed(path: Path) -> bool:
        if path.name == "__init__.py" and path.parent != SRC:
            return f"{path.parent.name}/" in layout
        return path.name in layout

    missing = [p.relative_to(SRC).as_posix() for p in sorted(SRC.rglob("*.py")) if not listed(p)]
    assert missing == []
