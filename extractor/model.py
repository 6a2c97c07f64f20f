"""The learned block classifier, evaluated without any training library.

The model is a logistic regression over a sparse feature vector per block: the block's own
heuristic features (binned, so that a linear model can bend), its rule-pack hits by category,
the same summarised for the neighbours at -2..+2, and where the block sits relative to the
heuristic main-content span (a first, rule-and-heuristic pass of the context stage). It is
stored as data, extractor/data/model.json:

    {"schema": 1, "kind": "logreg", "features": [names...], "weights": [...], "bias": b,
     "thresholds": {"precision": t, "balanced": t, "recall": t}, "data_hash": "...",
     "cv": {...cross-validated figures...}, "created_by": "extractor train"}

No pickle: the file is plain JSON, checked against FEATURE_NAMES when loaded (ModelError when
it does not match). `extractor train` rebuilds it (see train.py).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .errors import ModelError
from .types import Block

SCHEMA_VERSION = 1
CATEGORIES = ("nav", "donation", "adblock", "license", "paywall", "cookie", "share", "related",
              "caption", "widget", "feedback", "comments", "byline", "learned")
WORD_BINS = (1, 2, 3, 5, 8, 12, 20, 35, 60, 120)
STOP_BINS = (0.05, 0.15, 0.25, 0.35, 0.45)
POS_BINS = (0.05, 0.15, 0.3, 0.5, 0.7, 0.85, 0.95)
NEIGHBOUR_OFFSETS = (-2, -1, 1, 2)


def _bin(value: float, edges: tuple) -> int:
    for i, e in enumerate(edges):
        if value <= e:
            return i
    return len(edges)


def _own(f: dict, hits) -> list[str]:
    """Active binary features of a block's own text (names, weight 1)."""
    out = [f"w{_bin(f['words'], WORD_BINS)}", f"sd{_bin(f['stop_density'], STOP_BINS)}", f"jt_{f['jt']}"]
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
        out.append(f"hit_{cat}")
    return out


def _brief(f: dict, hits) -> list[str]:
    """The summary of a neighbour that the window features use."""
    out = [f"w{_bin(f['words'], (3, 12, 35))}"]
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


def block_vectors(blocks: list[Block], span: tuple[int, int] | None, dups: set[int] | None = None) -> list[dict[str, float]]:
    """Sparse feature vectors {name: value} for every block of a document."""
    n = len(blocks)
    own = [_own(b.features, b.hits) for b in blocks]
    brief = [_brief(b.features, b.hits) for b in blocks]
    total = sum(b.features["chars"] for b in blocks) or 1
    longest = max((b.features["chars"] for b in blocks), default=1) or 1
    s, e = span if span else (0, 0)
    vecs = []
    cum = 0
    for i, b in enumerate(blocks):
        v = dict.fromkeys(own[i], 1.0)
        for off in NEIGHBOUR_OFFSETS:
            j = i + off
            if 0 <= j < n:
                for name in brief[j]:
                    v[f"n{off:+d}_{name}"] = 1.0
            else:
                v[f"n{off:+d}_none"] = 1.0
        v[f"pos{_bin(cum / total, POS_BINS)}"] = 1.0
        cum += b.features["chars"]
        if s <= i < e:
            v["span_in"] = 1.0
            if i == s:
                v["span_first"] = 1.0
            if i == e - 1:
                v["span_last"] = 1.0
        elif i < s:
            v["span_out_before"] = 1.0
        else:
            v["span_out_after"] = 1.0
        if e > s and (s - 3 <= i < s or e <= i < e + 3):
            v["span_near"] = 1.0
        if i == 0:
            v["first_block"] = 1.0
        if i == n - 1:
            v["last_block"] = 1.0
        v["h_score"] = b.features.get("h_score", 0.5) - 0.5
        v["rel_len"] = b.features["chars"] / longest
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
        w, out = self.weights, []
        for v in vecs:
            z = self.bias + sum(w.get(k, 0.0) * x for k, x in v.items())
            out.append(1.0 / (1.0 + math.exp(-max(min(z, 35.0), -35.0))))
        return out

    def to_json(self) -> dict:
        names = list(FEATURE_NAMES)
        return {"schema": SCHEMA_VERSION, "kind": "logreg", "features": names,
                "weights": [round(self.weights.get(k, 0.0), 6) for k in names], "bias": round(self.bias, 6),
                "thresholds": self.thresholds, **self.meta}

    @classmethod
    def from_json(cls, d: dict) -> "LogRegModel":
        if d.get("schema") != SCHEMA_VERSION or d.get("kind") != "logreg":
            raise ModelError(f"model schema {d.get('schema')!r}/{d.get('kind')!r} is not {SCHEMA_VERSION}/logreg")
        names = d.get("features")
        if list(names or ()) != list(FEATURE_NAMES):
            missing = set(FEATURE_NAMES) ^ set(names or ())
            raise ModelError(f"model features do not match this version's feature list (differ: {sorted(missing)[:8]})")
        w = {k: float(x) for k, x in zip(names, d["weights"]) if x}
        meta = {k: v for k, v in d.items() if k not in ("schema", "kind", "features", "weights", "bias", "thresholds")}
        return cls(w, float(d["bias"]), {k: float(v) for k, v in d["thresholds"].items()}, meta)


MODEL_RESOURCE = "model.json"


def load_model(path=None) -> LogRegModel:
    try:
        if path is None:
            text = resources.files("extractor").joinpath("data", MODEL_RESOURCE).read_text(encoding="utf-8")
        else:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        return LogRegModel.from_json(json.loads(text))
    except ModelError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ModelError(f"cannot load model {path or 'extractor/data/model.json'}: {e}") from None


@lru_cache(maxsize=1)
def shipped_model() -> LogRegModel | None:
    """The model shipped with the package, or None when the package has none (heuristics only)."""
    if not resources.files("extractor").joinpath("data", MODEL_RESOURCE).is_file():
        return None
    return load_model()
