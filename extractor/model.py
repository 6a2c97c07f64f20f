"""The learned block classifier, evaluated without any training library.

Two stages. Stage 1 is a logistic regression over a sparse feature vector per block: the block's
own heuristic features (binned, so that a linear model can bend), its rule-pack hits by category,
the same summarised for the neighbours at -2..+2, and where the block sits relative to the
heuristic main-content span (a first, rule-and-heuristic pass of the context stage). Stage 2 is a
gradient-boosted tree ensemble (trees.py) over dense features of the page around the block
(TREE_FEATURE_NAMES: the stage-1 scores of the neighbours and of a window, the distance to sure
content, where the content mass lies, the block's own numbers; fastscore.tree_features). It is
stored as data, extractor/data/model.json:

    {"schema": 1, "kind": "stacked_gbdt",
     "stage1": {"kind": "logreg", "features": [names...], "weights": [...], "bias": b, ...},
     "stage2": {"kind": "gbdt", "features": [names...], "baseline": b, "depth": d, "roots": [...],
                "feature": [...], "threshold": [...], "left": [...], "value": [...]},
     "thresholds": {"precision": t, "balanced": t, "recall": t}, "data_hash": "...",
     "cv": {...cross-validated figures...}, "created_by": "extractor train"}

No pickle: the file is plain JSON, checked against FEATURE_NAMES / TREE_FEATURE_NAMES when loaded
(ModelError when it does not match). `extractor train` rebuilds it (see train.py).
"""
from __future__ import annotations

import json
import math
from bisect import bisect_left
from itertools import repeat
from operator import mul
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .errors import ModelError
from .types import Block

if TYPE_CHECKING:
    from .trees import TreeEnsemble

SCHEMA_VERSION = 1
CATEGORIES = ("nav", "donation", "adblock", "license", "paywall", "cookie", "share", "related",
              "caption", "widget", "feedback", "comments", "byline", "learned")
WORD_BINS = (1, 2, 3, 5, 8, 12, 20, 35, 60, 120)
STOP_BINS = (0.05, 0.15, 0.25, 0.35, 0.45)
POS_BINS = (0.05, 0.15, 0.3, 0.5, 0.7, 0.85, 0.95)
NEIGHBOUR_OFFSETS = (-2, -1, 1, 2)


def _bin(value: float, edges: tuple) -> int:
    """Index of the first edge >= value (len(edges) when none is; edges ascending)."""
    if value != value:                     # NaN compares false with every edge
        return len(edges)
    return bisect_left(edges, value)


# Feature names, built once (the per-block code indexes these tables instead of formatting).
_W_NAMES = tuple(f"w{i}" for i in range(len(WORD_BINS) + 1))
_SD_NAMES = tuple(f"sd{i}" for i in range(len(STOP_BINS) + 1))
_JT_NAMES = {jt: f"jt_{jt}" for jt in ("short", "neargood", "good", "bad")}
_HIT_NAMES = {c: f"hit_{c}" for c in CATEGORIES}
BRIEF_WORD_BINS = (3, 12, 35)
_BRIEF_W_NAMES = tuple(f"w{i}" for i in range(len(BRIEF_WORD_BINS) + 1))


def _own(f: dict, hits) -> list[str]:
    """Active binary features of a block's own text (names, weight 1)."""
    jt = f["jt"]
    out = [_W_NAMES[_bin(f["words"], WORD_BINS)], _SD_NAMES[_bin(f["stop_density"], STOP_BINS)],
           _JT_NAMES.get(jt) or f"jt_{jt}"]
    if f["ends_terminal"]:
        out.append("end_term")
    if f["ends_colon"]:
        out.append("end_colon")
    if f["ends_ellipsis"]:
        out.append("end_ellipsis")
    if f["cjk"]:
        out.append("cjk")
    if f["caps_word_ratio"] >= 0.7 and f["words"] >= 2:
        out.append("titlecase")
    if f["upper_ratio"] >= 0.6 and f["words"] >= 1:
        out.append("allcaps")
    if f["digit_ratio"] >= 0.25:
        out.append("digits")
    if f["alpha_ratio"] < 0.5:
        out.append("few_letters")
    if f["separators"] >= 2:
        out.append("seps")
    if f["commas"] >= 2:
        out.append("commas")
    if f["sentences"] >= 2:
        out.append("multi_sent")
    if f["url"] or f["email"]:
        out.append("url")
    if f["bullet"]:
        out.append("bullet")
    if f["para_size"] == 1:
        out.append("alone")
    elif f["para_size"] >= 6:
        out.append("long_para")
    for cat, _ in hits:
        out.append(_HIT_NAMES.get(cat) or f"hit_{cat}")
    return out


