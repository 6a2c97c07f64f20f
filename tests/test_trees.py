"""The tree ensemble evaluator (extractor/trees.py) gives scikit-learn's own scores, and refuses
files it cannot walk."""
import json

import numpy as np
import pytest

from extractor import errors, pipeline
from extractor import trees as trees_mod
from extractor.classify import model_context
from extractor.fastscore import tree_features
from extractor.model import TREE_FEATURE_NAMES, load_model, shipped_model
from extractor.options import Options
from extractor.trees import TreeEnsemble

from .conftest import BENCH, C_BUILT, SEEDS


def _page_rows(text):
    d = pipeline.Document(text=text, options=Options())
    for stage in (pipeline.segment, pipeline.language, pipeline.features, pipeline.rules):
        stage(d)
    span, dups = model_context(d.blocks)
    p1 = np.linspace(0.05, 0.95, len(d.blocks))
    return tree_features(d.blocks, p1, span, dups)


def _real_rows():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if BENCH.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted((BENCH / "article").glob("*/fullpage.txt"))[:10]]
    return np.vstack([_page_rows(t) for t in texts])


def test_tree_features_are_finite_and_named():
    X = _real_rows()
    assert X.shape[1] == len(TREE_FEATURE_NAMES)
    assert np.isfinite(X).all()


def test_one_block_and_empty_pages_have_rows():
    assert _page_rows("Only one line here.").shape == (1, len(TREE_FEATURE_NAMES))


def test_evaluator_equals_scikit_learn_on_real_rows():
    sk = pytest.importorskip("sklearn.ensemble")
    from extractor.trees import from_sklearn
    X = _real_rows()
    rng = np.random.default_rng(0)
    y = (X[:, TREE_FEATURE_NAMES.index("log_words")] + rng.normal(0, 1, len(X)) > 2.0).astype(int)
    clf = sk.HistGradientBoostingClassifier(max_iter=30, max_depth=4, early_stopping=False, random_state=0)
    clf.fit(X, y)
    ens = TreeEnsemble.from_json(json.loads(json.dumps(from_sklearn(clf, TREE_FEATURE_NAMES).to_json())))
    expected = clf.decision_function(X)
    assert np.abs(ens.raw(X) - expected).max() < 1e-9
    assert ens.raw(X[:0]).shape == (0,)


def test_shipped_trees_walk_to_leaves():
    m = shipped_model()
    ens = m.stage2
    assert isinstance(ens, TreeEnsemble)
    assert ens.n_trees >= 10 and ens.depth >= 1
    z = ens.raw(_real_rows())
    assert np.isfinite(z).all() and z.std() > 0.1     # the scores vary from block to block


@pytest.mark.parametrize("breakage", ["child_out_of_range", "leaf_not_self", "feature_out_of_range", "lengths"])
def test_broken_trees_are_a_model_error(tmp_path, breakage):
    d = shipped_model().to_json()
    t = d["stage2"]
    split = next(i for i, th in enumerate(t["threshold"]) if th is not None)
    leaf = next(i for i, th in enumerate(t["threshold"]) if th is None)
    if breakage == "child_out_of_range":
        t["left"][split] = len(t["left"]) + 5
    elif breakage == "leaf_not_self":
        t["left"][leaf] = leaf + 1
    elif breakage == "feature_out_of_range":
        t["feature"][split] = len(TREE_FEATURE_NAMES)
    else:
        t["value"] = t["value"][:-1]
    p = tmp_path / "m.json"
    p.write_text(json.dumps(d))
    with pytest.raises(errors.ModelError):
        load_model(p)


def test_rows_without_the_columns_the_trees_read_are_refused():
    ens = shipped_model().stage2
    X = _page_rows("Only one line here.\nAnd a second one.")
    with pytest.raises(IndexError):
        ens.raw(X[:, :1])


