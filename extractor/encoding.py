"""Bytes of an HTML page -> str, never crashing.

Order of evidence (the first that decodes strictly wins):
  1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
  2. the caller's `encoding` when it is a UTF-16/32 form (those cannot be recognised otherwise);
  3. valid UTF-8 with non-ASCII bytes: UTF-8, whatever a header or meta tag claims (a stated
     latin-1/cp1252 charset on UTF-8 bytes is the most common wrong charset on the web, and
     text in other encodings is almost never valid UTF-8 by accident);
  4. the caller's `encoding` (e.g. the HTTP charset);
  5. `<meta charset=...>` or `<meta http-equiv="Content-Type" content="...; charset=...">` in the
     first META_SCAN_BYTES bytes;
  6. charset-normalizer on the first DETECT_SAMPLE_BYTES bytes;
  7. UTF-8 with replacement characters (U+FFFD).
Unknown encoding names are skipped, not raised. `decode_html` returns the text and the name of
the encoding used; extract() then refuses text that is mostly replacement / control characters
(BinaryInputError), so garbage gives a clear error and a few bad bytes give a replaced character.
"""
from __future__ import annotations

import codecs
import re

META_SCAN_BYTES = 4096               # <meta charset> must appear this early (the HTML spec: 1024)
DETECT_SAMPLE_BYTES = 64 * 1024      # charset-normalizer sees at most this much

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""", re.I)
# Labels that browsers map to another decoder (WHATWG encoding standard, the ones that matter).
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252",
            "us-ascii": "cp1252", "x-sjis": "shift_jis", "gb2312": "gb18030", "gbk": "gb18030",
            "x-user-defined": "cp1252", "utf8": "utf-8", "unicode": "utf-16"}


def normalize_name(name: str | None) -> str | None:
    """A Python codec name for an encoding label, or None when Python knows no such codec."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except (LookupError, ValueError):
        return None


def sniff_meta(data: bytes) -> str | None:
    head = data[:META_SCAN_BYTES]
    m = _XML_DECL.search(head) or _META_CHARSET.search(head)
    return normalize_name(m.group(1).decode("ascii", "replace")) if m else None


def _strict(data: bytes, enc: str | None) -> str | None:
    if not enc:
        return None
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(data[:DETECT_SAMPLE_BYTES]).best()
        return normalize_name(best.encoding) if best is not None else None
    except Exception:        # a detector failure is "no opinion", never a crash
        return None


def decode_html(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used) for the bytes of a page; see the module docstring for the order."""
    data = bytes(data)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace"), enc
    stated = normalize_name(encoding)
    if stated and stated.startswith(("utf-16", "utf-32")):
        text = _strict(data, stated)
        if text is not None:
            return text, stated
    if not data.isascii():
        text = _strict(data, "utf-8")
        if text is not None:
            return text, "utf-8"
    else:
        return data.decode("ascii"), "ascii"
    for enc in (stated, sniff_meta(data)):
        if enc and not enc.startswith(("utf-16", "utf-32")):
            text = _strict(data, enc)
            if text is not None:
                return text, enc
    enc = detect(data)
    if enc:
        text = _strict(data, enc)
        if text is not None:
            return text, enc
        return data.decode(enc, errors="replace"), enc
    # A stated single-byte encoding that failed strictly (cp1252 has five undefined bytes):
    # prefer it with replacements over UTF-8 with many.
    for enc in (stated, sniff_meta(data)):
        if enc:
            return data.decode(enc, errors="replace"), enc
    return data.decode("utf-8", errors="replace"), "utf-8"