def _brief(f: dict, hits) -> list[str]:
    """The summary of a neighbour that the window features use."""
    out = [_BRIEF_W_NAMES[_bin(f["words"], BRIEF_WORD_BINS)]]
    if f["ends_terminal"]:
        out.append("term")
    if f["jt"] == "good":
        out.append("good")
    if hits:
        out.append("hit")
    return out


def feature_names() -> list[str]:
    own = [f"w{i}" for i in range(len(WORD_BINS) + 1)] + [f"sd{i}" for i in range(len(STOP_BINS) + 1)]
    own += ["jt_short", "jt_neargood", "jt_good", "jt_bad", "end_term", "end_colon", "end_ellipsis",
            "cjk", "titlecase", "allcaps", "digits", "few_letters", "seps", "commas", "multi_sent",
            "url", "bullet", "alone", "long_para"] + [f"hit_{c}" for c in CATEGORIES]
    brief = [f"w{i}" for i in range(4)] + ["term", "good", "hit"]
    names = own[:]
    for off in NEIGHBOUR_OFFSETS:
        names += [f"n{off:+d}_{b}" for b in brief] + [f"n{off:+d}_none"]
    names += [f"pos{i}" for i in range(len(POS_BINS) + 1)]
    names += ["span_in", "span_first", "span_last", "span_out_before", "span_out_after",
              "span_near", "first_block", "last_block", "h_score", "rel_len", "dup"]
    return names


FEATURE_NAMES = tuple(feature_names())

# --- stage 2: the page as a sequence of stage-1 scores ----------------------------------------
CONTEXT_WINDOW = 6               # blocks each side for the window max / mean
SURE_P = 0.8                     # "sure content" for the distance feature

# dense numeric features of a tree ensemble (fastscore.tree_features computes them)
# rule categories that head a section of furniture (a comments or related-posts heading): the
# trees see how many blocks back the last such hit is (a heading before the page's first sure
# content, a toolbar link or a sidebar box above the article, is not counted: fastscore._since_rows)
SECTION_CATEGORIES = ("comments", "related")
SECTION_FAR = 64
NO_NEIGHBOUR = -12.0             # a neighbour's logit / length / flag when the page has none there
TREE_NEIGHBOURS = (-3, -2, -1, 1, 2, 3)


def tree_feature_names() -> list[str]:
    names = ["logit"] + [f"c{off:+d}_logit" for off in TREE_NEIGHBOURS]
    names += ["win_max_before", "win_max_after", "win_mean", "win_mean_before", "win_mean_after",
              "dist_sure", "mass_before", "mass_after", "doc_good"]
    names += ["log_chars", "log_words", "stop_density", "ends_terminal", "ends_colon", "ends_ellipsis", "cjk",
              "upper_ratio", "digit_ratio", "alpha_ratio", "caps_word_ratio", "separators", "commas",
              "sentences", "url", "bullet", "para_size", "jt", "h_score", "hit", "dup"]
    names += ["pos_chars", "pos_index", "span_in", "span_before", "span_after", "rel_len", "log_blocks"]
    names += [f"n{off:+d}_log_words" for off in (-2, -1, 1, 2)]
    names += ["n-1_term", "n+1_term", "n-1_hit", "n+1_hit", "jt_run"]
    names += [f"since_{cat}" for cat in SECTION_CATEGORIES]
    names += ["topic_overlap"]
    return names


TREE_FEATURE_NAMES = tuple(tree_feature_names())


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


_BRIEF_NAMES = _BRIEF_W_NAMES + ("term", "good", "hit")
# per neighbour offset: (offset, {brief name: "n{off}_{name}"}, "n{off}_none")
_NB_NAMES = tuple((off, {name: f"n{off:+d}_{name}" for name in _BRIEF_NAMES}, f"n{off:+d}_none")
                  for off in NEIGHBOUR_OFFSETS)
