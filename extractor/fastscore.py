"""The shipped model's scores for a whole page at once, with numpy.

model.py defines stage 1 by its sparse feature vectors (block_vectors: the training code and the
tests use them). Building a dict per block and summing its weights one by one cost most of a
document's time, so at run time the same linear function is evaluated column-wise here: every
binary feature is a boolean array times its weight, every binned feature a lookup of its weight
per bin, neighbour features are the neighbours' arrays shifted. The result equals the reference
path up to floating-point summation order (tests/test_fastscore.py checks |difference| < 1e-9 on
real pages). Stage 2's input, tree_features, is column-wise by definition: training and run time
both call it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from itertools import count
from operator import itemgetter

import numpy as np

from . import model as M
from . import trees
from .classify import JT_CLASSES
from .types import Block


@dataclass(frozen=True)
class Stage1Weights:
    """The stage-1 weights rearranged into tables: one array per binned feature, one scalar per
    binary feature, and per neighbour offset the weights of the neighbour's summary."""
    bias: float
    words: np.ndarray            # per WORD_BINS bin
    stop: np.ndarray             # per STOP_BINS bin
    jt: dict                     # jt class -> weight
    flags: dict                  # binary own feature name -> weight
    hits: dict                   # category -> weight
    nb_words: tuple              # per offset: array per BRIEF_WORD_BINS bin
    nb_flags: tuple              # per offset: (term, good, hit) weights
    nb_none: np.ndarray          # per offset: weight of "no neighbour there"
    pos: np.ndarray              # per POS_BINS bin
    span: dict                   # span_* / first_block / last_block / h_score / rel_len / dup


    @cached_property
    def nb_tables(self) -> tuple:
        """Per neighbour offset, what a neighbour adds for each summary code
        brief_bin * 8 + term * 4 + good * 2 + hit: the expression stage1_logits evaluated per
        block before, nb_words[brief_bin] + term * w_term + good * w_good + hit * w_hit, here on
        every combination (the same float operations on the same operands give the same bits;
        a False flag times its weight is the same signed zero as before)."""
        code = np.arange(8 * len(self.nb_words[0]))
        brief_bin, term, good, hit = code >> 3, (code & 4) > 0, (code & 2) > 0, (code & 1) > 0
        return tuple(words[brief_bin] + term * w_term + good * w_good + hit * w_hit
                     for words, (w_term, w_good, w_hit) in zip(self.nb_words, self.nb_flags))

    @cached_property
    def nb_tables_padded(self) -> tuple:
        """nb_tables with one more entry at nb_none_code: the weight of "no neighbour there"."""
        return tuple(np.append(t, none) for t, none in zip(self.nb_tables, self.nb_none.tolist()))

    @property
    def nb_none_code(self) -> int:
        return 8 * len(self.nb_words[0])

    @cached_property
    def flag_table(self) -> tuple[np.ndarray, float]:
        """_flag_weights: the binary own features' weights as one vector, and their bias."""
        return _flag_weights(self)

    @cached_property
    def jt_table(self) -> np.ndarray:
        """The jt_<class> weights by index into JT_CLASSES, and 0.0 after them (an unknown
        class, code -1, reads that 0.0)."""
        return np.array([self.jt.get(jt, 0.0) for jt in JT_CLASSES] + [0.0])

    @cached_property
    def hit_sums(self) -> dict:
        """_hit_weights' sums by list of hits, kept across pages: the lists that occur are few
        (73 on the 103 bench article pages), most pages would otherwise add up the same ones."""
        return {}


# the bin edges as float arrays: searchsorted would convert the tuples on every call (the
# comparisons are in float64 either way)
_WORD_EDGES = np.array(M.WORD_BINS, dtype=float)
_STOP_EDGES = np.array(M.STOP_BINS, dtype=float)
_BRIEF_WORD_EDGES = np.array(M.BRIEF_WORD_BINS, dtype=float)
_POS_EDGES = np.array(M.POS_BINS, dtype=float)

_NB_PAD = max(map(abs, M.NEIGHBOUR_OFFSETS))   # stage 1's neighbour window (M._NB_NAMES is in that order)

