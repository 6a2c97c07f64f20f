"""Stage 1, segment: raw text -> blocks.

- CRLF / CR become LF; NBSP and other Unicode spaces become a space; zero-width and control
  characters are dropped (tab becomes a space), but not the zero-width (non-)joiner, which is
  part of Persian and Indic spelling and of emoji sequences.
- One block per non-blank line; blank lines separate paragraphs (Block.para).
- A text with no newline at all that is longer than BLOB_MIN_CHARS (a whitespace-collapsed blob)
  is split into sentences, one block each.
- A line longer than Options.max_line_chars is split into sentences, then hard-wrapped.
- A hard-wrapped text (an e-mail, a text file, Markdown source: paragraphs broken at a fixed
  width) has its lines joined back where a wrap broke a sentence (_unwrap), so that a paragraph
  is judged as one and its first line is no headline.
- Markdown input (markup, mdinput.py): each line is read as the text it shows.
- A JSON string encoded twice (no newline, literal "\\n" escapes) is decoded first.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import islice, repeat

import numpy as np

from . import mdinput
from .options import MARKUPS
from .types import Block

BLOB_MIN_CHARS = 400           # a newline-free text longer than this is split into sentences
# Hard wrapping (_wrap_width): the width is the 95th percentile of the line lengths; a text is
# wrapped at it when, of the pairs of consecutive non-blank lines, at least WRAP_MIN_LINES and
# WRAP_MIN_SHARE end where a greedy wrapper ends a line: the next line's first word would not
# have fitted. (A page's visible text, one block per line, does not: 0.33 at most on the bench.)
WRAP_MIN_WIDTH = 40
WRAP_MAX_WIDTH = 100
WRAP_WIDTH_PERCENTILE = 0.95
WRAP_MIN_LINES = 3
WRAP_MIN_SHARE = 0.6

# Dropped: zero-width space, word joiner, BOM, soft hyphen, Mongolian vowel separator. Kept: the
# zero-width non-joiner and joiner (U+200C, U+200D), which are spelling in Persian and the Indic
# scripts ("سه‌شنبه") and glue emoji sequences; a line of nothing else is blank (_EDGE_CHARS).
_ZERO_WIDTH_CHARS = "\u200b\u2060\ufeff\u00ad\u180e"
JOINERS = "\u200c\u200d"
_EDGE_CHARS = " " + JOINERS           # stripped from both ends of a line (after the space folding)
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A sentence end: terminal punctuation (Latin or CJK), optional closing quote/bracket, then space
# or a CJK full stop directly. Linear: no nested quantifiers.
# Sentence ends of other scripts: the danda of Devanagari, Bengali and others (। ॥), the Urdu
# full stop (۔), the Arabic question mark (؟), Armenian (։), Ethiopic (።), Myanmar (။), Tibetan
# (།): scripts without letter case, so no capital needs to follow them; and the full-width and
# half-width full stops of CJK text (． ｡). (The features and context stages read them too.)
CASELESS_SENTENCE_ENDS = "।॥۔؟։።။།"
OTHER_SENTENCE_ENDS = CASELESS_SENTENCE_ENDS + "．｡"
_SENT_SPLIT = re.compile(r"(?<=[.!?…][\"'”’»)\]]) +|(?<=[.!?…]) +(?=[\"'“‘«(\[]?[A-ZÀ-ÞА-ЯΑ-Ω0-9])|(?<=[。！？])"
                         r"|(?<=[" + CASELESS_SENTENCE_ENDS + r"]) +")


_KEEP, _TO_SPACE, _DROP = 0, 1, 2      # what normalize_text does with a character


def _action_table() -> np.ndarray:
    """What normalize_text does with each code point: keep, make a space or drop. The sets are
    those of the regexes (_SPACES, _CONTROL), found by running them over all of the BMP once,
    and _ZERO_WIDTH_CHARS; none is outside the BMP, but the table covers every code point so
    that a lookup needs no clipping."""
    bmp = np.arange(0x10000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")
    table = np.full(0x110000, _KEEP, dtype=np.uint8)
    table[[m.start() for m in _SPACES.finditer(bmp)]] = _TO_SPACE
    table[[m.start() for m in _CONTROL.finditer(bmp)]] = _DROP
    table[[ord(ch) for ch in _ZERO_WIDTH_CHARS]] = _DROP
    return table


_ACTIONS = _action_table()


def normalize_text(text: str) -> str:
    """Line endings to LF, odd spaces to a space, zero-width and control characters dropped."""
    return _normalize_text(text)[0]


# A text with no newline but at least ESCAPED_NEWLINES_MIN literal "\n" escapes is a JSON string
# encoded twice (a pipeline's bug, common enough): its escapes are decoded before anything else.
ESCAPED_NEWLINES_MIN = 3
_JSON_ESCAPE = re.compile(r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
                          r"|\\u([0-9a-fA-F]{4})|\\(r\\n|[nrt\"\\/bf])")
_SIMPLE_ESCAPES = {"n": "\n", "r\\n": "\n", "r": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/", "b": "", "f": ""}


def _json_unescape(m: re.Match) -> str:
    high, low, one, simple = m.groups()
    if high:                                       # a surrogate pair: one character
        return chr(0x10000 + ((int(high, 16) - 0xD800) << 10) + int(low, 16) - 0xDC00)
    if one:
        return chr(int(one, 16))
    return _SIMPLE_ESCAPES[simple]


def unescape_double_encoded(text: str) -> str:
    """The text of a JSON string that was encoded twice ("Home\\nNews\\n\\nHeadline..."): when
    the text has no newline and at least ESCAPED_NEWLINES_MIN literal "\\n", its JSON escapes
    are decoded; any other text is returned as it is."""
    if "\n" in text or text.count("\\n") < ESCAPED_NEWLINES_MIN:
        return text
    return _JSON_ESCAPE.sub(_json_unescape, text)


def _normalize_text(text: str) -> tuple[str, np.ndarray]:
    """normalize_text, and the code points it looked at: every character of the result is one of
    them or a space."""
    text = unescape_double_encoded(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    # One table lookup per code point instead of regex substitutions (a lone surrogate is one
    # code point: surrogatepass). As intp, the index type of take(), which would otherwise
    # convert them for each table (this one and _NFC's).
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.intp)
    actions = _ACTIONS.take(cps)
    if not actions.any():
        return text, cps
    out = np.where(actions == _TO_SPACE, ord(" "), cps)[actions != _DROP]
    return out.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass"), cps


# --------------------------------------------------------------------------- NFC without a scan
#
# unicodedata.normalize("NFC", text) first runs a quick check over every character (a table
# lookup each, in C, but the text is long) and returns the text itself when the check says YES.
# The check says YES when every character has canonical combining class 0 and the quick-check
# property NFC_QC=Yes; whether a character has both is a property of the character alone
# (nfc_stable), kept per code point in a table filled on first sight. A text whose characters
# all have it is returned unchanged by normalize(), so the scan is skipped; any other text is
# normalized as before.

_NFC_UNKNOWN, _NFC_STABLE, _NFC_OTHER = 0, 1, 2
NFC_STABLE_BELOW = 0x300         # the combining diacritical marks start here
_NFC = np.zeros(0x110000, dtype=np.uint8)


def nfc_stable(ch: str) -> bool:
    """Combining class 0 and NFC_QC=Yes: normalize() returns a one-character str itself exactly
    when its quick check says YES (otherwise it builds a new str; code points below 256, whose
    one-character strs are shared, are all NFC_QC=Yes: tests/test_segment.py checks both)."""
    return unicodedata.combining(ch) == 0 and unicodedata.normalize("NFC", ch) is ch


def all_nfc_stable(cps: np.ndarray) -> bool:
    """Whether every code point is nfc_stable, filling the table for code points not met before."""
    flags = _NFC.take(cps)
    if len(flags) and flags.min() == _NFC_UNKNOWN:
        for cp in np.unique(cps[flags == _NFC_UNKNOWN]).tolist():
            _NFC[cp] = _NFC_STABLE if nfc_stable(chr(cp)) else _NFC_OTHER
        flags = _NFC.take(cps)
    return bool((flags == _NFC_STABLE).all())


def _nfc(text: str, cps: np.ndarray) -> str:
    """unicodedata.normalize("NFC", text) for the result of _normalize_text (cps: its code points
    before spaces and drops, so a superset of the text's characters but the space)."""
    # every code point below NFC_STABLE_BELOW is stable (tests/test_segment.py): only the others
    # are looked up
    if text.isascii() or all_nfc_stable(cps[cps >= NFC_STABLE_BELOW]):   # normalize() returns the text
        return text
    return unicodedata.normalize("NFC", text)


def split_sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENT_SPLIT.split(text)]
    return [p for p in parts if p]


