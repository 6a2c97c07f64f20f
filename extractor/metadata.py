"""Stage 8, metadata: title, byline / authors and date, taken out of the body.

Title: the headline is a line shortly before the article body (or its first line), of headline
length, not a sentence that runs on; evidence for it: it is repeated further down (a repeated
headline), it shares words with the URL's slug, it is in Title Case, it sits right before the body.
The chosen block gets label "title" and never reaches Result.text.

Byline and date: blocks the byline packs hit (`byline.author`, `byline.date`, `byline.source`)
near the top of the article give Result.byline / authors / date.
"""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from .context import dup_key
from .types import BOILERPLATE, BYLINE, CONTENT, DATE, TITLE, Block

TITLE_LOOKBACK = 15              # blocks before the body start that may hold the headline
TITLE_MIN_WORDS = 2
TITLE_MAX_WORDS = 45
TITLE_MIN_SCORE = 2.0            # evidence needed to call a block the headline
_SLUG_WORD = re.compile(r"[^\W\d_]{3,}")
_BY = re.compile(r"^(?:by|von|par|por|di|door|av|przez|автор:?|автор)\s+", re.I)
_DATE_HINT = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")


def slug_words(url: str | None) -> set[str]:
    if not url:
        return set()
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return set()
    return {w.casefold() for w in _SLUG_WORD.findall(path)}


def _title_evidence(b: Block, i: int, body_start: int, repeats: dict[str, int], slug: set[str]) -> float:
    f = b.features
    if not (TITLE_MIN_WORDS <= f["words"] <= TITLE_MAX_WORDS) or f["ends_colon"]:
        return -1.0
    if b.hits:
        return -1.0
    if f["url"] or f["email"] or f["separators"] >= 2:
        return -1.0
    ev = 0.0
    if repeats.get(dup_key(b.text), 0) > 1:
        ev += 2.5
    if slug:
        words = {w.casefold() for w in _SLUG_WORD.findall(b.text)}
        if words:
            overlap = len(words & slug) / min(len(words), len(slug))
            ev += 3.0 * overlap
    if f["caps_word_ratio"] >= 0.6:
        ev += 0.8
    if not f["ends_terminal"] or b.text.rstrip().endswith(("?", "!")):
        ev += 0.7
    if f["sentences"] > 2:
        ev -= 1.0
    if f["words"] >= 4 and not f["cjk"] and f["stop_density"] == 0.0 and f["caps_word_ratio"] >= 0.9:
        ev -= 1.5                          # "Politics Foreign Affairs Culture": a menu, not a headline
    dist = body_start - i
    ev += 1.5 if 0 <= dist <= 3 else (0.8 if 0 <= dist <= 8 else 0.0)
    if 4 <= f["words"] <= 25:
        ev += 0.5
    return ev


def find_title(blocks: list[Block], body_start: int, url: str | None) -> int | None:
    if not blocks:
        return None
    repeats: dict[str, int] = {}
    for b in blocks:
        k = dup_key(b.text)
        if k:
            repeats[k] = repeats.get(k, 0) + 1
    slug = slug_words(url)
    lo = max(0, body_start - TITLE_LOOKBACK)
    cands = list(range(lo, min(body_start + 1, len(blocks))))
    best, best_ev = None, TITLE_MIN_SCORE
    for i in cands:
        b = blocks[i]
        if i == body_start and b.features["jt"] == "good":
            continue                       # the body's first real paragraph is not a headline
        ev = _title_evidence(b, i, body_start, repeats, slug)
        if ev > best_ev:
            best, best_ev = i, ev
    return best


def metadata(blocks: list[Block], body_start: int, url: str | None) -> dict:
    meta: dict = {"title": None, "byline": None, "authors": (), "date": None}
    t = find_title(blocks, body_start, url)
    if t is not None:
        tb = blocks[t]
        tb.decide(TITLE, "title", "meta.title")
        meta["title"] = tb.text
    for b in blocks:
        if b.label == BYLINE and meta["byline"] is None:
            meta["byline"] = b.text
            name = _BY.sub("", b.text).strip()
            if name and len(name.split()) <= 8 and not _DATE_HINT.search(name):
                meta["authors"] = tuple(a.strip() for a in re.split(r",| and | und | et | y | i ", name) if a.strip())
        if b.label == DATE and meta["date"] is None:
            meta["date"] = b.text
        if b.label in (BYLINE, DATE):
            b.category = b.category or "byline"
    return meta


__all__ = ["metadata", "find_title", "CONTENT", "BOILERPLATE"]
