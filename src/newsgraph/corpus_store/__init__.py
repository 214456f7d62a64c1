"""The on-disk corpus store: a corpus grown article by article in an Oxigraph database.

A store is a folder::

    DIR/newsgraph-store.json   marks the folder as a store (format version)
    DIR/oxigraph/              the RDF: one named graph per article and the inferred graph
    DIR/records/SEQ-ID.json    per article: its path, its entities and the corpus entities they
                               resolved to (what resolution of the next article needs)
    .DIR.lock                  (next to DIR) orders processes creating or replacing the store

One writer or many readers at a time: each holds an ``flock`` on the folder DIR itself for the
whole command, which deleting a stale-looking ``.DIR.lock`` cannot undo.

Adding an article resolves its entities against those already stored (the same
:class:`~newsgraph.resolve.Resolver` a one-go build uses, replayed from the records, so adding
articles one by one gives the graph a build of them in that order gives), maps it to its named
graph and refreshes the inferred graph. Re-adding an unchanged article is a no-op (the article
id is the hash of its text); an article whose file changed replaces its earlier version.

Crash safety: every change of the RDF is one Oxigraph transaction (a single SPARQL Update),
and the article graphs in Oxigraph are the truth about which articles are in the store. A
record is written (and synced) before the transaction that adds its article, and deleted after
the one that removes it; on opening, records whose article graph is missing are leftovers of an
interrupted run and are deleted. A ``kill -9`` at any moment leaves the previous store or the
new one, never a mix.
"""

from newsgraph.corpus_store.bulk import build_store, export_store, open_for_reading
from newsgraph.corpus_store.files import is_store
from newsgraph.corpus_store.records import StoredArticle
from newsgraph.corpus_store.store import CorpusStore, StoreChange

__all__ = ["CorpusStore", "StoreChange", "StoredArticle", "is_store", "build_store", "export_store",
           "open_for_reading"]
