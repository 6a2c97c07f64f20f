"""Stages 6-7, context and duplicates: final labels from the neighbourhood of each block.

context:
  1. Main-content span. Each block carries a value: (score - 0.5) times a length weight
     (chars ** LENGTH_WEIGHT_EXP); rule-removed blocks count as clearly negative, and the
     headers of comment sections and related-link lists as barriers (BARRIER_VALUE). The span
     with the largest sum (maximum subarray, linear time) is the article; blocks outside it are
     the page's head and tail zones and are removed (`context.outside_main`). In recall mode
     other spans whose sum reaches SECONDARY_SPAN_SHARE of the best are kept too.
  2. Inside the span, a block below the mode's threshold is kept when it is sandwiched between
     kept blocks and not clearly furniture (`context.between_content` keeps it); otherwise it goes
     (`context.low_score`). jusText's idea: short blocks take the class of their surroundings.
duplicates:
  - a block equal to the title (after normalisation) is a repeated headline (`duplicate.title`);
  - a block repeated later: the earlier copy goes when it is before the article body (a lede
    shown twice), otherwise the later copy goes (`duplicate.repeat`);
  - a teaser ending in "..." / "…" whose text starts a later or earlier block (`duplicate.teaser`).
"""
from __future__ import annotations

import re
import unicodedata

from .options import Mode, Options
from .types import BOILERPLATE, CONTENT, Block

LENGTH_WEIGHT_EXP = 0.6          # value weight = chars ** this
RULE_HIT_VALUE = -0.9            # per weight unit, for a block a rule removed
BARRIER_CATEGORIES = frozenset({"comments", "related"})
BARRIER_VALUE = -40.0            # absolute value of a comments / related header
SECONDARY_SPAN_SHARE = 0.35      # recall mode: keep other spans at least this share of the best
SANDWICH_MIN_SCORE = {Mode.PRECISION: 0.35, Mode.BALANCED: 0.15, Mode.RECALL: 0.05}
OUTSIDE_KEEP_SCORE = 0.93        # recall mode: a block this sure of itself survives outside the span


def block_value(b: Block) -> float:
    w = max(len(b.text), 1) ** LENGTH_WEIGHT_EXP
    if b.hits:
        if any(cat in BARRIER_CATEGORIES for cat, _ in b.hits):
            return BARRIER_VALUE
        if all(cat == "byline" for cat, _ in b.hits):
            return -0.1 * w
        return RULE_HIT_VALUE * w
    return (b.score - 0.5) * 2.0 * w


def max_span(values: list[float], lo: int = 0, hi: int | None = None) -> tuple[int, int, float]:
    """Kadane: the [start, end) of values[lo:hi] with the largest sum (empty span: (lo, lo, 0))."""
    hi = len(values) if hi is None else hi
    best, best_s, best_e = 0.0, lo, lo
    cur, cur_s = 0.0, lo
    for i in range(lo, hi):
        if cur <= 0:
            cur, cur_s = values[i], i
        else:
            cur += values[i]
        if cur > best:
            best, best_s, best_e = cur, cur_s, i + 1
    return best_s, best_e, best


def main_spans(blocks: list[Block], mode: Mode) -> list[tuple[int, int]]:
    values = [block_value(b) for b in blocks]
    s, e, best = max_span(values)
    if e <= s:
        return []
    spans = [(s, e)]
    if mode is Mode.RECALL:
        for lo, hi in ((0, s), (e, len(blocks))):
            s2, e2, v2 = max_span(values, lo, hi)
            if e2 > s2 and v2 >= SECONDARY_SPAN_SHARE * best:
                spans.append((s2, e2))
    return sorted(spans)


def context(blocks: list[Block], opts: Options) -> list[tuple[int, int]]:
    mode, thr = opts.mode, opts.threshold
    spans = main_spans(blocks, mode)
    inside = [False] * len(blocks)
    for s, e in spans:
        for i in range(s, e):
            inside[i] = True
    kept_cf = [not b.hits and b.score >= thr for b in blocks]
    for i, b in enumerate(blocks):
        if b.hits:
            continue                                 # rule decisions are final
        if not inside[i]:
            if mode is Mode.RECALL and b.score >= OUTSIDE_KEEP_SCORE:
                b.decide(CONTENT, None, "context.sure_outside_main")
            else:
                b.decide(BOILERPLATE, "context", "context.outside_main")
            continue
        if kept_cf[i]:
            b.decide(CONTENT, None, None)
            continue
        prev_ok = next((kept_cf[j] for j in range(i - 1, -1, -1) if inside[j] and not blocks[j].hits and blocks[j].features["jt"] != "short"), False)
        next_ok = next((kept_cf[j] for j in range(i + 1, len(blocks)) if inside[j] and not blocks[j].hits and blocks[j].features["jt"] != "short"), False)
        if prev_ok and next_ok and b.score >= SANDWICH_MIN_SCORE[mode]:
            b.decide(CONTENT, None, "context.between_content")
        else:
            b.decide(BOILERPLATE, "context", "context.low_score")
    return spans


# --- duplicates ------------------------------------------------------------------------------
_PUNCT = re.compile(r"[\W_]+")
TEASER_MIN_CHARS = 25            # a teaser prefix shorter than this is not evidence
DUP_MIN_CHARS = 12               # shorter repeats ("Share", "Home") are left to the rules


def dup_key(text: str) -> str:
    return _PUNCT.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def duplicates(blocks: list[Block], title: str | None, body_start: int) -> None:
    title_key = dup_key(title) if title else None
    first_seen: dict[str, int] = {}
    keys = [dup_key(b.text) for b in blocks]
    for i, b in enumerate(blocks):
        k = keys[i]
        if len(k) < DUP_MIN_CHARS:
            continue
        if title_key and k == title_key and b.label != "title":
            b.decide(BOILERPLATE, "duplicate", "duplicate.title")
            continue
        if k in first_seen:
            j = first_seen[k]
            first = blocks[j]
            if j < body_start and b.kept:
                # the lede shown before the body, then as its first paragraph: drop the first copy
                if first.kept or first.label == BOILERPLATE:
                    first.decide(BOILERPLATE, "duplicate", "duplicate.repeat")
            elif b.kept:
                b.decide(BOILERPLATE, "duplicate", "duplicate.repeat")
        else:
            first_seen[k] = i
    # teasers: "Some sentence that goes on..." when a block starts with the same text
    kept_keys = [(i, keys[i]) for i, b in enumerate(blocks) if len(keys[i]) >= TEASER_MIN_CHARS]
    for i, b in enumerate(blocks):
        if not b.features.get("ends_ellipsis"):
            continue
        stem = dup_key(b.text.rstrip(" .…"))
        if len(stem) < TEASER_MIN_CHARS:
            continue
        if any(j != i and k != stem and k.startswith(stem) for j, k in kept_keys):
            b.decide(BOILERPLATE, "duplicate", "duplicate.teaser")
