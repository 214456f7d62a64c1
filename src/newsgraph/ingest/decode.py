"""Decode an article file's bytes: BOMs honoured, then UTF-8, then charset detection; binary files refused."""

from __future__ import annotations

import os

from newsgraph.errors import InputError

_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"%PDF-": "PDF document",
    b"PK\x03\x04": "ZIP archive or office document",
    b"\x1f\x8b": "gzip archive",
    b"\x7fELF": "executable",
}
# Longest first: the UTF-32-LE byte-order mark starts with the UTF-16-LE one.
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)


def decode_article_bytes(data: bytes, path: str | os.PathLike[str]) -> str:
    """Decode an article file: by its byte-order mark, as UTF-8, or by charset detection.

    Text that is not UTF-8 is decoded with the encoding ``charset-normalizer`` finds; when the
    text it gives is Latin script, Windows-1252 is preferred (what Western pages not in UTF-8
    mostly are, and the detector cannot tell Latin code pages apart on short English text).
    Binary files and bytes in no detectable encoding raise :class:`InputError`.

    >>> decode_article_bytes("The café was attacked.".encode("latin-1"), "old.txt")
    'The café was attacked.'
    >>> decode_article_bytes(b"\\x89PNG\\r\\n\\x1a\\n...", "photo.txt")
    Traceback (most recent call last):
    ...
    newsgraph.errors.InputError: photo.txt: binary file (PNG image), not an article
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: starts with a {encoding.upper()} byte-order mark but is not "
                                 f"{encoding.upper()} text (bad byte at {exc.start + len(bom)})") from exc
    kind = next((name for magic, name in _SIGNATURES.items() if data.startswith(magic)), None)
    if kind is not None:
        raise InputError(f"{path}: binary file ({kind}), not an article")
    if b"\x00" in data:
        return _utf16_without_bom(data, path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None:
        raise InputError(f"{path}: binary file or text in an unknown encoding, not an article")
    if all(alphabet.startswith(("Basic Latin", "Latin", "General Punctuation"))
           for alphabet in match.alphabets):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(match)


def _utf16_without_bom(data: bytes, path: str | os.PathLike[str]) -> str:
    """Text files have no NUL bytes unless they are UTF-16, where Latin text has one in every
    other byte (the odd ones in little-endian order); anything else with NULs is binary."""
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    quarter = len(sample) // 4
    encoding = "utf-16-le" if odd > quarter > even else "utf-16-be" if even > quarter > odd else None
    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    raise InputError(f"{path}: binary file or text in an unknown encoding, not an article")