def _hard_wrap(text: str, limit: int) -> list[str]:
    out = []
    while len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = limit
        out.append(text[:cut].strip())
        text = text[cut:].strip()
    if text:
        out.append(text)
    return out


def split_long(line: str, limit: int) -> list[str]:
    if len(line) <= limit:
        return [line]
    out: list[str] = []
    for sent in split_sentences(line):
        out.extend(_hard_wrap(sent, limit) if len(sent) > limit else [sent])
    return out


def _collapse_spaces(text: str) -> str:
    """Runs of spaces to one space (re.sub(" {2,}", " ", text), by str.replace: each pass halves
    every run, a few C-level passes instead of a regex scan)."""
    while "  " in text:
        text = text.replace("  ", " ")
    return text


def _lines(text: str) -> list[str]:
    """The text's lines, space runs collapsed and stripped; for a newline-free blob longer than
    BLOB_MIN_CHARS, its sentences. (A space run never spans a newline: collapsing the whole text
    at once is collapsing each line.)"""
    if "\n" not in text and len(text) > BLOB_MIN_CHARS:
        return [_collapse_spaces(s).strip(_EDGE_CHARS) for s in split_sentences(text)]
    return [line.strip(_EDGE_CHARS) for line in _collapse_spaces(text).split("\n")]


