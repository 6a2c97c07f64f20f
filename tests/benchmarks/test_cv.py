"""benchmarks/cv.py scores fold models on the held-out pages of extractor.train's own split, and
its `train` repeats `extractor train`'s cross-validation: per fold, rules mined from the training
documents only, in force for the fit; the fold's model and packs saved with a manifest.

Kept fast: `score` runs on a small sample with the shipped model standing in for every fold
model; `train` runs with the (slow) fit and mining replaced by spies, so what is checked is the
bookkeeping around them, not scikit-learn. Needs ../shared/bench.
"""
from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

import cv  # noqa: E402

SHARED = REPO.parent / "shared" / "bench"
SHIPPED = REPO / "extractor" / "data" / "model.json"
KEYS = {"article_fullpage", "article_partial_resiliparse", "sites_fullpage", "snippets_fullpage"}

pytestmark = pytest.mark.skipif(not (SHARED / "score.py").exists(), reason="../shared/bench not present")


@pytest.fixture(scope="module")
def folddir(tmp_path_factory):
    d = tmp_path_factory.mktemp("cv")
    for k in range(cv.T.N_FOLDS):
        shutil.copy(SHIPPED, d / f"fold{k}.json")
        (d / f"fold{k}_packs.json").write_text("{}")
    return d


def table_rows(out: str) -> dict[str, list[str]]:
    rows = {}
    for line in out.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and cells[0] in KEYS:
            rows[cells[0]] = cells[1:]
    return rows


def test_score_table_and_split(folddir, tmp_path, capsys):
    per_doc = tmp_path / "per_doc.json"
    assert cv.main(["score", str(folddir), "--bench", str(SHARED), "--limit", "12", "--per-doc", str(per_doc)]) == 0
    rows = table_rows(capsys.readouterr().out)
    assert set(rows) == KEYS
    per = json.loads(per_doc.read_text())
    assert sum(int(r[0]) for r in rows.values()) == len(per) > 0
    for key, cells in rows.items():
        assert sum(1 for p in per.values() if p["set"] == key) == int(cells[0]) == 12   # --limit: cases per set
        for x in cells[1:5]:                           # P, R, F1, doc_f1 / accuracy
            assert 0.0 <= float(x) <= 1.0, (key, cells)
        for lang_f1 in re.findall(r"\b[a-z]{2,3} (\d\.\d+)", cells[5]):
            assert 0.0 <= float(lang_f1) <= 1.0
    # each page was scored by the model of its fold in extractor.train.folds (`extractor train`'s split)
    docs = cv.load_documents(SHARED, cv.DEFAULT_SEEDS)
    folds = dict(zip((d.id for d in docs), cv.T.folds(docs, cv.T.N_FOLDS)))
    assert cv.split(docs) == list(folds.values())
    assert all(p["fold"] == folds[i] for i, p in per.items())
    assert len({p["fold"] for p in per.values()}) > 1


def test_score_sets_and_compare(folddir, capsys):
    assert cv.main(["score", str(folddir), "--bench", str(SHARED), "--sets", "snippets", "--limit", "8",
                    "--compare", str(folddir)]) == 0
    out = capsys.readouterr().out
    rows = table_rows(out)
    assert set(rows) == {"snippets_fullpage"}
    cells = rows["snippets_fullpage"]
    assert cells[0] == "8" and cells[7] == "+0.0000"          # the same models: no change
    assert cells[5] == cells[6] and cells[1] == cells[2]


