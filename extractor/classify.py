"""Stages 4-5, rules and classify: the context-free decision of each block.

rules:    every rule pack of the document's language (plus English and language-independent
          packs) is matched against the block's normalised text; hits are recorded on the block.
classify: each block gets a content score in [0, 1] and a context-free label (cf_label).
          - a rule hit decides: the block is boilerplate with the rule's reason (byline hits make
            it metadata: label "byline" or "date");
          - otherwise the score comes from the learned model when one is shipped
            (extractor/data/model.json, see model.py) or from the jusText-style heuristic below.

jusText-style heuristic classes (named thresholds below):
  short     fewer than LENGTH_LOW characters (CJK: LENGTH_LOW_CJK)
  good      at least LENGTH_HIGH characters and stopword density >= STOPWORDS_HIGH
  neargood  in between, or long but sparse in stopwords
"""
from __future__ import annotations

import math
from collections import Counter

from . import rules as rulepacks
from .types import BOILERPLATE, BYLINE, CONTENT, DATE, NUMBER_HIT, Block

LENGTH_LOW = 70            # chars: below this a block is "short" (jusText LENGTH_LOW_DEFAULT)
LENGTH_HIGH = 200          # chars: from this a block can be "good" (jusText LENGTH_HIGH_DEFAULT)
LENGTH_LOW_CJK = 25        # the same two thresholds for Chinese / Japanese / Korean text
LENGTH_HIGH_CJK = 70
STOPWORDS_LOW = 0.30       # jusText STOPWORDS_LOW_DEFAULT
STOPWORDS_HIGH = 0.32      # jusText STOPWORDS_HIGH_DEFAULT
RULE_HIT_SCORE = 0.02      # the score of a block a rule removed

# Categories whose hits go to metadata rather than to the bin.
META_REASON_LABEL = {"byline.date": DATE}


def apply_rules(blocks: list[Block], lang: str | None) -> None:
    match = rulepacks.ruleset(lang).match
    for b in blocks:
        if b.hits:                  # decided before the rules (segment: a reader proxy's header)
            continue
        f = b.features
        hits = match(f["norm"], f["words"])
        if hits:
            # Stable order: by category then reason, so the decisive reason does not depend on
            # pack loading order.
            b.hits = sorted({(r.category, r.reason) for r in hits})
            if b.kind == "table" and NUMBER_HIT in b.hits:
                # a number in a table cell (HTML path) is the table's data, not a counter
                b.hits.remove(NUMBER_HIT)


def jt_class(f: dict) -> str:
    low, high = (LENGTH_LOW_CJK, LENGTH_HIGH_CJK) if f["cjk"] else (LENGTH_LOW, LENGTH_HIGH)
    if f["chars"] < low:
        return "short"
    sd = f["stop_density"]
    if f["chars"] >= high and (sd >= STOPWORDS_HIGH or f["cjk"]):
        return "good"
    if sd >= STOPWORDS_LOW or f["ends_terminal"] or f["cjk"]:
        return "neargood"
    return "bad"


def heuristic_score(f: dict) -> float:
    """A hand-set logistic score from the block's own features (used when no model is shipped)."""
    words = f["words"]
    z = -2.2 + 1.1 * math.log1p(words)
    z += 1.2 if f["ends_terminal"] else -0.6
    z += 3.0 * (f["stop_density"] - 0.25) if not f["cjk"] else 0.4
    z -= 1.5 * max(f["caps_word_ratio"] - 0.5, 0) * 2
    z -= 0.8 * min(f["separators"], 3)
    z -= 1.0 if f["url"] or f["email"] else 0.0
    z -= 2.0 * max(f["digit_ratio"] - 0.2, 0) * 3
    z -= 0.7 if f["ends_colon"] else 0.0
    return 1.0 / (1.0 + math.exp(-z))


JT_CLASSES = ("short", "neargood", "good", "bad")


def jt_codes(c: dict):
    """jt_class() of every block as an index into JT_CLASSES, from the page's feature columns
    (fastscore.page_columns)."""
    import numpy as np
    cjk = c["cjk"] > 0
    chars, sd = c["chars"], c["stop_density"]
    low = np.where(cjk, LENGTH_LOW_CJK, LENGTH_LOW)
    high = np.where(cjk, LENGTH_HIGH_CJK, LENGTH_HIGH)
    good = (chars >= high) & ((sd >= STOPWORDS_HIGH) | cjk)
    near = (sd >= STOPWORDS_LOW) | (c["ends_terminal"] > 0) | cjk
    return np.where(chars < low, 0, np.where(good, 2, np.where(near, 1, 3)))


