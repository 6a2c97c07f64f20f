import json

import pytest

from extractor import errors
from extractor.model import (FEATURE_NAMES, TREE_FEATURE_NAMES, LogRegModel, StackedModel, block_vectors, load_model,
                             shipped_model)

from .conftest import BENCH, SEEDS


def test_shipped_model_loads_and_matches_feature_list():
    m = shipped_model()
    assert m is not None, "extractor/data/model.json must ship with the package"
    d = m.to_json()
    assert isinstance(m, StackedModel)
    assert d["stage1"]["features"] == list(FEATURE_NAMES)
    assert d["kind"] == "stacked_gbdt"
    assert d["stage2"]["features"] == list(TREE_FEATURE_NAMES)
    assert set(d["thresholds"]) == {"precision", "balanced", "recall"}
    assert d["thresholds"]["precision"] >= d["thresholds"]["balanced"] >= d["thresholds"]["recall"]


def test_shipped_model_carries_its_cross_validated_figures():
    """The model file says how well it does on pages it never saw: `extractor train`'s grouped
    CV table, one row per dev set, written beside the weights (a model trained with --no-cv has
    none and must not be the one shipped)."""
    cv = shipped_model().meta.get("cv")
    assert cv, "extractor/data/model.json has no cross-validated figures (trained with --no-cv?)"
    for key in ("article_fullpage", "article_partial_resiliparse", "snippets_fullpage", "sites_fullpage"):
        assert 0.5 < cv[key]["f1"] <= 1.0, (key, cv.get(key))
        assert cv[key]["by_lang"], key


def test_model_with_other_features_is_refused(tmp_path):
    d = shipped_model().to_json()
    d["stage1"]["features"] = d["stage1"]["features"][:-1] + ["something_new"]
    p = tmp_path / "m.json"
    p.write_text(json.dumps(d))
    with pytest.raises(errors.ModelError):
        load_model(p)
    d = shipped_model().to_json()
    d["stage2"]["features"] = d["stage2"]["features"][::-1]
    p.write_text(json.dumps(d))
    with pytest.raises(errors.ModelError):
        load_model(p)


def test_unreadable_model_is_a_model_error(tmp_path):
    p = tmp_path / "m.json"
    p.write_text("{not json")
    with pytest.raises(errors.ModelError):
        load_model(p)
    with pytest.raises(errors.ModelError):
        load_model(tmp_path / "missing.json")


def test_predict_is_a_probability():
    m = LogRegModel({"w1": 2.0, "end_term": 1.0}, -1.0, {"balanced": 0.5}, {})
    p = m.predict([{"w1": 1.0, "end_term": 1.0}, {}])
    assert p[0] == pytest.approx(1 / (1 + 2.718281828 ** -2), rel=1e-6)
    assert p[1] == pytest.approx(1 / (1 + 2.718281828), rel=1e-6)


def test_vectors_only_use_known_features():
    from extractor import clean
    r = clean((SEEDS / "002_2cb86b97d415e656.txt").read_text(encoding="utf-8"))
    vecs = block_vectors(list(r.blocks), (1, 3))
    names = set(FEATURE_NAMES)
    for v in vecs:
        assert set(v) <= names


@pytest.mark.skipif(not BENCH.is_dir(), reason="needs ../shared/bench")
def test_retraining_on_a_small_fixed_sample_is_reproducible(tmp_path):
    pytest.importorskip("sklearn")
    from extractor.train import train
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    train(BENCH, SEEDS, a, cv=False, limit=40, log=lambda *_: None)
    train(BENCH, SEEDS, b, cv=False, limit=40, log=lambda *_: None)
    assert a.read_bytes() == b.read_bytes()
    m = load_model(a)
    assert m.meta["data_hash"] and m.meta["n_blocks"] > 100


def test_shipped_model_file_is_small():
    from importlib import resources
    size = resources.files("extractor").joinpath("data", "model.json").stat().st_size
    assert size < 3_000_000, f"model.json is {size} bytes; the issue allows a few MB at most"