def test_train_repeats_extractor_trains_cv(tmp_path, monkeypatch, capsys):
    pytest.importorskip("sklearn")
    from extractor import rules
    from extractor.model import load_model
    T = cv.T
    mined, fitted = [], []

    def learned():
        return sorted(r.pattern.pattern for r in rules.ruleset("en").rules if r.category == "learned")

    def spy_mined(docs, langs, min_groups=None):       # an invented marker phrase per call
        mined.append({d.id for d in docs})
        return {"en": f"learned.phrase\tfull\t\\bzzmarker{len(mined)}\\b\n"}

    def spy_fit(D, docs, doc_ids, w):
        fitted.append(({docs[i].id for i in doc_ids}, learned()))
        return load_model(SHIPPED)

    monkeypatch.setattr(T, "mined_packs", spy_mined)
    monkeypatch.setattr(T, "fit", spy_fit)
    out = tmp_path / "cv"
    assert cv.main(["train", "--out", str(out), "--bench", str(SHARED), "--limit", "20", "--sets", "snippets"]) == 0
    assert set(table_rows(capsys.readouterr().out)) == {"snippets_fullpage"}

    docs = cv.load_documents(SHARED, cv.DEFAULT_SEEDS, 20)
    folds = T.folds(docs, T.N_FOLDS)
    assert len(mined) == len(fitted) == T.N_FOLDS
    for k in range(T.N_FOLDS):
        train_ids = {d.id for d, f in zip(docs, folds) if f != k}
        assert mined[k] == fitted[k][0] == train_ids
        assert fitted[k][1] == [rf"\bzzmarker{k + 1}\b"]            # the fold's own rules during its fit
        assert json.loads((out / f"fold{k}_packs.json").read_text())["en"].strip().endswith(f"zzmarker{k + 1}\\b")
        assert load_model(out / f"fold{k}.json").to_json() == load_model(SHIPPED).to_json()
    assert learned() == sorted(r.pattern.pattern for r in rules.ruleset("en").rules if r.category == "learned")
    assert not any("zzmarker" in p for p in learned())             # the shipped rules are back

    man = json.loads((out / "manifest.json").read_text())
    assert man["limit"] == 20 and man["folds"] == T.N_FOLDS and man["data_hash"] == T.data_hash(docs)
    assert man["fold_sizes"] == [folds.count(k) for k in range(T.N_FOLDS)]
    assert man["commit"] and man["date"] and set(man["cv"]) == {"snippets_fullpage"}

    # a manifest whose split is not the data's is refused: its held-out pages would be in-sample
    man["split_hash"] = "0" * 16
    (out / "manifest.json").write_text(json.dumps(man))
    with pytest.raises(SystemExit, match="split"):
        cv.main(["score", str(out), "--bench", str(SHARED), "--sets", "snippets", "--limit", "2"])


def test_leave_one_source_out(tmp_path, monkeypatch, capsys):
    """--split source: one fold per bench source (an article's partial input with its full page),
    each trained on the other sources and the seeds, scored on its own pages only; `score` reads
    the split from the manifest."""
    pytest.importorskip("sklearn")
    from extractor.model import load_model
    T = cv.T
    fitted = []
    monkeypatch.setattr(T, "mined_packs", lambda docs, langs, min_groups=None: {})
    monkeypatch.setattr(T, "fit", lambda D, docs, doc_ids, w: fitted.append({docs[i].source for i in doc_ids})
                        or load_model(SHIPPED))
    out = tmp_path / "loso"
    assert cv.main(["train", "--out", str(out), "--bench", str(SHARED), "--limit", "40", "--split", "source"]) == 0
    printed = capsys.readouterr().out
    assert "Leave-one-source-out" in printed
    sources = {d.source for d in cv.load_documents(SHARED, cv.DEFAULT_SEEDS, 40)}
    assert {"article", "sites", "snippets"} <= sources
    assert fitted == [sources - {"article", "article_partial"}, sources - {"sites"}, sources - {"snippets"}]
    man = json.loads((out / "manifest.json").read_text())
    assert man["split"] == "source" and man["folds"] == 3
    per_doc = tmp_path / "per_doc.json"
    assert cv.main(["score", str(out), "--bench", str(SHARED), "--per-doc", str(per_doc)]) == 0
    per = json.loads(per_doc.read_text())
    fold_of_set = {"article_fullpage": 0, "article_partial_resiliparse": 0, "sites_fullpage": 1, "snippets_fullpage": 2}
    assert per and all(p["fold"] == fold_of_set[p["set"]] for p in per.values())
    assert {p["set"] for p in per.values()} >= {"article_fullpage", "sites_fullpage", "snippets_fullpage"}
    with pytest.raises(ValueError):
        cv.split([], "page")