_MAX_HIT_SUMS = 4096              # W.hit_sums starts over past this many (a long-running process)


def _hit_weights(W: Stage1Weights, blocks: list[Block], at: list[int]) -> list[float]:
    """For each block at the given indices, the sum of its rule-hit categories' weights (each
    category once, in sorted order), computed once per distinct list of hits (W.hit_sums)."""
    sums = W.hit_sums
    if len(sums) > _MAX_HIT_SUMS:
        sums.clear()
    out = []
    for i in at:
        key = tuple(blocks[i].hits)
        w = sums.get(key)
        if w is None:
            w = sums[key] = sum(W.hits.get(cat, 0.0) for cat in sorted({cat for cat, _ in key}))
        out.append(w)
    return out


def stage1_weights(m: "M.LogRegModel") -> Stage1Weights:
    w = m.weights.get

    def table(names):
        return np.array([w(n, 0.0) for n in names], dtype=float)

    flags = {n: w(n, 0.0) for n in ("end_term", "end_colon", "end_ellipsis", "cjk", "titlecase", "allcaps",
                                    "digits", "few_letters", "seps", "commas", "multi_sent", "url", "bullet",
                                    "alone", "long_para")}
    nb_words, nb_flags, nb_none = [], [], []
    for off, names, none_name in M._NB_NAMES:
        nb_words.append(table([names[x] for x in M._BRIEF_W_NAMES]))
        nb_flags.append((w(names["term"], 0.0), w(names["good"], 0.0), w(names["hit"], 0.0)))
        nb_none.append(w(none_name, 0.0))
    span = {n: w(n, 0.0) for n in ("span_in", "span_first", "span_last", "span_out_before", "span_out_after",
                                   "span_near", "first_block", "last_block", "h_score", "rel_len", "dup")}
    return Stage1Weights(m.bias, table(M._W_NAMES), table(M._SD_NAMES),
                         {jt: w(name, 0.0) for jt, name in M._JT_NAMES.items()}, flags,
                         {c: w(name, 0.0) for c, name in M._HIT_NAMES.items()},
                         tuple(nb_words), tuple(nb_flags), np.array(nb_none), table(M._POS_NAMES), span)


COLUMN_KEYS = ("chars", "words", "cjk", "stop_density", "ends_terminal", "ends_colon", "ends_ellipsis",
               "upper_ratio", "digit_ratio", "alpha_ratio", "caps_word_ratio", "separators", "commas",
               "sentences", "url", "email", "bullet", "para_size")
_ROW = itemgetter(*COLUMN_KEYS)


def page_columns(blocks: list[Block]) -> dict[str, np.ndarray]:
    """The blocks' numeric features as one float column per key (one C-level pass over the
    feature dicts; ints and bools are exact in float64)."""
    if not blocks:
        return {k: np.zeros(0) for k in COLUMN_KEYS}
    table = np.array(list(map(_ROW, (b.features for b in blocks))), dtype=float)
    return dict(zip(COLUMN_KEYS, table.T))


CONTEXT_KEYS = ("jt_code", "h_score", "hit")


def context_columns(blocks: list[Block], c: dict) -> dict:
    """`c` with the columns CONTEXT_KEYS: the jt class (index into classify.JT_CLASSES),
    h_score, whether the block has a rule hit. Taken as they are when classify.page_context put
    them there, else read from the blocks."""
    if all(k in c for k in CONTEXT_KEYS):
        return c
    n = len(blocks)
    fs = [b.features for b in blocks]
    code = {jt: i for i, jt in enumerate(JT_CLASSES)}
    return {**c, "jt_code": np.fromiter((code.get(f["jt"], -1) for f in fs), dtype=np.int64, count=n),
            "h_score": np.fromiter((f.get("h_score", 0.5) for f in fs), dtype=float, count=n),
            "hit": np.fromiter((bool(b.hits) for b in blocks), dtype=bool, count=n)}


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -35.0, 35.0)))


