"""The training labels are derived by documented rules; these pin them."""
from extractor.train import folds, label_by_gold, label_by_snippets, label_seed, site_of, Doc

GOLD = "The council approved the budget on Tuesday after a long debate.\n\nWork starts in spring."


def test_label_by_gold():
    page = ("Home\n"
            "The council approved the budget on Tuesday after a long debate.\n"
            "Work starts in spring.\n"
            "The council approved the plan for the park on Friday.\n"      # shares some 4-grams: ambiguous or not
            "Subscribe to our newsletter for more news every day\n")
    labels, ambiguous = label_by_gold(page, GOLD)
    assert labels[1] == 0          # "Home": not a token run of the gold
    assert labels[2] == 1 and labels[3] == 1
    assert labels[5] == 0
    assert 4 not in labels or labels[4] == 0
    assert ambiguous + len(labels) == 5


def test_label_by_snippets():
    page = "Keep this sentence please.\nRemove this footer\nunrelated"
    assert label_by_snippets(page, ["this sentence"], ["this footer"]) == {1: 1, 2: 0}


def test_label_seed():
    rows = [{"line": 1, "label": "title"}, {"line": 2, "label": "body"}, {"line": 3, "label": "either"},
            {"line": 4, "label": "donation"}]
    assert label_seed(rows) == {1: 0, 2: 1, 4: 0}


def test_site_of():
    assert site_of("https://www.bbc.co.uk/news/x") == "bbc.co.uk"
    assert site_of("https://edition.example.com/a") == "example.com"
    assert site_of(None) == "unknown"


def test_folds_are_grouped_and_deterministic():
    docs = [Doc(f"d{i}", "article", f"g{i % 7}", "", None, None) for i in range(40)]
    f1, f2 = folds(docs, 5), folds(docs, 5)
    assert f1 == f2
    by_group = {}
    for d, f in zip(docs, f1):
        by_group.setdefault(d.group, set()).add(f)
    assert all(len(s) == 1 for s in by_group.values())


# ----------------------------------------------------------------------------- mined rules in training

import pytest

from .conftest import BENCH, SEEDS


@pytest.mark.skipif(not BENCH.is_dir(), reason="needs ../shared/bench")
def test_cv_folds_use_rules_mined_from_their_training_documents_only(monkeypatch):
    """Each fold mines from its training documents and designs / evaluates under exactly those
    rules; the shipped rules (mined from everything) are in force again for the final fit."""
    pytest.importorskip("sklearn")
    from extractor import rules, train as T

    def active():
        return sorted(r.pattern.pattern for r in rules.ruleset("en").rules if r.category == "learned")

    calls, evaluated, designed = [], [], []
    real_mined, real_design = T.mined_packs, T.design

    def spy_mined(docs, langs, min_groups=None):
        packs = real_mined(docs, langs, min_groups)
        calls.append(({d.id for d in docs}, packs))
        return packs

    def spy_design(docs, bases=None, doc_ids=None):
        designed.append((None if doc_ids is None else {docs[i].id for i in doc_ids}, active()))
        return real_design(docs, bases, doc_ids)

    def spy_evaluate(model, held, score_mod):
        evaluated.append(({d.id for d in held}, active()))
        return {}

    monkeypatch.setattr(T, "mined_packs", spy_mined)
    monkeypatch.setattr(T, "design", spy_design)
    monkeypatch.setattr(T, "evaluate", spy_evaluate)
    T.train(BENCH, SEEDS, None, cv=True, limit=60, log=lambda *_: None, min_groups=2)
    assert len(calls) == 1 + T.N_FOLDS and len(evaluated) == T.N_FOLDS

    def patterns(packs):
        return sorted(r.pattern.pattern for lg, t in packs.items() if lg == "en"
                      for r in rules.parse_pack(t, "learned", lg, "x"))

    all_ids, shipped = calls[0]
    assert any(patterns(p) for _, p in calls[1:]), "the sample should mine some English rules"
    fold_designs = [d for d in designed if d[0]][: T.N_FOLDS]
    for (mined_on, packs), (held, seen), (rows, designed_with) in zip(calls[1:], evaluated, fold_designs):
        assert not mined_on & held and mined_on | held == all_ids
        assert seen == patterns(packs) == designed_with
        assert rows == mined_on                                  # the fit's design rows: the same documents
    assert designed[-1] == (None, patterns(shipped))          # the final model sees the shipped rules
    assert active() == sorted(r.pattern.pattern for r in rules.ruleset("en").rules if r.category == "learned")


@pytest.mark.skipif(not BENCH.is_dir(), reason="needs ../shared/bench")
def test_train_writes_deterministic_learned_packs(tmp_path):
    pytest.importorskip("sklearn")
    from extractor import rules
    from extractor.train import train
    for name in ("a", "b"):
        train(BENCH, SEEDS, None, cv=False, limit=40, log=lambda *_: None, rules_out=tmp_path / name, min_groups=2)
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files and files == sorted(p.name for p in (tmp_path / "b").iterdir())
    for f in files:
        a = (tmp_path / "a" / f).read_bytes()
        assert a == (tmp_path / "b" / f).read_bytes()
        assert rules.parse_pack(a.decode("utf-8"), "learned", f[:-4], f)
