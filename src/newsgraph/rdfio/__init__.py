"""RDF input and output, for both engines: formats, loading, deterministic writing, atomic files.

``formats`` is the one table of RDF syntaxes, ``load`` reads files into rdflib or Oxigraph,
``serialize`` and ``writers`` write byte-deterministic files, ``atomic`` moves them into place,
``terms`` converts terms between Oxigraph and rdflib.
"""

from newsgraph.rdfio.atomic import check_output_name, new_output_file, replacing, write_atomically
from newsgraph.rdfio.formats import FORMATS, WRITABLE, RdfFormat, format_for_suffix
from newsgraph.rdfio.load import load_dataset, load_store
from newsgraph.rdfio.serialize import serialize_dataset, sorted_ntriples, union_graph
from newsgraph.rdfio.terms import to_oxigraph, to_rdflib

__all__ = ["FORMATS", "WRITABLE", "RdfFormat", "format_for_suffix", "load_dataset", "load_store",
           "serialize_dataset", "sorted_ntriples", "union_graph", "write_atomically", "replacing",
           "new_output_file", "check_output_name", "to_oxigraph", "to_rdflib"]