def _greedy_break(line: str, following: str, width: int) -> bool:
    """Whether a greedy wrapper at `width` could have ended `line` here: it has a space, is no
    longer than WRAP_MAX_WIDTH, and the next line's first word would not have fitted after it.
    (Not `len(line) <= width`: the width is a percentile, a few wrapped lines are longer.)"""
    return (len(line) <= WRAP_MAX_WIDTH and " " in line
            and len(line) + 1 + len(following.split(" ", 1)[0]) > width)


def _wrap_width(lines: list[str], markdown: bool) -> int | None:
    """The width the text is hard-wrapped at, or None when it is not (see WRAP_*). With markdown,
    pairs whose second line starts a block of its own (mdinput.starts_block) and code between fences are
    not counted: they cannot be a wrapped paragraph's continuation."""
    lengths = sorted(map(len, lines))
    blank = bisect_right(lengths, 0)                     # the blank lines sort first
    n = len(lengths) - blank
    if n < WRAP_MIN_LINES + 1:
        return None
    width = lengths[blank + int(WRAP_WIDTH_PERCENTILE * (n - 1))]
    if not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH:
        return None
    pairs, breaks = _markdown_breaks(lines, width) if markdown else _breaks(lines, width)
    return width if breaks >= WRAP_MIN_LINES and breaks >= WRAP_MIN_SHARE * pairs else None


def _breaks(lines: list[str], width: int) -> tuple[int, int]:
    """(pairs of consecutive non-blank lines, those where _greedy_break holds), with numpy: the
    same counts as _markdown_breaks gives for a text with no Markdown block starts."""
    count = len(lines)
    length = np.fromiter(map(len, lines), dtype=np.int64, count=count)
    space = np.fromiter(map(str.find, lines, repeat(" ")), dtype=np.int64, count=count)
    first_word = np.where(space < 0, length, space)
    a, b = length[:-1], length[1:]
    pair = (a > 0) & (b > 0)
    brk = pair & (space[:-1] >= 0) & (a <= WRAP_MAX_WIDTH) & (a + 1 + first_word[1:] > width)
    return int(np.count_nonzero(pair)), int(np.count_nonzero(brk))


def _markdown_breaks(lines: list[str], width: int) -> tuple[int, int]:
    """_breaks() of a Markdown text: pairs whose second line starts a block, and code between
    fences, not counted."""
    pairs = breaks = 0
    fence = False
    for line, following in zip(lines, islice(lines, 1, None)):
        if mdinput.is_fence(line):
            fence = not fence                      # (a fence before a blank line too)
        if fence or not (line and following):
            continue
        if mdinput.starts_block(following):
            continue
        pairs += 1
        breaks += _greedy_break(line, following, width)
    return pairs, breaks


def _unwrap(lines: list[str], width: int, markdown: bool) -> list[str | None]:
    """Each wrapped paragraph as one line: a line that a greedy break ends inside a sentence is
    joined with the next one, whose place holds None (not a blank: no paragraph break). A line
    that ends a sentence is not joined: the break may be a wrap, or the end of a line of its own
    ("...because you subscribed." over "Unsubscribe | Preferences"); either way both parts are
    whole sentences. With markdown, a line that starts a list item, a heading, a quote, a table
    row or a code fence is not joined to the one above, and nothing inside a fence is joined."""
    out: list[str | None] = list(lines)
    head = 0                                   # the line the current paragraph is joined into
    fence = False
    for i in range(1, len(lines)):
        prev, line = lines[i - 1], lines[i]
        if markdown and mdinput.is_fence(prev):
            fence = not fence
        if (prev and line and not fence and not _SENTENCE_END.search(prev) and _greedy_break(prev, line, width)
                and not (markdown and mdinput.starts_block(line))):
            out[head] = out[head] + " " + line
            out[i] = None
        else:
            head = i
    return out


# a line that ends a sentence: terminal punctuation, then closing quotes or brackets
_SENTENCE_END = re.compile(r"[.!?…。！？" + OTHER_SENTENCE_ENDS + r"][\"'”’»)\]]{0,3}$")


