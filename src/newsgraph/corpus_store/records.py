"""What a store keeps about each article besides its named graph: the record files and the catalogue."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TypeVar

from newsgraph.corpus_store.files import _reason, _write_file
from newsgraph.errors import InputError, StoreError, one_line
from newsgraph.model import ArticleExtraction, Entity
from newsgraph.namespaces import article_graph
from newsgraph.resolve import Resolver

T = TypeVar("T")


@dataclass
class StoredArticle:
    """What the store keeps about one article besides its named graph."""

    id: str
    path: str
    seq: int  # order of addition: resolution replays articles in this order
    # Read from the record file when first needed (the catalogue holds only the fields above):
    entities: list[dict] | None = None  # the article's own entities, as extracted
    mapping: dict[str, str] | None = None  # local entity key -> corpus entity key
    corpus: dict[str, dict] | None = None  # the corpus entities it maps to, as they were defined

    @property
    def graph(self) -> str:
        return str(article_graph(self.id))

    @property
    def file_name(self) -> str:
        return f"{self.seq:09d}-{self.id}.json"


def _entity_dict(entity: Entity) -> dict:
    data = asdict(entity)
    data["aliases"] = sorted(entity.aliases)
    return data


def _entity(data: dict) -> Entity:
    return Entity(**{**data, "aliases": set(data.get("aliases", ()))})


def _read_records(folder: Path) -> list[StoredArticle]:
    return sorted((_read_record(file) for file in folder.glob("*.json")), key=lambda r: r.seq)


def _read_record(file: Path) -> StoredArticle:
    try:
        return _record(json.loads(file.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as exc:
        raise StoreError(f"{file}: damaged article record ({one_line(exc)[:300]}); rebuild the store "
                         "from its articles with `newsgraph build ARTICLES... --store DIR`") from exc


def _record(data: object) -> StoredArticle:
    """A record read from JSON, every part of the type it must have (TypeError otherwise): a
    record edited or damaged by hand must fail here, in one line, not deep in resolution."""
    record = StoredArticle(**_expect(data, dict, "the record"))
    _expect(record.id, str, "id")
    _expect(record.path, str, "path")
    if isinstance(_expect(record.seq, int, "seq"), bool):
        raise TypeError("seq is not a number")
    for entity in _expect(record.entities, list, "entities"):
        _checked_entity(entity)
    for local, corpus_key in _expect(record.mapping, dict, "mapping").items():
        _expect(corpus_key, str, f"mapping of {local}")
    for entity in _expect(record.corpus, dict, "corpus").values():
        _checked_entity(entity)
    return record


def _checked_entity(data: object) -> None:
    entity = _expect(data, dict, "an entity")
    for name in ("key", "cls", "label"):
        _expect(entity.get(name), str, f"an entity's {name}")
    for alias in _expect(entity.get("aliases", []), list, "an entity's aliases"):
        _expect(alias, str, "an alias")
    _entity(entity)  # unknown or missing fields: TypeError


def _expect(value: object, kind: type[T], what: str) -> T:
    if not isinstance(value, kind):
        raise TypeError(f"{what} is not a JSON {_JSON_NAMES.get(kind, kind.__name__)}")
    return value


_JSON_NAMES = {dict: "object", list: "array", str: "string", int: "number"}


def _read_catalogue(path: Path,
                    names: list[str]) -> tuple[list[StoredArticle], tuple[list[str], Resolver]] | None:
    """The records (without their entities) and resolver state saved in the catalogue, if it was
    saved for exactly these record files; otherwise None (the records are read instead)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        records = [StoredArticle(id, file_path, seq) for seq, id, file_path in data["records"]]
        if sorted(r.file_name for r in records) != names:
            return None
        resolver = Resolver()
        for entity in data["corpus"]:
            resolver.index(_entity(entity))
        resolver.restore_names([(family, name, key) for family, name, key in data["names"]])
    except (OSError, ValueError, TypeError, KeyError, AttributeError):  # any damage: read the records
        return None
    return records, ([r.file_name for r in records], resolver)


def _record_bytes(record: StoredArticle) -> bytes:
    return (json.dumps(asdict(record), ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def _write_records(store: Path, records: Sequence[StoredArticle]) -> None:
    """Write the records of a change about to be committed; if one cannot be written (a full
    disk), none is left behind and StoreError says the store is unchanged."""
    written: list[StoredArticle] = []
    try:
        for record in records:
            _write_file(store / "records" / record.file_name, _record_bytes(record))
            written.append(record)
    except OSError as exc:
        _delete_records(store, written)
        raise StoreError(f"{store}: could not write the store ({_reason(exc)}); "
                         "the store is unchanged") from exc


def _delete_records(store: Path, records: Sequence[StoredArticle]) -> None:
    for record in records:
        try:
            (store / "records" / record.file_name).unlink(missing_ok=True)
        except OSError:  # a stray record is dropped on the next opening anyway
            pass


def article_path(ex: ArticleExtraction) -> str:
    """How a record names its article: the file's absolute path, or the article's id."""
    return str(Path(ex.article.path).resolve()) if ex.article.path else ex.article.id


def find_record(records: Sequence[StoredArticle], ref: str, store: Path) -> StoredArticle:
    """The record a reference names: its path, its id, or a file with the same text."""
    for record in records:
        if ref in (record.id, record.path) or _same_file(ref, record.path):
            return record
    if Path(ref).is_file():
        from newsgraph.ingest import read_article

        try:
            article_id = read_article(ref).id
        except InputError:  # an unreadable file simply is not in the store
            article_id = None
        for record in records:
            if record.id == article_id:
                return record
    raise StoreError(f"{ref}: no such article in the store {store}")


def _same_file(ref: str, path: str) -> bool:
    try:
        return str(Path(ref).resolve()) == path
    except OSError:
        return False
