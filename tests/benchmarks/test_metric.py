"""The benchmark harness scores exactly as the bench's reference score.py does.

Everything runs on tiny sets written into tmp_path, with a snapshot of score.py kept in
benchmarks/testdata/score.py; one test (skipped when ../shared/bench is absent) checks that the
snapshot is still identical to the reference and that the harness agrees with it on real cases.
"""
from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

import harness  # noqa: E402
import quality  # noqa: E402

SNAPSHOT = REPO / "benchmarks" / "testdata" / "score.py"
SHARED = REPO.parent / "shared" / "bench"

ARTICLES = {  # id: (gold, fullpage, prediction)
    "a1": ("The quick brown fox jumps over the lazy dog.\nIt ran away fast.",
           "Home | News | Sport\nThe quick brown fox jumps over the lazy dog.\nIt ran away fast.\nAccept cookies",
           "The quick brown fox jumps over the lazy dog.\nAccept cookies"),
    "a2": ("Alpha beta gamma delta epsilon zeta eta theta.",
           "Menu\nAlpha beta gamma delta epsilon zeta eta theta.",
           "Alpha beta gamma delta epsilon zeta eta theta."),
    "a3": ("Only three words", "Subscribe now\nOnly three words", ""),  # empty prediction
}
SNIPPETS = {  # id: (keep, remove, fullpage, prediction)
    "s1": (["main story text", "second  paragraph"], ["Share on Twitter"],
           "Share on Twitter\nmain story text\nsecond paragraph", "main story text\nsecond\nparagraph"),
    "s2": (["Caf\u00e9 opens"], ["Newsletter", "Login"],
           "Login\nCafe\u0301 opens today\nNewsletter", "Cafe\u0301 opens today\nNewsletter"),
}


def make_bench(root: Path) -> Path:
    bench = root / "bench"
    bench.mkdir()
    shutil.copy(SNAPSHOT, bench / "score.py")
    html = gzip.compress(b"<html><body><p>x</p></body></html>")
    for cid, (gold, full, _) in ARTICLES.items():
        d = bench / "article" / cid
        d.mkdir(parents=True)
        (d / "gold.txt").write_text(gold, encoding="utf-8")
        (d / "fullpage.txt").write_text(full, encoding="utf-8")
        (d / "meta.json").write_text(json.dumps({"url": f"https://ex.com/{cid}", "lang": "en"}))
        (d / "page.html.gz").write_bytes(html)
    for cid, (keep, remove, full, _) in SNIPPETS.items():
        d = bench / "snippets" / cid
        d.mkdir(parents=True)
        (d / "keep.json").write_text(json.dumps(keep), encoding="utf-8")
        (d / "remove.json").write_text(json.dumps(remove), encoding="utf-8")
        (d / "fullpage.txt").write_text(full, encoding="utf-8")
        (d / "meta.json").write_text(json.dumps({"url": None, "lang": "zh-cn" if cid == "s1" else "de"}))
        (d / "page.html.gz").write_bytes(html)
    return bench