# The binary own features of stage 1 as rows of one comparison `column >= threshold` (one numpy
# call for all of them instead of three per feature): (column, threshold, weight name, sign).
# A feature defined by `<` is its row's complement: w * [x < t] = w - w * [x >= t] (sign -1:
# the weight is subtracted per block and added to the bias). The columns hold counts and 0/1
# flags, so `> 0` is `>= 0.5` and, paragraph sizes being at least 1, `== 1` is `< 2`. Rows after
# _S1_FLAGS are the second conditions of titlecase and allcaps, ANDed into their first rows.
_S1_ROWS = (("ends_terminal", 0.5, "end_term", 1), ("ends_colon", 0.5, "end_colon", 1),
            ("ends_ellipsis", 0.5, "end_ellipsis", 1), ("cjk", 0.5, "cjk", 1),
            ("caps_word_ratio", 0.7, "titlecase", 1), ("upper_ratio", 0.6, "allcaps", 1),
            ("digit_ratio", 0.25, "digits", 1), ("alpha_ratio", 0.5, "few_letters", -1),
            ("separators", 2, "seps", 1), ("commas", 2, "commas", 1), ("sentences", 2, "multi_sent", 1),
            ("url", 0.5, "url", 1), ("bullet", 0.5, "bullet", 1), ("para_size", 2, "alone", -1),
            ("para_size", 6, "long_para", 1))
_S1_FLAGS = len(_S1_ROWS)
_S1_THRESHOLDS = np.array([t for _, t, _, _ in _S1_ROWS] + [2, 1], dtype=float)[:, None]
_S1_NAMES = [name for _, _, name, _ in _S1_ROWS]
_S1_TITLECASE, _S1_ALLCAPS = _S1_NAMES.index("titlecase"), _S1_NAMES.index("allcaps")   # ANDed with words >= 2, >= 1
_S1_URL = _S1_NAMES.index("url")              # the url row reads url + email (either one)


def _flag_weights(W: "Stage1Weights") -> tuple[np.ndarray, float]:
    """The weight of each _S1_ROWS row (sign applied) and what the `<` rows add to the bias."""
    fl = W.flags
    w = np.array([sign * fl[name] for _, _, name, sign in _S1_ROWS])
    return w, float(sum(fl[name] for _, _, name, sign in _S1_ROWS if sign < 0))


def stage1_logits(W: Stage1Weights, blocks: list[Block], span: tuple[int, int] | None,
                  dups: set[int] | None = None, cols: dict | None = None) -> np.ndarray:
    """z of every block: the same sum as LogRegModel.predict(block_vectors(...)) computes (in
    another order: equal up to float rounding, tests/test_fastscore.py).

    Written with few numpy calls: a page has a few hundred blocks, and at that size each call's
    fixed cost, not the arithmetic, is most of the time."""
    n = len(blocks)
    c = context_columns(blocks, page_columns(blocks) if cols is None else cols)
    words, chars = c["words"], c["chars"]
    flag_w, flag_bias = W.flag_table
    # own text: the binned features, then every binary one by one comparison and one product
    z = W.words[_WORD_EDGES.searchsorted(words, side="left")]
    z += W.stop[_STOP_EDGES.searchsorted(c["stop_density"], side="left")]
    z += W.jt_table[c["jt_code"]]                       # code -1 reads the trailing 0.0
    rows = [c[key] for key, _, _, _ in _S1_ROWS]
    rows[_S1_URL] = c["url"] + c["email"]
    rows += (words, words)
    g = np.array(rows) >= _S1_THRESHOLDS                 # (rows, n) booleans
    g[_S1_TITLECASE] &= g[_S1_FLAGS]
    g[_S1_ALLCAPS] &= g[_S1_FLAGS + 1]
    z += np.dot(flag_w, g[:_S1_FLAGS])
    z += W.bias + flag_bias
    hit = c["hit"]
    at = hit.nonzero()[0]
    if len(at):
        z[at] += _hit_weights(W, blocks, at.tolist())
    # neighbours' summaries: each offset's table (its last entry: no neighbour there) read at the
    # summaries shifted by the offset, from one padded array
    good = c["jt_code"] == JT_CLASSES.index("good")
    brief_bin = _BRIEF_WORD_EDGES.searchsorted(words, side="left")
    pad = _NB_PAD
    summary = np.empty(n + 2 * pad, dtype=np.int64)
    summary.fill(W.nb_none_code)
    body = summary[pad:pad + n]
    body[:] = brief_bin * 8
    body += g[0] * 4 + good * 2
    body += hit
    for table, off in zip(W.nb_tables_padded, M.NEIGHBOUR_OFFSETS):
        z += table[summary[pad + off:pad + off + n]]
    # position and the heuristic span (s, e scalars: slices instead of comparisons per block)
    before = np.add.accumulate(chars)
    total = float(before[-1]) if n else 0.0
    before -= chars                                  # the characters before each block
    z += W.pos[_POS_EDGES.searchsorted(before / (total or 1.0), side="left")]
    s, e = span if span else (0, 0)
    sp = W.span
    if n:
        if e > s:
            zs = np.empty(n)
            zs[:s] = sp["span_out_before"]
            zs[s:e] = sp["span_in"]
            zs[e:] = sp["span_out_after"]
            if s < n:
                zs[s] += sp["span_first"]
            if e - 1 < n:
                zs[e - 1] += sp["span_last"]
            zs[max(s - 3, 0):s] += sp["span_near"]
            zs[e:e + 3] += sp["span_near"]
            z += zs
        else:                                        # no span: blocks before s, the rest after
            z[:s] += sp["span_out_before"]
            z[s:] += sp["span_out_after"]
        z[0] += sp["first_block"]
        z[n - 1] += sp["last_block"]
    z += (c["h_score"] - 0.5) * sp["h_score"]
    longest = float(np.maximum.reduce(chars)) if n else 1.0
    z += chars * (sp["rel_len"] / (longest or 1.0))
    if dups:
        z[sorted(dups)] += sp["dup"]
    return z


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.minimum(np.maximum(p, 1e-4), 1 - 1e-4)
    return np.log(p / (1 - p))


