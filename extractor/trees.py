"""A gradient-boosted tree ensemble stored as data and evaluated with numpy, without the training
library.

The training code (train.py, scikit-learn's HistGradientBoostingClassifier) exports the fitted
trees to plain arrays; here every block of a page descends every tree at once:

    node[t, i]  = the node block i has reached in tree t (all start at their tree's root)
    one level:  x = X[i, feature[node]];  node = left[node] + (x > threshold[node])

The export numbers each split's right child right after its left child (right = left + 1), so a
comparison picks the child without a second lookup; a leaf is its own left child with threshold
+inf, so blocks that reached a leaf stay there while the deepest trees finish. After `depth`
levels every block sits on a leaf of every tree; its raw score (a logit) is the baseline plus the
sum of its leaves' values.

Where a C compiler was at hand at install time, setup.py builds extractor/_speedups.c, the same walk
in C (each tree level by level over all blocks, the leaf values summed tree by tree: the same
floats as the numpy walk, tests/test_trees.py), and raw() uses it for pages of two or more
blocks; without it raw() walks with numpy as below. USE_C = False turns it off.

Inputs must be finite (the feature code writes sentinels, never NaN), so the missing-value
routing of the training library never applies; a test checks equality with scikit-learn's own
prediction on real pages.

JSON form: {"kind": "gbdt", "features": [...], "baseline": b, "depth": d, "roots": [...],
"feature": [...], "threshold": [...], "left": [...], "value": [...]} (flat node arrays over all
trees; threshold null for a leaf).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .errors import ModelError

try:                       # optional C versions of hot loops (setup.py builds them where a compiler is at hand)
    from . import _speedups
except ImportError:        # pragma: no cover - an install without a compiler
    _speedups = None

USE_C = True               # the C versions (raw(), fastscore._topic_overlap) when built: the same floats


@dataclass(frozen=True, eq=False)
class TreeEnsemble:
    features: tuple[str, ...]
    baseline: float
    depth: int
    roots: np.ndarray          # (trees,) node index of each tree's root
    feature: np.ndarray        # (nodes,) column read at the node (0 for a leaf)
    threshold: np.ndarray      # (nodes,) go right when x > threshold (+inf for a leaf)
    left: np.ndarray           # (nodes,) left child (right child = left + 1); a leaf: itself
    value: np.ndarray          # (nodes,) leaf value (0 for a split)

    @property
    def n_trees(self) -> int:
        return len(self.roots)

    def raw(self, X: np.ndarray) -> np.ndarray:
        """The ensemble's logit for every row of X (rows: blocks, columns: self.features)."""
        n = X.shape[0]
        if n == 0:
            return np.zeros(0)
        if X.shape[1] < self.columns:
            raise IndexError(f"the trees read column {self.columns - 1}, X has {X.shape[1]} columns")
        if USE_C and _speedups is not None and n > 1:
            # (one block: numpy sums its (trees, 1) leaf values pairwise, not tree by tree, so the
            # C sum could differ in the last bit; such a page is cheap to walk with numpy)
            return self._raw_c(X)
        levels = self._levels
        if levels is None:
            return self._raw_walk(X)
        # the features as rows (a view when X is the transpose of a C-ordered array, as
        # fastscore.tree_features returns it)
        XT = np.ascontiguousarray(X.T, dtype=np.float64)
        # with that, every index below is in range (check(), _Levels.build): mode="clip" never
        # has anything to clip, and skips the bounds check of the default mode="raise"
        # the top levels by selection (_Levels): each candidate node's decision for every block,
        # then the one on the block's path, picked by the decisions so far (the latest first)
        taken = []                                            # (decision, its negation) per level
        for candidates in levels.top:
            d = [XT.take(feature, axis=0, mode="clip") > threshold for feature, threshold in candidates]
            for c, not_c in reversed(taken):
                d = [(not_c & d[j]) | (c & d[j + 1]) for j in range(0, len(d), 2)]
            taken.append((d[0], ~d[0]))
        # tree * 2**top + path so far: the path summed in uint8 (same-type operations on one-byte
        # elements), then one conversion; bool * int and int64 + bool would each cast per element
        path = taken[0][0].view(np.uint8).copy()
        for c, _ in taken[1:]:
            path += path
            path += c.view(np.uint8)
        code = path.astype(np.int64)
        code += levels.tree_code
        # each block's column as a full (trees, n) array: a same-shape add is cheaper than a
        # broadcast one at every level
        flat, cols = XT.ravel(), np.repeat(np.arange(n, dtype=np.int64)[None, :], len(code), axis=0)
        for feature, threshold in levels.deeper:
            at = (feature * n).take(code, mode="clip")         # offset of the node's feature row
            at += cols
            right = flat.take(at, mode="clip") > threshold.take(code, mode="clip")
            code += code                                      # code * 2 + right
            code += right
        return self.baseline + levels.value.take(code, mode="clip").sum(axis=0)

    def _raw_c(self, X: np.ndarray) -> np.ndarray:
        """raw() by the C walk (extractor/_speedups.c): the same descent and the same sum, in order."""
        out = np.empty(X.shape[0])
        _speedups.raw(np.ascontiguousarray(X.T, dtype=np.float64), *self._c_arrays, self.depth, self.baseline, out)
        return out

    @cached_property
    def _c_arrays(self) -> tuple:
        """roots, feature, threshold, left, value as the C walk reads them (contiguous int64 / float64)."""
        i8, f8 = np.int64, np.float64
        return (np.ascontiguousarray(self.roots, dtype=i8), np.ascontiguousarray(self.feature, dtype=i8),
                np.ascontiguousarray(self.threshold, dtype=f8), np.ascontiguousarray(self.left, dtype=i8),
                np.ascontiguousarray(self.value, dtype=f8))

    @cached_property
    def columns(self) -> int:
        """The columns X needs: 1 + the largest feature a node reads (raw() checks it before either walk)."""
        return int(self.feature.max()) + 1

    def _raw_walk(self, X: np.ndarray) -> np.ndarray:
        """raw() by following the node arrays level by level (any depth; the reference that
        _levels unrolls)."""
        n = X.shape[0]
        flat = np.ascontiguousarray(X, dtype=np.float64).ravel()
        width = X.shape[1]
        rows = np.arange(n, dtype=np.int64) * width           # offset of each row in flat
        node = np.repeat(self.roots[:, None], n, axis=1)       # (trees, n)
        feature, threshold, left = self.feature, self.threshold, self.left
        for _ in range(self.depth):
            x = flat.take(rows + feature.take(node))
            node = left.take(node) + (x > threshold.take(node))
        return self.baseline + self.value.take(node).sum(axis=0)

    @cached_property
    def _levels(self) -> "_Levels | None":
        """The trees re-laid out by level for raw() (None when too deep for it)."""
        return _Levels.build(self) if 2 <= self.depth <= _Levels.MAX_DEPTH else None

    def to_json(self) -> dict:
        leaf = ~np.isfinite(self.threshold)
        return {"kind": "gbdt", "features": list(self.features), "baseline": float(self.baseline),
                "depth": int(self.depth), "roots": self.roots.tolist(),
                "feature": self.feature.tolist(),
                "threshold": [None if lf else float(t) for lf, t in zip(leaf.tolist(), self.threshold.tolist())],
                "left": self.left.tolist(), "value": self.value.tolist()}

    @classmethod
    def from_json(cls, d: dict, expected: tuple[str, ...] | None = None) -> "TreeEnsemble":
        if d.get("kind") != "gbdt":
            raise ModelError(f"tree ensemble kind {d.get('kind')!r} is not gbdt")
        names = tuple(d.get("features") or ())
        if expected is not None and names != tuple(expected):
            differ = sorted(set(expected) ^ set(names))
            raise ModelError(f"tree features do not match this version's feature list (differ: {differ[:8]})")
        try:
            threshold = np.array([np.inf if t is None else float(t) for t in d["threshold"]], dtype=np.float64)
            ens = cls(names, float(d["baseline"]), int(d["depth"]), np.array(d["roots"], dtype=np.int64),
                      np.array(d["feature"], dtype=np.int64), threshold, np.array(d["left"], dtype=np.int64),
                      np.array(d["value"], dtype=np.float64))
        except (KeyError, TypeError, ValueError) as e:
            raise ModelError(f"malformed tree ensemble: {e}") from None
        ens.check()
        return ens

    def check(self) -> None:
        """The arrays describe trees this evaluator can walk (ModelError otherwise)."""
        n = len(self.feature)
        if not (len(self.threshold) == len(self.left) == len(self.value) == n) or n == 0:
            raise ModelError("tree ensemble arrays differ in length")
        leaf = ~np.isfinite(self.threshold)
        if np.any(self.left[leaf] != np.flatnonzero(leaf)):
            raise ModelError("a tree leaf is not its own child")
        split = ~leaf
        if np.any((self.left[split] < 0) | (self.left[split] + 1 >= n)):
            raise ModelError("a tree child index is out of range")
        if np.any((self.feature < 0) | (self.feature >= max(len(self.features), 1))):
            raise ModelError("a tree reads a feature it does not have")
        if np.any((self.roots < 0) | (self.roots >= n)):
            raise ModelError("a tree root index is out of range")


