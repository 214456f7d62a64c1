"""Name finding details that the relation tests do not reach."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsgraph.extract.names import _ner_label


def test_ner_label_tie_goes_to_the_earliest_token():
    # A set of labels would break the tie by string hash order, which differs between processes.
    doc = Doc(Vocab(), words=["Khajar", "Kouneinov", "said"], ents=["B-GPE", "B-PERSON", "O"])
    assert _ner_label(doc, 0, 2) == "GPE"
    assert _ner_label(doc, 1, 2) == "PERSON"
    assert _ner_label(doc, 2, 3) == ""