def _since_rows(out: np.ndarray, blocks: list[Block], hit: np.ndarray, idx: np.ndarray,
                first_sure: int = 0) -> None:
    """out[k] = how many blocks back the nearest earlier block with a rule hit of category
    M.SECTION_CATEGORIES[k] is (1 = the block just before), M.SECTION_FAR when there is none
    within that distance. Only the blocks with a hit are looked at. A heading before
    `first_sure` (the page's first block of sure content) is not counted: comments and the
    related-posts list follow the article; before it, a comments line is a toolbar link or counter
    ("Leave a comment", "Comments: 0") and a related heading heads a sidebar or a box above the
    article ("Most read", "More on this topic"), whose end the article's first lines are not."""
    at: dict[str, list[int]] = {cat: [] for cat in M.SECTION_CATEGORIES}
    for i in np.flatnonzero(hit).tolist():
        if i < first_sure:
            continue
        for cat, _ in blocks[i].hits:
            rows = at.get(cat)
            if rows is not None and (not rows or rows[-1] != i):     # each block once per category
                rows.append(i)
    for k, cat in enumerate(M.SECTION_CATEGORIES):
        rows = at[cat]
        if not rows:
            out[k] = M.SECTION_FAR
            continue
        a = np.array(rows, dtype=np.int64)
        j = np.searchsorted(a, idx, side="left")              # hits before block i: a[:j]
        since = np.where(j > 0, idx - a[np.maximum(j - 1, 0)], M.SECTION_FAR)
        out[k] = np.minimum(since, M.SECTION_FAR)


def _prefix_sums(values: np.ndarray) -> np.ndarray:
    """[0, values[0], values[0] + values[1], ...]: n + 1 running sums (np.cumsum's order)."""
    out = np.empty(len(values) + 1)
    out[0] = 0.0
    np.add.accumulate(values, out=out[1:])
    return out


def _shifts_into(rows: np.ndarray, values: np.ndarray, offsets: tuple, fill: float) -> None:
    """rows[j][i] = values[i + offsets[j]] where that exists, else fill, written in place: each
    row one slice copy out of one padded copy of the values."""
    n, pad = len(values), max(abs(o) for o in offsets)
    padded = np.empty(n + 2 * pad)
    padded.fill(fill)
    padded[pad:pad + n] = values
    for row, off in zip(rows, offsets):
        row[:] = padded[pad + off:pad + off + n]