@dataclass(frozen=True, eq=False)
class _Levels:
    """The same trees as complete binary trees of depth `depth`, one table per level.

    At level L the node of tree t that a block has reached is named by its path code
    t * 2**L + (the L left/right decisions so far, as bits): the children of code k are 2k (left)
    and 2k + 1 (right), so one level of the walk is

        code = 2 * code + (x[feature_L[code]] > threshold_L[code])

    with no child lookup and no per-tree offset. The slots of code k's children hold the nodes
    left[node] and left[node] + 1, exactly the two the node-array walk (TreeEnsemble._raw_walk)
    can step to from that node, so a block's code always names the node that walk is on: a leaf
    (its own left child, threshold +inf: `x > +inf` is false for every x, NaN included) fills its
    left slot with itself and keeps the block there to the last level. Each block therefore ends
    on the same leaf, and the leaf values are summed over the same (trees, n) matrix in the same
    order: bit-identical scores.

    The top levels (TOP of them, fewer for shallower trees) need no gather: every block starts at
    the root, so at level L a tree has only 2**L candidate nodes. Each candidate's decision for
    every block is a row of the transposed feature matrix against one threshold per tree
    (contiguous rows and booleans: far cheaper than three gathers per (tree, block)), and the
    block's own is picked among them by its earlier decisions with boolean and/or. A block's path
    through these levels, hence its code after them, is the one the gathers would give.
    """
    MAX_DEPTH = 10                 # tables of trees * 2**depth entries: fine up to here
    TOP = 3                        # levels by selection: 1 + 2 + 4 candidates per tree

    top: tuple                     # per top level L: per path (2**L): (feature, threshold[:, None])
    deeper: tuple                  # per level len(top)..depth-1: (feature, threshold) by path code
    value: np.ndarray              # the leaf value by path code at the last level
    tree_code: np.ndarray          # (trees, 1): tree * 2**len(top), the code offset after the top

    @classmethod
    def build(cls, ens: "TreeEnsemble") -> "_Levels":
        last = len(ens.feature) - 1
        node = ens.roots[:, None]                            # (trees, 2**L) nodes by path code
        tables = []
        for _ in range(ens.depth):
            tables.append((ens.feature[node].ravel(), ens.threshold[node].ravel()))
            left = ens.left[node]
            right = np.minimum(left + 1, last)               # (clipped: the last node is a leaf)
            node = np.stack((left, right), axis=2).reshape(len(ens.roots), -1)
        trees, top = len(ens.roots), min(ens.depth, cls.TOP)
        candidates = []
        for level, (feature, threshold) in enumerate(tables[:top]):
            feature, threshold = feature.reshape(trees, -1), threshold.reshape(trees, -1)
            candidates.append(tuple((feature[:, j].copy(), threshold[:, j, None].copy()) for j in range(2 ** level)))
        return cls(tuple(candidates), tuple(tables[top:]), ens.value[node].ravel(),
                   np.arange(trees, dtype=np.int64)[:, None] << top)