def segment(text: str, *, max_line_chars: int, markup: str = "text") -> list[Block]:
    """markup: "text" (visible text, as is), "markdown" (each line read as Markdown first:
    mdinput.visible_lines) or "auto" (Markdown when mdinput.looks_like_markdown says so)."""
    if markup not in MARKUPS or markup == "html":          # (clean() hands HTML to extract())
        raise ValueError(f"segment() reads text or Markdown, not markup {markup!r}")
    text = _nfc(*_normalize_text(text))
    lines = _lines(text)
    markdown = markup == "markdown" or (markup == "auto" and "](" in text and mdinput.looks_like_markdown(lines))
    width = _wrap_width(lines, markdown) if "\n" in text else None       # (not a blob's sentences)
    if width:
        lines = _unwrap(lines, width, markdown)
    if markdown:
        return _segment_markdown(lines, max_line_chars)
    blocks: list[Block] = []
    append = blocks.append
    para, blank_before = 0, True
    for lineno, line in enumerate(lines, 1):
        if not line:
            if line is not None:                    # None: a line _unwrap joined to the one above
                blank_before = True
            continue
        if blank_before and blocks:
            para += 1
        blank_before = False
        # Block(index, text, line, para): positional, the field order of types.Block (a call
        # with keywords costs more than the rest of the loop)
        if len(line) <= max_line_chars:
            append(Block(len(blocks), line, lineno, para))
        else:
            for piece in split_long(line, max_line_chars):
                append(Block(len(blocks), piece, lineno, para))
    return blocks


def _segment_markdown(lines: list[str], max_line_chars: int) -> list[Block]:
    """segment() of a Markdown input: each line's visible text (mdinput.visible_lines), with its
    kind and heading level; a line that shows nothing counts as blank. The lines of a fenced code
    block are one block (its lines joined with newlines, up to max_line_chars), as the HTML path
    makes one of a <pre>."""
    blocks: list[Block] = []
    para, blank_before = 0, True
    code: Block | None = None                  # the block a fenced code block's lines go into
    joined = [line is None for line in lines]
    shown = mdinput.visible_lines([line or "" for line in lines])
    for lineno, ((line, kind, level), was_joined) in enumerate(zip(shown, joined), 1):
        if kind == "sep":                       # a table's delimiter row: shows nothing, breaks nothing
            continue
        if kind == "fence":
            if code is not None:
                code.text = code.text.rstrip("\n")
            code, blank_before = None, True
            continue
        if kind == "code" and code is not None and len(code.text) + 1 + len(line) <= max_line_chars:
            code.text += "\n" + line
            continue
        if not line:
            if not was_joined:
                blank_before = True
            continue
        if blank_before and blocks:
            para += 1
        blank_before = False
        for piece in split_long(line, max_line_chars):
            blocks.append(Block(len(blocks), piece, lineno, para, kind, level))
        if kind == "code":
            code = blocks[-1]
    return blocks


# A reader proxy's header. Services that fetch a page for a pipeline and hand it over as
# Markdown or text put "Key: value" lines above it: the page's <title>, the address fetched, its
# publication time, sometimes a warning, then "Markdown Content:" (or "Text Content:") before
# the page itself. Those lines are furniture of the hand-over, not of the page; their values are
# the page's metadata. Keys as such services write them (capitalised, one per line).
READER_HEADER_FIELDS = {"Title": "title", "URL Source": "url", "Published Time": "date"}
_READER_HEADER_LINE = re.compile(
    r"(Title|URL Source|Published Time|Description|Warning|Number of Pages|Markdown Content|Text Content)"
    r":(?: (.*))?")
_READER_CONTENT_KEYS = ("Markdown Content", "Text Content")
READER_HEADER_MAX_BLOCKS = 12    # a header is among the first blocks: a handful of key lines
READER_HEADER_HIT = ("meta", "meta.reader_header")


def reader_header(blocks: list[Block]) -> tuple[int, dict[str, str]]:
    """How many of the first blocks are a reader proxy's header, and its metadata fields
    ({"title", "url", "date"}: those it gives). A header is a run of "Key: value" lines from the
    text's start, with known keys, ending at the content key ("Markdown Content:") when there is
    one; it counts only with a "URL Source" line and one more key: a page's own "Title: ..." line
    (a book listing, a form) is no header. (0, {}) when the text has none."""
    keys: dict[str, str] = {}
    n = 0
    for b in blocks[:READER_HEADER_MAX_BLOCKS]:
        m = _READER_HEADER_LINE.fullmatch(b.text)
        if m is None or m.group(1) in keys:
            break
        keys[m.group(1)] = (m.group(2) or "").strip()
        n += 1
        if m.group(1) in _READER_CONTENT_KEYS:
            break
    if "URL Source" not in keys or len(keys) < 2:
        return 0, {}
    return n, {name: keys[k] for k, name in READER_HEADER_FIELDS.items() if keys.get(k)}