def reference(bench: Path, set_name: str, preds: dict, tmp: Path) -> dict:
    """Run score.py's main in a subprocess on a prediction folder; return its JSON."""
    work = Path(tempfile.mkdtemp(dir=tmp, prefix=f"ref-{set_name}-"))
    pred_dir = work / "pred"
    pred_dir.mkdir()
    for cid, text in preds.items():
        if text:  # a missing file must count as empty output, like an empty one
            (pred_dir / f"{cid}.txt").write_text(text, encoding="utf-8")
    out = work / "score.json"
    proc = subprocess.run([sys.executable, str(bench / "score.py"), str(pred_dir), "--data",
                           str(bench / set_name), "--json", str(out)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(out.read_text())


@pytest.fixture()
def bench(tmp_path):
    return make_bench(tmp_path)


def approx_summary(ours: dict, ref: dict):
    assert set(ref) <= set(ours)
    for k, v in ref.items():
        assert ours[k] == pytest.approx(v, abs=1e-12), k


def test_article_scoring_matches_score_py(bench, tmp_path):
    preds = {cid: p for cid, (_, _, p) in ARTICLES.items()}
    ref = reference(bench, "article", preds, tmp_path)
    kind, rows, _ = harness.score_predictions(bench, "article", preds)
    assert kind == ref["kind"] == "article"
    assert rows == ref["cases"]
    approx_summary(harness.summarize(bench, kind, list(rows.values())), ref["summary"]["all"])
    assert ref["summary"]["all"]["empty"] == 1


def test_snippet_scoring_matches_score_py(bench, tmp_path):
    preds = {cid: p for cid, (*_, p) in SNIPPETS.items()}
    ref = reference(bench, "snippets", preds, tmp_path)
    kind, rows, _ = harness.score_predictions(bench, "snippets", preds)
    assert kind == ref["kind"] == "snippets"
    assert rows == ref["cases"]
    approx_summary(harness.summarize(bench, kind, list(rows.values())), ref["summary"]["all"])


def test_hand_computed_article_case(bench):
    # gold shingles: (a b c d), (b c d e); pred: (a b c d) -> tp=1 fp=0 fn=1
    scorer = harness.load_scorer(bench)
    row = scorer.article_case("a b c d e", "a b c d")
    assert row == {"p": 1.0, "r": 0.5, "f1": pytest.approx(2 / 3), "empty": False}
    # fewer than 4 tokens: one shorter shingle, which must match whole
    assert scorer.article_case("a b c", "a b c")["f1"] == 1.0
    assert scorer.article_case("a b c", "a b")["f1"] == 0.0
    # extra words only cost precision: pred 4-grams abcd bcde cdef defg efgh, 2 of them in gold;
    # 4-grams run across line breaks
    row = scorer.article_case("a b c d e", "a b c d\ne f g h")
    assert (row["p"], row["r"]) == (2 / 5, 1.0)
    # empty output: precision undefined (not averaged), recall 0, f1 0
    row = scorer.article_case("a b c d e", "")
    assert row == {"p": None, "r": 0.0, "f1": 0.0, "empty": True}
    summ = scorer.article_summary([scorer.article_case("a b c d e", "a b c d"), row])
    assert summ["precision"] == 1.0 and summ["recall"] == 0.25
    assert summ["f1"] == pytest.approx(2 * 1.0 * 0.25 / 1.25)
    assert summ["doc_f1"] == pytest.approx(1 / 3) and summ["empty"] == 1


def test_hand_computed_through_the_harness(bench):
    # a1, counted from first principles (tokens run across line breaks), not by the scorer
    pred = ARTICLES["a1"][2]
    g = "The quick brown fox jumps over the lazy dog It ran away fast".split()
    p = "The quick brown fox jumps over the lazy dog Accept cookies".split()
    g4 = {tuple(g[i:i + 4]) for i in range(len(g) - 3)}
    p4 = [tuple(p[i:i + 4]) for i in range(len(p) - 3)]
    tp = sum(s in g4 for s in p4)
    assert (tp, len(p4), len(g4)) == (6, 8, 10)
    _, rows, _ = harness.score_predictions(bench, "article", {"a1": pred})
    assert set(rows) == {"a1"}  # --limit style subset: other cases are not scored as empty
    assert rows["a1"]["p"] == pytest.approx(6 / 8) and rows["a1"]["r"] == pytest.approx(6 / 10)


def test_snippet_hand_computed(bench):
    scorer = harness.load_scorer(bench)
    keep, remove, _, pred = SNIPPETS["s2"]
    # NFC folds "Cafe\u0301" to "Caf\u00e9": the keep snippet is found; "Newsletter" is a FP
    assert scorer.snippet_case(keep, remove, pred) == {"tp": 1, "fn": 0, "fp": 1, "tn": 1}
    keep, remove, _, pred = SNIPPETS["s1"]
    assert scorer.snippet_case(keep, remove, pred) == {"tp": 2, "fn": 0, "fp": 0, "tn": 1}


@pytest.mark.parametrize("line,keep", [
    ("one two three four five.", True),           # exactly 5 words
    ("one two three four.", False),               # 4 words
    ("one two three four five", False),           # no terminal mark
    ("one two three four five:", False),
    ("one two three four five?", True),
    ("one two three four five!", True),
    ('He said "one two three four"', True),       # ends in a straight double quote, 5 words
    ("He said \u201cone two three four\u201d", False),  # curly quote: not in the README's list
    ("   one two three four five.   ", True),     # surrounding whitespace ignored
    ("Please enable JavaScript to view this.", False),
    ("We use COOKIES to improve this site.", False),
    ("Read the cookiebook recipes, all of them.", False),  # substring match, as C4 does
    ("", False),
])
def test_c4_boundaries(line, keep):
    assert harness.c4_keep_line(line) is keep


def test_c4_lines_and_wide_variant():
    text = "Menu\nThe first sentence is long enough.\nShort one.\n\u8fd9\u662f\u4e00\u4e2a\u5f88\u957f\u7684\u53e5\u5b50\u3002"
    assert harness.c4_lines(text) == "The first sentence is long enough."
    wide = harness.c4_wide_lines(text)
    assert wide.endswith("\u3002") and "Short one." not in wide
    assert harness.keep_everything(text) == text


def test_line_diff_helper():
    scorer = harness.load_scorer(SNAPSHOT.parent)
    gold = "alpha beta gamma delta epsilon\nzeta eta theta iota kappa"
    pred = "alpha beta gamma delta epsilon\nsubscribe to our newsletter today"
    lost, extra = harness.line_diff(gold, pred, scorer)
    assert lost == ["zeta eta theta iota kappa"]
    assert extra == ["subscribe to our newsletter today"]
    lost, extra = harness.line_diff(gold, gold, scorer)
    assert lost == [] and extra == []


def test_quality_cli_peer_rows_match_score_py(bench, tmp_path, monkeypatch):
    monkeypatch.setattr(harness, "TRAFILATURA_CONFIGS", {})  # keep the test fast: text peers only
    out = tmp_path / "q.json"
    rc = quality.main(["--bench", str(bench), "--sets", "article,snippets", "--no-ours", "--jobs", "1",
                       "--inputs", "fullpage", "--json", str(out)])
    assert rc == 0
    rows = {(r["system"], r["set"], r["input"]): r for r in json.loads(out.read_text())["rows"]}
    for set_name, data in (("article", ARTICLES), ("snippets", SNIPPETS)):
        full = {cid: v[-2] if set_name == "snippets" else v[1] for cid, v in data.items()}
        ref = reference(bench, set_name, full, tmp_path)["summary"]["all"]
        got = rows[("keep-everything", set_name, "fullpage")]
        for k in ("precision", "recall", "f1"):
            assert got[k] == pytest.approx(ref[k], abs=1e-4), (set_name, k)
        c4 = {cid: harness.c4_lines(t) for cid, t in full.items()}
        ref = reference(bench, set_name, c4, tmp_path)["summary"]["all"]
        assert rows[("c4-rules", set_name, "fullpage")]["f1"] == pytest.approx(ref["f1"], abs=1e-4)


def test_append_results(tmp_path):
    path = tmp_path / "RESULTS.md"
    path.write_text("# head\n")
    quality.append_results({"date": "2026-01-01", "commit": "abc1234", "mode": "balanced", "limit": None,
                            "trafilatura": "2.3.1",
                            "rows": [{"system": "ours", "set": "article", "input": "fullpage", "cases": 3,
                                      "precision": 0.9, "recall": 0.8, "f1": 0.85, "doc_f1": 0.8,
                                      "empty": 0, "docs_per_s": 12.5}]}, path=path)
    text = path.read_text()
    assert "### 2026-01-01 · `abc1234`" in text
    assert "| ours | article | fullpage | 3 | 0.900 | 0.800 | 0.850 | 0.800 | 0 | 12.5 |" in text


def test_bench_location_override(tmp_path, monkeypatch):
    monkeypatch.setenv(harness.BENCH_ENV, str(tmp_path))
    assert harness.bench_dir(None) == tmp_path.resolve()
    assert harness.bench_dir(str(tmp_path / "x")) == (tmp_path / "x").resolve()
    monkeypatch.delenv(harness.BENCH_ENV)
    assert harness.bench_dir(None) == REPO.parent / "shared" / "bench"


@pytest.mark.skipif(not (SHARED / "score.py").exists(), reason="../shared/bench not present")
def test_against_real_bench(tmp_path):
    assert SNAPSHOT.read_bytes() == (SHARED / "score.py").read_bytes(), \
        "benchmarks/testdata/score.py is stale: copy ../shared/bench/score.py over it"
    cases = harness.load_cases(SHARED, "article")
    preds = {c.id: harness.c4_lines(c.read_input("fullpage")) for c in cases}
    ref = reference(SHARED, "article", preds, tmp_path)
    kind, rows, _ = harness.score_predictions(SHARED, "article", preds)
    assert rows == ref["cases"]
    approx_summary(harness.summarize(SHARED, kind, list(rows.values())), ref["summary"]["all"])
