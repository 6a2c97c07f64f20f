"""Stage 1, segment: raw text -> blocks.

- CRLF / CR become LF; NBSP and other Unicode spaces become a space; zero-width and control
  characters are dropped (tab becomes a space).
- One block per non-blank line; blank lines separate paragraphs (Block.para).
- A text with no newline at all that is longer than BLOB_MIN_CHARS (a whitespace-collapsed blob)
  is split into sentences, one block each.
- A line longer than Options.max_line_chars is split into sentences, then hard-wrapped.
"""
from __future__ import annotations

import re
import unicodedata

from .types import Block

BLOB_MIN_CHARS = 400           # a newline-free text longer than this is split into sentences

_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MULTI_SPACE = re.compile(r" {2,}")
# A sentence end: terminal punctuation (Latin or CJK), optional closing quote/bracket, then space
# or a CJK full stop directly. Linear: no nested quantifiers.
_SENT_SPLIT = re.compile(r"(?<=[.!?…][\"'”’»)\]]) +|(?<=[.!?…]) +(?=[\"'“‘«(\[]?[A-ZÀ-ÞА-ЯΑ-Ω0-9])|(?<=[。！？])")


def normalize_text(text: str) -> str:
    """Line endings to LF, odd spaces to a space, zero-width and control characters dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    if not text.isascii():
        # zero-width characters deleted by replaces of those present (str.translate
        # with a dict costs a lookup per character)
        for ch in _ZERO_WIDTH_CHARS:
            if ch in text:
                text = text.replace(ch, "")
    text = _SPACES.sub(" ", text)
    text = _CONTROL.sub("", text)
    return text


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


def segment(text: str, *, max_line_chars: int) -> list[Block]:
    text = unicodedata.normalize("NFC", normalize_text(text))
    raw_lines = text.split("\n")
    if len(raw_lines) == 1 and len(text) > BLOB_MIN_CHARS:
        raw_lines = split_sentences(text)
    blocks: list[Block] = []
    para, blank_before = 0, True
    for lineno, raw in enumerate(raw_lines, 1):
        line = (_MULTI_SPACE.sub(" ", raw) if "  " in raw else raw).strip()
        if not line:
            blank_before = True
            continue
        if blank_before and blocks:
            para += 1
        blank_before = False
        for piece in split_long(line, max_line_chars):
            blocks.append(Block(index=len(blocks), text=piece, line=lineno, para=para))
    return blocks
