"""clean(): the text path's public entry point."""
from __future__ import annotations

import re

from .errors import BinaryInputError, DecodeError, EmptyInputError, InputTooLargeError, InputTypeError
from .markdown import as_output
from .options import Mode, Options, check_output
from .pipeline import STAGES, Document, run
from .types import Result

_REPLACEMENT = "\ufffd"
# Signs of binary input: control characters other than whitespace (\x00-\x08, \x0e-\x1f) and
# the replacement character. The control characters as UTF-8 bytes: each is one byte there, and
# no other character's encoding contains these byte values.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0e, 0x20)])
UTF8_MAX_BYTES_PER_CHAR = 4      # a text of n characters encodes to at most 4n bytes (3 per lone surrogate)

# HTML given to clean() (looks_like_html): a document (doctype, <html>, <head> or <body> first,
# after an XML declaration and comments), or a fragment that starts with a tag, has at least
# HTML_FRAGMENT_MIN_TAGS tags of common elements in its first HTML_SNIFF_CHARS characters, and a
# tag on at least HTML_FRAGMENT_TAGGED_LINES of the non-blank lines there (visible text with a
# few lines of leftover markup at its top is text: its lines would run together as HTML).
HTML_FRAGMENT_MIN_TAGS = 5
HTML_FRAGMENT_TAGGED_LINES = 0.5
HTML_SNIFF_CHARS = 5000
_HTML_DOCUMENT = re.compile(r"\s{0,1000}(?:<\?xml[^>]{0,300}>\s{0,200})?(?:<!--[^>]{0,2000}>\s{0,200}){0,5}"
                            r"<(?:!doctype\s{1,20}html|html|head|body)[\s>]", re.I)
_STARTS_WITH_TAG = re.compile(r"\s{0,1000}</?[a-z]", re.I)
_ANY_TAG = re.compile(r"</?[a-z][a-z0-9]{0,15}[\s>/]", re.I)
_HTML_TAG = re.compile(r"</?(?:p|div|span|a|br|hr|h[1-6]|li|ul|ol|dl|dt|dd|table|tr|td|th|article|section|header|footer"
                       r"|nav|main|aside|img|figure|figcaption|strong|em|b|i|u|blockquote|pre|code|script|style|meta"
                       r"|link|form|input|button|iframe)[\s>/]", re.I)


def looks_like_html(text: str) -> bool:
    """Whether a text given to clean() is HTML (a page or a fragment of one), which the HTML path
    reads better than the text path reads its tags."""
    if _HTML_DOCUMENT.match(text):
        return True
    if not (_STARTS_WITH_TAG.match(text)
            and _count_at_least(_HTML_TAG.finditer(text, 0, HTML_SNIFF_CHARS), HTML_FRAGMENT_MIN_TAGS)):
        return False
    lines = [line for line in text[:HTML_SNIFF_CHARS].splitlines() if line.strip()]
    tagged = sum(1 for line in lines if _ANY_TAG.search(line))
    return tagged >= HTML_FRAGMENT_TAGGED_LINES * len(lines)


def reads_as_html(text: str, markup: str) -> bool:
    """Whether clean() (and template learning) read this text by the HTML path: markup "html",
    or "auto" and the text looks like HTML."""
    return markup == "html" or (markup == "auto" and looks_like_html(text))


def _count_at_least(it, n: int) -> bool:
    for k, _ in enumerate(it, 1):
        if k >= n:
            return True
    return False


def decode_text(data: bytes, encoding: str | None = None) -> str:
    """Bytes of raw text -> str: BOM, then the stated encoding (default UTF-8), strictly."""
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    enc = encoding or "utf-8"
    try:
        return data.decode(enc)
    except LookupError:
        raise DecodeError(f"unknown encoding {enc!r}") from None
    except UnicodeDecodeError as e:
        raise DecodeError(f"input is not valid {enc}: {e.reason} at byte {e.start}") from None