def from_sklearn(clf, features) -> TreeEnsemble:
    """Export a fitted binary HistGradientBoostingClassifier (training only). Each tree's nodes
    are renumbered breadth-first with the two children of a split side by side."""
    if getattr(clf, "n_trees_per_iteration_", 1) != 1:
        raise ValueError("only binary classifiers are exported")
    feature, threshold, left, value, roots = [], [], [], [], []
    depth = 0
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        if np.any(nodes["is_categorical"]):
            raise ValueError("categorical splits are not supported")
        base = len(feature)
        roots.append(base)
        order = [0]                          # old node ids in new order (children adjacent)
        new_id = {0: base}
        level = {0: 0}
        k = 0
        while k < len(order):
            old = order[k]
            k += 1
            if not nodes["is_leaf"][old]:
                for child in (int(nodes["left"][old]), int(nodes["right"][old])):
                    new_id[child] = base + len(order)
                    level[child] = level[old] + 1
                    order.append(child)
        for old in order:
            nd = nodes[old]
            if nd["is_leaf"]:
                feature.append(0)
                threshold.append(np.inf)
                left.append(new_id[old])
                value.append(float(nd["value"]))
                depth = max(depth, level[old])
            else:
                feature.append(int(nd["feature_idx"]))
                threshold.append(float(nd["num_threshold"]))
                left.append(new_id[int(nd["left"])])
                value.append(0.0)
    baseline = float(np.ravel(clf._baseline_prediction)[0])
    ens = TreeEnsemble(tuple(features), baseline, depth, np.array(roots, dtype=np.int64),
                       np.array(feature, dtype=np.int64), np.array(threshold, dtype=np.float64),
                       np.array(left, dtype=np.int64), np.array(value, dtype=np.float64))
    ens.check()
    return ens