_POS_NAMES = tuple(f"pos{i}" for i in range(len(POS_BINS) + 1))


def block_vectors(blocks: list[Block], span: tuple[int, int] | None, dups: set[int] | None = None) -> list[dict[str, float]]:
    """Sparse feature vectors {name: value} for every block of a document."""
    n = len(blocks)
    own = [_own(b.features, b.hits) for b in blocks]
    # each block's brief, prefixed for every neighbour offset (few distinct briefs: cached)
    prefixed: dict[tuple, tuple] = {}
    nb = []
    for names in (_brief(b.features, b.hits) for b in blocks):
        key = tuple(names)
        p = prefixed.get(key)
        if p is None:
            p = prefixed[key] = tuple(tuple(table.get(x) or f"n{off:+d}_{x}" for x in key)
                                      for off, table, _ in _NB_NAMES)
        nb.append(p)
    total = sum(b.features["chars"] for b in blocks) or 1
    longest = max((b.features["chars"] for b in blocks), default=1) or 1
    s, e = span if span else (0, 0)
    vecs = []
    cum = 0
    for i, b in enumerate(blocks):
        f = b.features
        names = own[i]                   # binary features (value 1.0), in insertion order
        for k, (off, _, none_name) in enumerate(_NB_NAMES):
            j = i + off
            if 0 <= j < n:
                names += nb[j][k]
            else:
                names.append(none_name)
        names.append(_POS_NAMES[_bin(cum / total, POS_BINS)])
        cum += f["chars"]
        if s <= i < e:
            names.append("span_in")
            if i == s:
                names.append("span_first")
            if i == e - 1:
                names.append("span_last")
        elif i < s:
            names.append("span_out_before")
        else:
            names.append("span_out_after")
        if e > s and (s - 3 <= i < s or e <= i < e + 3):
            names.append("span_near")
        if i == 0:
            names.append("first_block")
        if i == n - 1:
            names.append("last_block")
        v = dict.fromkeys(names, 1.0)
        v["h_score"] = f.get("h_score", 0.5) - 0.5
        v["rel_len"] = f["chars"] / longest
        if dups and i in dups:
            v["dup"] = 1.0
        vecs.append(v)
    return vecs


@dataclass(frozen=True)
class LogRegModel:
    weights: dict[str, float]
    bias: float
    thresholds: dict[str, float]
    meta: dict

    def predict(self, vecs: list[dict[str, float]]) -> list[float]:
        get, bias, out = self.weights.get, self.bias, []
        for v in vecs:
            # sum(w.get(k, 0.0) * x for k, x in v.items()), without the generator (same order)
            z = bias + sum(map(mul, map(get, v, repeat(0.0)), v.values()))
            out.append(1.0 / (1.0 + math.exp(-max(min(z, 35.0), -35.0))))
        return out

    def score(self, blocks: list[Block], vecs: list[dict[str, float]]) -> list[float]:
        return self.predict(vecs)

    def to_json(self, names=FEATURE_NAMES) -> dict:
        names = list(names)
        return {"schema": SCHEMA_VERSION, "kind": "logreg", "features": names,
                "weights": [round(self.weights.get(k, 0.0), 6) for k in names], "bias": round(self.bias, 6),
                "thresholds": self.thresholds, **self.meta}

    @classmethod
    def from_json(cls, d: dict, expected=FEATURE_NAMES) -> "LogRegModel":
        if d.get("schema") != SCHEMA_VERSION or d.get("kind") != "logreg":
            raise ModelError(f"model schema {d.get('schema')!r}/{d.get('kind')!r} is not {SCHEMA_VERSION}/logreg")
        names = d.get("features")
        if list(names or ()) != list(expected):
            missing = set(expected) ^ set(names or ())
            raise ModelError(f"model features do not match this version's feature list (differ: {sorted(missing)[:8]})")
        w = {k: float(x) for k, x in zip(names, d["weights"]) if x}
        meta = {k: v for k, v in d.items() if k not in ("schema", "kind", "features", "weights", "bias", "thresholds")}
        return cls(w, float(d["bias"]), {k: float(v) for k, v in d["thresholds"].items()}, meta)