def check_text(text: str, opts: Options) -> None:
    if not text or text.isspace():                  # (what `not text.strip()` tells, without a copy)
        raise EmptyInputError("input is empty")
    if len(text) > opts.max_bytes or _utf8_size_over(text, opts.max_bytes):
        raise InputTooLargeError(f"input is over the size limit of {opts.max_bytes} bytes")
    sample = text[:20000]
    bad = _bad_char_count(sample)
    if bad / len(sample) > opts.binary_ratio:
        raise BinaryInputError(f"input looks binary: {bad} of {len(sample)} characters are control or replacement characters")


def _utf8_size_over(text: str, limit: int) -> bool:
    """Whether the text's UTF-8 encoding is over `limit` bytes; encoded only when its length in
    characters cannot tell (isascii is a flag of the str: one byte per character)."""
    if UTF8_MAX_BYTES_PER_CHAR * len(text) <= limit or text.isascii():
        return len(text) > limit
    return len(text.encode("utf-8", "surrogatepass")) > limit


def _bad_char_count(sample: str) -> int:
    """How many characters of the sample are signs of binary input: the control characters
    counted as the bytes that bytes.translate deletes from the UTF-8 encoding, plus the
    replacement characters (plain C loops, several times faster than a regex scan)."""
    data = sample.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _CONTROL_BYTES)) + sample.count(_REPLACEMENT)


def make_options(mode, language, url, max_bytes, markup: str = "auto") -> Options:
    kw = {"mode": Mode.parse(mode), "language": language, "url": url, "markup": markup}
    if max_bytes is not None:
        kw["max_bytes"] = max_bytes
    return Options(**kw)


def clean(text: str | bytes, *, mode: Mode | str = Mode.BALANCED, language: str | None = None,
          url: str | None = None, max_bytes: int | None = None, options: Options | None = None,
          store=None, site: str | None = None, markup: str = "auto", output: str = "text") -> Result:
    """Remove page furniture from raw article text; return the body and metadata as a Result.

    text: the page's visible text (one block per line) or a partly cleaned article; bytes are
    decoded as UTF-8 (a BOM is honoured). Raises extractor.errors.InputError subclasses for
    input that cannot be cleaned (wrong type, empty, too large, undecodable, binary).

    markup: "auto" reads a page given as Markdown (links, images, list markers, headings) as the
    text it shows (extractor/mdinput.py), hands HTML (a page, or a fragment that starts with
    tags: looks_like_html) to the HTML path, extract(), and reads any other text as it is;
    "markdown", "html" or "text" forces one reading. output: "text" (plain text) or "markdown"
    (the kept blocks rendered as extract() renders them: headings, lists, quotes, tables, code).

    store: a template store (extractor.templates.TemplateStore, or a path / redis:// URL) learned
    with `extractor learn`; with it and a site (`site`, else the URL's registrable domain) the
    site's template lines are removed (reason `template.site`). The store is only read here.
    """
    check_output(output)
    opts = options or make_options(mode, language, url, max_bytes, markup)
    if isinstance(text, (bytes, bytearray, memoryview)):
        if len(text) > opts.max_bytes:
            raise InputTooLargeError(f"input is over the size limit of {opts.max_bytes} bytes")
        text = decode_text(bytes(text))
    elif not isinstance(text, str):
        raise InputTypeError(f"clean() takes str or bytes, not {type(text).__name__}")
    check_text(text, opts)
    if reads_as_html(text, opts.markup):
        from .htmlapi import extract
        return extract(text, options=opts, store=store, site=site, output=output)
    from .model import shipped_model
    doc = Document(text=text, options=opts, model=shipped_model())
    if store is None:
        result = run(doc)
    else:
        from . import templates
        doc.meta["template_stats"] = templates.site_stats(store, opts.url or url, site)
        result = run(doc, templates.stages(STAGES))
    return as_output(result, output)
