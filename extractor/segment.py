"""Stage 1, segment: raw text -> blocks.

- CRLF / CR become LF; NBSP and other Unicode spaces become a space; zero-width and control
  characters are dropped (tab becomes a space), but not the zero-width (non-)joiner, which is
  part of Persian and Indic spelling and of emoji sequences.
- One block per non-blank line; blank lines separate paragraphs (Block.para).
- A text with no newline at all that is longer than BLOB_MIN_CHARS (a whitespace-collapsed blob)
  is split into sentences, one block each.
- A line longer than Options.max_line_chars is split into sentences, then hard-wrapped.
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np

from . import mdinput
from .options import MARKUPS
from .types import Block

BLOB_MIN_CHARS = 400           # a newline-free text longer than this is split into sentences

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


def _normalize_text(text: str) -> tuple[str, np.ndarray]:
    """normalize_text, and the code points it looked at: every character of the result is one of
    them or a space."""
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


def segment(text: str, *, max_line_chars: int, markup: str = "text") -> list[Block]:
    """markup: "text" (visible text, as is), "markdown" (each line read as Markdown first:
    mdinput.visible_lines) or "auto" (Markdown when mdinput.looks_like_markdown says so)."""
    if markup not in MARKUPS:
        raise ValueError(f"unknown markup {markup!r}")
    text = _nfc(*_normalize_text(text))
    lines = _lines(text)
    if markup == "markdown" or (markup == "auto" and "](" in text and mdinput.looks_like_markdown(lines)):
        return _segment_markdown(lines, max_line_chars)
    blocks: list[Block] = []
    append = blocks.append
    para, blank_before = 0, True
    for lineno, line in enumerate(lines, 1):
        if not line:
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
    kind and heading level; a line that shows nothing counts as blank."""
    blocks: list[Block] = []
    para, blank_before = 0, True
    for lineno, (line, kind, level) in enumerate(mdinput.visible_lines(lines), 1):
        if not line:
            blank_before = True
            continue
        if blank_before and blocks:
            para += 1
        blank_before = False
        for piece in split_long(line, max_line_chars):
            blocks.append(Block(len(blocks), piece, lineno, para, kind, level))
    return blocks