@dataclass(frozen=True)
class StackedModel:
    """Stage 1 scores each block from its own and its neighbours' features (a logistic
    regression); stage 2 re-scores it from the page's sequence of stage-1 scores (a learned,
    sequence-aware smoothing): a gradient-boosted tree ensemble over TREE_FEATURE_NAMES."""
    stage1: LogRegModel
    stage2: "TreeEnsemble"
    thresholds: dict[str, float]
    meta: dict

    KIND = "stacked_gbdt"

    def score(self, blocks: list[Block], vecs: list[dict[str, float]],
              span: tuple[int, int] | None = None, dups: set[int] | None = None) -> list[float]:
        """Reference path, from block_vectors (what training sees); stage 2 also reads the
        heuristic span and the repeated blocks that the vectors were built with."""
        import numpy as np
        from . import fastscore
        p1 = self.stage1.predict(vecs)
        for b, p in zip(blocks, p1):
            b.features["p1"] = p          # the block's own evidence, read by the context stage
        z = self.stage2.raw(fastscore.tree_features(blocks, np.array(p1, dtype=float), span, dups))
        return fastscore.sigmoid(z).tolist()

    @cached_property
    def _fast(self):
        from . import fastscore
        return fastscore.stage1_weights(self.stage1)

    def score_page(self, blocks: list[Block], span: tuple[int, int] | None, dups: set[int] | None,
                   cols: dict | None = None) -> list[float]:
        """Run-time path: the same two stages evaluated column-wise (fastscore.py), equal to
        score(blocks, block_vectors(blocks, span, dups), span, dups) up to summation order."""
        p1, scores = self.score_page_arrays(blocks, span, dups, cols)
        for b, p in zip(blocks, p1.tolist()):
            b.features["p1"] = p
        return scores.tolist()

    def score_page_arrays(self, blocks: list[Block], span: tuple[int, int] | None, dups: set[int] | None,
                          cols: dict | None = None):
        """score_page() as arrays (stage-1 scores, final scores), without writing the stage-1
        scores to the blocks' features (the caller does: classify writes them with the labels)."""
        from . import fastscore
        if cols is None:
            cols = fastscore.page_columns(blocks)
        p1 = fastscore.sigmoid(fastscore.stage1_logits(self._fast, blocks, span, dups, cols))
        return p1, fastscore.sigmoid(self.stage2.raw(fastscore.tree_features(blocks, p1, span, dups, cols)))

    def to_json(self) -> dict:
        return {"schema": SCHEMA_VERSION, "kind": self.KIND,
                "stage1": self.stage1.to_json(FEATURE_NAMES), "stage2": {"schema": SCHEMA_VERSION, **self.stage2.to_json()},
                "thresholds": self.thresholds, **self.meta}

    @classmethod
    def from_json(cls, d: dict) -> "StackedModel":
        if d.get("schema") != SCHEMA_VERSION or d.get("kind") != cls.KIND:
            raise ModelError(f"model schema {d.get('schema')!r}/{d.get('kind')!r} is not {SCHEMA_VERSION}/{cls.KIND}")
        from .trees import TreeEnsemble
        meta = {k: v for k, v in d.items() if k not in ("schema", "kind", "stage1", "stage2", "thresholds")}
        return cls(LogRegModel.from_json(d["stage1"], FEATURE_NAMES), TreeEnsemble.from_json(d["stage2"], TREE_FEATURE_NAMES),
                   {k: float(v) for k, v in d["thresholds"].items()}, meta)


MODEL_RESOURCE = "model.json"


def load_model(path=None) -> "LogRegModel | StackedModel":
    try:
        if path is None:
            text = resources.files("extractor").joinpath("data", MODEL_RESOURCE).read_text(encoding="utf-8")
        else:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        d = json.loads(text)
        return StackedModel.from_json(d) if d.get("kind") == StackedModel.KIND else LogRegModel.from_json(d)
    except ModelError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ModelError(f"cannot load model {path or 'extractor/data/model.json'}: {e}") from None


@lru_cache(maxsize=1)
def shipped_model() -> "LogRegModel | StackedModel | None":
    """The model shipped with the package, or None when the package has none (heuristics only)."""
    if not resources.files("extractor").joinpath("data", MODEL_RESOURCE).is_file():
        return None
    return load_model()