def test_level_walk_equals_node_walk_bit_for_bit(walk):
    """raw()'s walks (numpy: selection at the top levels, gathers below; C: node by node, level by
    level) reach the same leaves as the plain node-array walk and sum them in the same order:
    the same bits on real rows and on pages of 1, 2 and 3 blocks."""
    ens = shipped_model().stage2
    X = _real_rows()
    assert ens.raw(X).tobytes() == ens._raw_walk(X).tobytes()
    for n in (1, 2, 3):
        assert ens.raw(X[:n]).tobytes() == ens._raw_walk(X[:n]).tobytes()


@pytest.mark.parametrize("depth", [2, 3, 4, 6])
def test_level_walk_equals_node_walk_on_uneven_trees(depth, walk):
    """Trees of several depths with leaves above the last level (few leaf nodes allowed), so
    blocks stop at a leaf inside the selected top levels and inside the gathered ones."""
    sk = pytest.importorskip("sklearn.ensemble")
    from extractor.trees import from_sklearn
    rng = np.random.default_rng(depth)
    X = rng.normal(size=(400, len(TREE_FEATURE_NAMES)))
    X[:, 3] = rng.integers(0, 4, len(X))                   # ties at the thresholds
    y = (X[:, 0] + X[:, 3] * X[:, 1] + rng.normal(0, 0.5, len(X)) > 0.5).astype(int)
    clf = sk.HistGradientBoostingClassifier(max_iter=12, max_depth=depth, max_leaf_nodes=depth + 2,
                                            early_stopping=False, random_state=0).fit(X, y)
    ens = TreeEnsemble.from_json(from_sklearn(clf, TREE_FEATURE_NAMES).to_json())
    assert ens._levels is not None
    for rows in (X, X[:1], X[:2], np.asfortranarray(X[:37])):
        assert ens.raw(rows).tobytes() == ens._raw_walk(rows).tobytes()
    assert np.abs(ens.raw(X) - clf.decision_function(X)).max() < 1e-9


@pytest.mark.skipif(not C_BUILT, reason="C walk not built (no compiler at install)")
def test_the_pipeline_scores_the_same_with_and_without_the_c_walk(monkeypatch):
    from extractor import clean
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    def run():
        return [[(b.score, b.reason) for b in clean(t).blocks] for t in texts]
    monkeypatch.setattr(trees_mod, "USE_C", False)
    expected = run()
    monkeypatch.setattr(trees_mod, "USE_C", True)
    assert run() == expected


@pytest.mark.skipif(not C_BUILT, reason="C walk not built (no compiler at install)")
@pytest.mark.parametrize("breakage", ["root", "child", "leaf_not_self", "feature", "lengths", "dtype", "out"])
def test_the_c_walk_refuses_trees_it_cannot_walk(breakage):
    """The C walk checks every index it could read before walking: a broken array is an error,
    never a read outside the arrays."""
    ens = shipped_model().stage2
    X = _page_rows("Only one line here.\nAnd a second one.")
    roots, feature, threshold, left, value = (a.copy() for a in ens._c_arrays)
    out = np.empty(X.shape[0])
    split = int(np.flatnonzero(np.isfinite(threshold))[0])
    leaf = int(np.flatnonzero(~np.isfinite(threshold))[0])
    if breakage == "root":
        roots[0] = len(feature)
    elif breakage == "child":
        left[split] = len(left) - 1                        # its right child would be past the end
    elif breakage == "leaf_not_self":
        threshold[leaf] = 0.5                              # a self-loop that can move to leaf + 1
    elif breakage == "feature":
        feature[split] = X.shape[1]
    elif breakage == "lengths":
        value = value[:-1]
    elif breakage == "dtype":
        feature = feature.astype(np.int32)
    else:
        out = np.empty(X.shape[0] + 1)
    with pytest.raises((ValueError, TypeError)):
        trees_mod._speedups.raw(np.ascontiguousarray(X.T), roots, feature, threshold, left, value,
                               ens.depth, ens.baseline, out)