def _window_max(p: np.ndarray, cw: int) -> tuple[np.ndarray, np.ndarray]:
    """The largest of the cw values before and after each position (0.0 past the page's ends).
    By doubling (a sparse table): the maxima over 2, 4, ... values, then a window as the larger of
    two overlapping spans; max is exact, so any grouping gives a sliding window's values."""
    n = len(p)
    padded = np.concatenate((np.zeros(cw), p, np.zeros(cw)))
    m, width = padded, 1                           # m[i] = max(padded[i:i + width])
    while 2 * width <= cw:
        m = np.maximum(m[:-width], m[width:])
        width *= 2
    window = np.maximum(m[:len(m) - (cw - width)], m[cw - width:])     # max(padded[i:i + cw])
    return window[:n], window[cw + 1:cw + 1 + n]


N_TREE_FEATURES = len(M.TREE_FEATURE_NAMES)


def tree_features(blocks: list[Block], p1: np.ndarray, span: tuple[int, int] | None,
                  dups: set[int] | None, cols: dict | None = None) -> np.ndarray:
    """The stage-2 tree ensemble's input, one row per block, columns M.TREE_FEATURE_NAMES: the
    block's stage-1 score beside its neighbours' and the page's (window, distance to sure content, mass),
    its own numeric features, where it sits (page, heuristic span), and its neighbours' length,
    end and rule hit. Every value is finite (NO_NEIGHBOUR past the page's ends). Training and
    run time both call this function.

    The matrix is filled feature by feature as the rows of its transpose (each feature one
    contiguous row, written in place), and returned as a transposed view: (blocks, features),
    Fortran-ordered, which TreeEnsemble.raw reads without a copy."""
    n = len(blocks)
    if not n:
        return np.zeros((0, N_TREE_FEATURES))
    c = context_columns(blocks, page_columns(blocks) if cols is None else cols)
    out = np.empty((N_TREE_FEATURES, n))
    idx = np.arange(n)
    nb = M.NO_NEIGHBOUR
    lg = out[0]
    lg[:] = _logit(p1)
    k = 1 + len(M.TREE_NEIGHBOURS)
    _shifts_into(out[1:k], lg, M.TREE_NEIGHBOURS, nb)
    chars = np.maximum(c["chars"], 1.0)
    good_mass = chars * p1
    cum_mass, cum_chars = _prefix_sums(good_mass), _prefix_sums(chars)
    cw = M.CONTEXT_WINDOW
    out[k], out[k + 1] = _window_max(p1, cw)
    lo, hi = np.maximum(0, idx - cw), np.minimum(n, idx + cw + 1)
    out[k + 2] = (cum_mass[hi] - cum_mass[lo]) / (cum_chars[hi] - cum_chars[lo])
    out[k + 3] = np.where(idx > lo, (cum_mass[idx] - cum_mass[lo]) / np.maximum(cum_chars[idx] - cum_chars[lo], 1.0), -1.0)
    out[k + 4] = np.where(hi > idx + 1, (cum_mass[hi] - cum_mass[idx + 1]) / np.maximum(cum_chars[hi] - cum_chars[idx + 1], 1.0), -1.0)
    sure = (p1 >= M.SURE_P).nonzero()[0]
    far = 64
    if len(sure):
        pos = np.searchsorted(sure, idx, side="left")
        right = np.where(pos < len(sure), np.abs(idx - sure[np.minimum(pos, len(sure) - 1)]), far)
        left = np.where(pos > 0, np.abs(idx - sure[np.maximum(pos - 1, 0)]), far)
        out[k + 5] = np.minimum(np.minimum(left, right), far)
    else:
        out[k + 5] = far
    total_good = float(cum_mass[-1]) or 1.0
    before = cum_mass[:-1]
    out[k + 6] = before / total_good
    # what follows the block, as a difference of two prefix sums: exactly 0.0 after the last
    # block and never negative (total - before - own could come out as -3e-17, and a tree
    # split between 0 and the next value sends that block the other way than the reference)
    out[k + 7] = (cum_mass[-1] - cum_mass[1:]) / total_good
    out[k + 8] = cum_mass[-1] / (float(cum_chars[-1]) or 1.0)
    k += 9
    # the block's own numbers
    out[k] = np.log1p(c["chars"])
    log_words = out[k + 1]
    log_words[:] = np.log1p(c["words"])
    for j, key in enumerate(_OWN_TREE_KEYS, start=k + 2):
        out[j] = c[key]
    k += 2 + len(_OWN_TREE_KEYS)
    out[k] = np.maximum(c["url"], c["email"])
    out[k + 1] = c["bullet"]
    out[k + 2] = np.minimum(c["para_size"], 20)
    jt = c["jt_code"]
    out[k + 3] = jt
    out[k + 4] = c["h_score"]
    hit = out[k + 5]
    hit[:] = c["hit"]
    dup = out[k + 6]
    dup[:] = 0.0
    if dups:
        dup[sorted(dups)] = 1.0
    k += 7
    # where the block sits
    s, e = span if span else (0, 0)
    out[k] = cum_chars[:-1] / (float(cum_chars[-1]) or 1.0)
    out[k + 1] = idx / n
    out[k + 2] = (idx >= s) & (idx < e)
    out[k + 3] = np.where(idx < s, s - idx, 0)
    out[k + 4] = np.where(idx >= e, idx - e + 1, 0)
    out[k + 5] = c["chars"] / (float(np.maximum.reduce(c["chars"])) or 1.0)
    out[k + 6] = np.log1p(n)              # (numpy's log1p: libm's can differ in the last bit)
    k += 7
    # the neighbours
    _shifts_into(out[k:k + 4], log_words, (-2, -1, 1, 2), nb)
    k += 4
    term = c["ends_terminal"]
    _shifts_into(out[k:k + 2], term, (-1, 1), nb)
    _shifts_into(out[k + 2:k + 4], hit, (-1, 1), nb)
    change = (jt[1:] != jt[:-1]).nonzero()[0]           # runs of blocks of the same jt class
    bounds = np.empty(len(change) + 2, dtype=np.int64)   # where each run starts, then n
    bounds[0], bounds[-1] = 0, n
    np.add(change, 1, out=bounds[1:-1])
    run_len = bounds[1:] - bounds[:-1]
    out[k + 4] = np.minimum(np.repeat(run_len, run_len), 50)
    k += 5
    _since_rows(out[k:k + len(M.SECTION_CATEGORIES)], blocks, c["hit"], idx, int(sure[0]) if len(sure) else n)
    k += len(M.SECTION_CATEGORIES)
    out[k] = _topic_overlap(blocks, p1, c["cjk"])
    if k + 1 != N_TREE_FEATURES:                        # every row written (np.empty above)
        raise AssertionError("tree_features wrote a different number of rows than TREE_FEATURE_NAMES")
    return out.T