def jt_classes(c: dict) -> list[str]:
    """jt_class() of every block, from the page's feature columns (fastscore.page_columns)."""
    return [JT_CLASSES[i] for i in jt_codes(c).tolist()]


def heuristic_scores(c: dict):
    """heuristic_score() of every block, from the page's feature columns (an array)."""
    import numpy as np
    cjk = c["cjk"] > 0
    z = -2.2 + 1.1 * np.log1p(c["words"])
    z = z + np.where(c["ends_terminal"] > 0, 1.2, -0.6)
    z = z + np.where(cjk, 0.4, 3.0 * (c["stop_density"] - 0.25))
    z = z - 1.5 * np.maximum(c["caps_word_ratio"] - 0.5, 0) * 2
    z = z - 0.8 * np.minimum(c["separators"], 3)
    z = z - np.where((c["url"] > 0) | (c["email"] > 0), 1.0, 0.0)
    z = z - 2.0 * np.maximum(c["digit_ratio"] - 0.2, 0) * 3
    z = z - np.where(c["ends_colon"] > 0, 0.7, 0.0)
    return 1.0 / (1.0 + np.exp(-z))


def model_context(blocks: list[Block], cols: dict | None = None) -> tuple[tuple[int, int], set[int]]:
    """Heuristic scores, then what the model reads beside each block's own features: a heuristic
    main-content span and the blocks repeated on the page."""
    span, dups, _ = page_context(blocks, cols)
    return span, dups


def page_context(blocks: list[Block], cols: dict | None = None) -> tuple[tuple[int, int], set[int], dict]:
    """model_context(), and the page's columns extended with what it computed on the way
    (fastscore.CONTEXT_KEYS: jt class, h_score, rule hit), for score_page. Sets every block's
    features "jt" and "h_score" and its score (the heuristic one)."""
    span, dups, extended = _page_arrays(blocks, cols)
    for b, jt, hs in zip(blocks, map(JT_CLASSES.__getitem__, extended["jt_code"].tolist()),
                         extended["h_score"].tolist()):
        f = b.features
        f["jt"] = jt
        f["h_score"] = b.score = hs
    return span, dups, extended


def _page_arrays(blocks: list[Block], cols: dict | None) -> tuple[tuple[int, int], set[int], dict]:
    """page_context() without writing to the blocks: the heuristic span and the repeated blocks
    come from the arrays (block_values is given the heuristic scores, not read from b.score)."""
    import numpy as np
    from .context import block_keys, block_values, max_span
    from .fastscore import page_columns
    c = page_columns(blocks) if cols is None else cols
    codes = jt_codes(c)
    h = heuristic_scores(c)
    hit = np.array([bool(b.hits) for b in blocks], dtype=bool)
    s, e, _ = max_span(block_values(blocks, h, hit))
    keys = block_keys(blocks)
    repeated = {k for k, count in Counter(keys).items() if count > 1 and len(k) >= 12}
    dups = {i for i, k in enumerate(keys) if k in repeated} if repeated else set()
    return (s, e), dups, {**c, "jt_code": codes, "h_score": h, "hit": hit}


def model_inputs(blocks: list[Block]) -> list[dict[str, float]]:
    """The model's sparse feature vectors (training, and the reference path in tests)."""
    from .model import block_vectors
    span, dups = model_context(blocks)
    return block_vectors(blocks, span, dups)


def classify(blocks: list[Block], lang: str | None, model=None, threshold: float = 0.5,
             cols: dict | None = None) -> None:
    """Score every block (model when given, else heuristic) and set its context-free label.
    cols: the blocks' feature columns (fastscore.page_columns) when the caller has them."""
    if model is not None and hasattr(model, "score_page_arrays"):
        _classify_page(blocks, model, threshold, cols)
        return
    if model is not None:
        scores = model.score(blocks, model_inputs(blocks))
    else:
        scores = []
        for b in blocks:
            b.features["jt"] = jt_class(b.features)
            scores.append(heuristic_score(b.features))
    low_reason = ("model" if model is not None else "score") + ".p="
    for b, s in zip(blocks, scores):
        b.score = s = float(s)
        if b.hits:
            _decide_by_hits(b)
        elif s >= threshold:                        # b.decide(CONTENT, None, None), inlined
            b.cf_label = b.label = CONTENT
            b.category = b.reason = None
        else:
            b.cf_label = b.label = BOILERPLATE
            b.category, b.reason = "low_score", f"{low_reason}{s:.2f}"