_TOPIC_LETTER = re.compile(r"[^\W\d_]")      # topic words: runs of 4+ of these characters
_TOPIC_MIN_LETTERS = 4
# _TOPIC_LETTER per code point, filled in as pages bring new characters: 0 not looked up yet,
# 1 not a letter, 2 a letter (np.zeros leaves the table's memory untouched until it is used)
_LETTER_CODE = np.zeros(0x110000, dtype=np.int8)


def _letter_codes(cp: np.ndarray) -> np.ndarray:
    """_LETTER_CODE of each code point (1 or 2). Characters not seen before are looked up with the
    regex itself, so the class is exactly the regex's."""
    codes = _LETTER_CODE.take(cp)
    if not codes.all():
        for c in np.unique(cp[codes == 0]).tolist():
            _LETTER_CODE[c] = 2 if _TOPIC_LETTER.match(chr(c)) else 1
        codes = _LETTER_CODE.take(cp)
    return codes


def _joined_code_points(texts: list[str]) -> np.ndarray:
    """The code points of the texts joined by "\n" (a lone surrogate is one: surrogatepass)."""
    return np.frombuffer("\n".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _topic_words(norms: list[str]) -> tuple[list[str], np.ndarray]:
    """The topic words of every text in order (what re.findall of _TOPIC_LETTER runs of
    _TOPIC_MIN_LETTERS or more gives text by text), and the index of the text of each word.

    One pass over the page instead of a regex per text (the regex engine tests its character
    class slowly, and each call has a fixed cost): the runs are found with numpy in the code points
    of the texts joined by "\n" (not a letter: no run crosses two texts), every character outside
    a long run becomes a space, and str.split cuts out the words (no letter is whitespace)."""
    cp = _joined_code_points(norms)
    codes = np.ones(len(cp) + 2, dtype=np.int8)          # a non-letter before and after the text
    codes[1:-1] = _letter_codes(cp)
    edges = np.flatnonzero(codes[1:] != codes[:-1])       # each run's start, then its end
    starts, ends = edges[0::2], edges[1::2]
    long = ends - starts >= _TOPIC_MIN_LETTERS
    starts, ends = starts[long], ends[long]
    inside = np.zeros(len(cp) + 1, dtype=np.int8)         # +1 where a long run starts, -1 after it
    inside[starts] = 1
    inside[ends] = -1
    inside = inside.cumsum(dtype=np.int8)[:-1].view(bool)  # runs are apart: the sums are 0 or 1
    kept = np.where(inside, cp, np.uint32(32))
    words = kept.tobytes().decode("utf-32-le").split()
    text_end = np.cumsum(np.fromiter(map(len, norms), dtype=np.int64, count=len(norms)) + 1)
    return words, np.searchsorted(text_end, starts, side="right")


def _topic_overlap(blocks: list[Block], p1: np.ndarray, cjk: np.ndarray) -> np.ndarray:
    """Lexical cohesion with the page's sure content: the share of a block's distinct words (4+
    letters, normalised text) that occur in some OTHER block whose stage-1 score is >= SURE_P.
    A teaser of another story shares few words with the article; a list line inside it, many.
    -1 for a block without such words or in a CJK script (no word boundaries to count).

    Counted with numpy over the distinct (block, word) pairs, the words numbered by a dict in one
    C-level pass; or, when extractor._speedups is built (trees.USE_C), by its topic_overlap: the
    same runs over the same letter table, each pair once, the same counts. A share is an int /
    int division as in Python: the same correctly rounded float."""
    n = len(blocks)
    out = np.full(n, -1.0)
    norms = [b.features["norm"] for b in blocks]
    if trees.USE_C and trees._speedups is not None and n:
        # the same count in C (extractor/_speedups.c): the runs of the joined text's letters, each
        # distinct (block, word) pair once, over the same letter table
        cp = _joined_code_points(norms)
        trees._speedups.topic_overlap(cp, _letter_codes(cp), np.fromiter(map(len, norms), dtype=np.int64, count=n),
                                      (p1 >= M.SURE_P).view(np.uint8), np.ascontiguousarray(cjk, dtype=np.float64),
                                      _TOPIC_MIN_LETTERS, out)
        return out
    words, owner = _topic_words(norms)
    k = len(words)
    if not k:
        return out
    first_seen: dict[str, int] = {}                      # word -> index of its first occurrence
    word_id = np.fromiter(map(first_seen.setdefault, words, count()), dtype=np.int64, count=k)
    pair = owner * k + word_id
    pair.sort()
    new = np.empty(k, dtype=bool)
    new[0] = True
    np.not_equal(pair[1:], pair[:-1], out=new[1:])
    blk, word = np.divmod(pair[new], k)                  # each distinct (block, word) once
    sure = (p1 >= M.SURE_P)[blk]
    in_sure = np.bincount(word[sure], minlength=k)      # sure blocks that have the word
    shared = in_sure[word] > sure                       # ... other than the pair's own block
    distinct = np.bincount(blk, minlength=n)
    np.divide(np.bincount(blk[shared], minlength=n), distinct, out=out, where=(distinct > 0) & (cjk == 0))
    return out


# the tree features copied from the page's columns as they are, in TREE_FEATURE_NAMES order
_OWN_TREE_KEYS = ("stop_density", "ends_terminal", "ends_colon", "ends_ellipsis", "cjk", "upper_ratio",
                  "digit_ratio", "alpha_ratio", "caps_word_ratio", "separators", "commas", "sentences")