def _classify_page(blocks: list[Block], model, threshold: float, cols: dict | None) -> None:
    """classify() with a model that scores whole pages: the same values as page_context +
    score_page + the labelling loop, with what they write on each block (features "jt",
    "h_score", "p1"; score, labels) written in one pass at the end. Nothing in between reads
    them from the blocks: the scoring reads the arrays, and a block's heuristic score, which
    page_context puts in b.score, is replaced by the model's score before anything reads it."""
    span, dups, cols = _page_arrays(blocks, cols)
    p1, scores = model.score_page_arrays(blocks, span, dups, cols=cols)
    jts = [JT_CLASSES[i] for i in cols["jt_code"].tolist()]
    decided: dict[tuple, tuple[str, str, str]] = {}      # _hit_decision by hit list, this page
    for b, jt, hs, p, s, low in zip(blocks, jts, cols["h_score"].tolist(), p1.tolist(), scores.tolist(),
                                    _low_score_reasons(scores)):
        f = b.features
        f["jt"] = jt
        f["h_score"] = hs
        f["p1"] = p
        hits = b.hits
        if hits:                                    # _decide_by_hits(b), inlined
            key = tuple(hits)
            d = decided.get(key)
            if d is None:
                d = decided[key] = _hit_decision(hits)
            b.cf_label = b.label = d[0]
            b.category, b.reason = d[1], d[2]
            b.score = RULE_HIT_SCORE if RULE_HIT_SCORE < s else s     # min(s, RULE_HIT_SCORE)
        elif s >= threshold:                        # b.decide(CONTENT, None, None), inlined
            b.score = s
            b.cf_label = b.label = CONTENT
            b.category = b.reason = None
        else:
            b.score = s
            b.cf_label = b.label = BOILERPLATE
            b.category, b.reason = "low_score", low


def _low_score_reasons(scores) -> list[str]:
    """f"model.p={s:.2f}" of every score (an array): formatting a float costs more than the rest
    of a block's labelling, so for scores in [0, 1] the string is looked up by where the score
    falls among the smallest floats that format as 0.01, 0.02, ... 1.00 (_rounding_table)."""
    import numpy as np
    if not bool(np.all((scores <= 1.0) & ~np.signbit(scores))):     # negative, -0.0, > 1, nan
        return [f"model.p={s:.2f}" for s in scores.tolist()]
    bounds, reasons = _rounding_table()
    return np.take(reasons, np.searchsorted(bounds, scores, side="right")).tolist()


_ROUNDING = None                 # (bounds, reasons) of _low_score_reasons, made on first use


def _rounding_table():
    """bounds[k - 1]: the smallest float that formats with two decimals as k / 100 or more
    (k = 1..100), found by stepping from (k - 0.5) / 100 to the neighbouring floats with the
    formatting itself as the judge (it is monotonic); reasons[k]: "model.p=" + that text."""
    global _ROUNDING
    if _ROUNDING is None:
        import math

        import numpy as np

        def hundredths(x: float) -> int:
            return int(f"{x:.2f}".replace(".", ""))

        bounds = []
        for k in range(1, 101):
            x = (k - 0.5) / 100
            while hundredths(x) >= k:
                x = math.nextafter(x, -math.inf)
            while hundredths(x) < k:
                x = math.nextafter(x, math.inf)
            bounds.append(x)
        reasons = np.array([f"model.p={k // 100}.{k % 100:02d}" for k in range(101)], dtype=object)
        _ROUNDING = (np.array(bounds), reasons)
    return _ROUNDING


def _decide_by_hits(b: Block) -> None:
    """A block with rule hits: byline / date when they are all byline hits, else boilerplate
    with the first other hit's reason; its score is capped at RULE_HIT_SCORE."""
    b.cf_label, cat, reason = _hit_decision(b.hits)
    b.score = min(b.score, RULE_HIT_SCORE)
    b.decide(b.cf_label, cat, reason)


def _hit_decision(hits: list[tuple[str, str]]) -> tuple[str, str, str]:
    """(label, category, reason) that a block's rule hits decide (see _decide_by_hits)."""
    meta = [h for h in hits if h[0] == "byline"]
    if len(meta) == len(hits):
        cat, reason = meta[0]
        return META_REASON_LABEL.get(reason, BYLINE), cat, reason
    cat, reason = next(h for h in hits if h[0] != "byline")
    return BOILERPLATE, cat, reason
