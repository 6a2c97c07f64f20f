#!/usr/bin/env python3
"""Site templates, leave-one-out, on the bench's `sites/` set (pages grouped by meta.json `site`).

For every page: learn the other pages of its site into a template store (one SQLite file, key
"<site>#<held-out id>"), then clean the held-out page's fullpage.txt with and without the store
(clean(..., store=..., site=...)). Beside it, in the same run: trafilatura on page.html.gz
(include_comments=False; cached under benchmarks/.cache), and our HTML path (extract()) without
and with a store (learned from the other pages' HTML, key "<site>#<held-out id>#html"). All
scored by the bench's score.py, overall and per language.

Also reported: the store's cost per document in CPU time (lookup = reading and decoding the
site's record; stage = fingerprinting and deciding the page's blocks) as a share of clean()'s
time on a page it has not seen (each worker warms up first), and with --size N the size of a
store of N generated sites x --size-pages pages.

  .venv/bin/python benchmarks/sites.py                   # quality table (about a minute on 2 cores)
  .venv/bin/python benchmarks/sites.py --size 10000      # + a 10,000-site store's size
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

harness._ensure_repo_on_path()
from extractor import clean, extract, templates  # noqa: E402
from extractor.errors import ExtractorError  # noqa: E402

LANG_MIN_PAGES = 10          # precision check: languages with at least this many pages
SIZE_PAGES_DEFAULT = 50
# generated sites for --size: lines per page, as measured on the bench's sites (about 53
# distinct lines a page, 36 of them new to the site); see size_corpus().
GEN_TEMPLATE_LINES = 60
GEN_SIDEBAR_POOL = 150
GEN_SIDEBAR_PER_PAGE = 15
GEN_BODY_LINES = 40

_STORE = None
_FOLD_MODELS: dict = {}          # --fold-models: fold -> model trained without that fold's sites


def _init(store_path, fold_model_paths=None):
    global _STORE
    _STORE = templates.open_store(store_path)
    if fold_model_paths:
        from extractor.model import load_model
        _FOLD_MODELS.update({k: load_model(p) for k, p in fold_model_paths.items()})
    from extractor.htmlapi import warm_up
    warm_up()                       # one-time loading (rule sets, language profiles, model) is no document's cost


def _use_fold_model(fold) -> None:
    """--fold-models: clean() and extract() score this page with the model of its site's
    cross-validation fold (trained without any page of that site), instead of the shipped model,
    which was trained on these very pages. Both read extractor.model.shipped_model at call time."""
    import extractor.model as model_module
    if fold is not None and _FOLD_MODELS:
        chosen = _FOLD_MODELS[fold]
        model_module.shipped_model = lambda: chosen


def _run_case(args):
    cid, path, key, fold = args
    _use_fold_model(fold)
    case_dir = Path(path)
    text = (case_dir / "fullpage.txt").read_text(encoding="utf-8", errors="replace")
    out = {"id": cid}
    clock = time.process_time       # CPU time: the cost, whatever else the machine runs
    try:
        t0 = clock()
        out["plain"] = clean(text).text
        t1 = clock()
        out["store"] = clean(text, store=_STORE, site=key).text
        t2 = clock()
        stats = _STORE.get(key, texts=False)      # what clean() reads
        t3 = clock()
        res = clean(text)
        t4 = clock()
        templates.decide(list(res.blocks), stats, templates.Mode.BALANCED)
        t5 = clock()
        out.update(t_plain=t1 - t0, t_store=t2 - t1, t_lookup=t3 - t2, t_stage=t5 - t4)
    except ExtractorError:
        out.setdefault("plain", "")
        out.setdefault("store", "")
    html_gz = case_dir / "page.html.gz"
    if html_gz.exists():
        import gzip
        html = gzip.decompress(html_gz.read_bytes())
        try:
            out["html"] = extract(html).text
        except ExtractorError:
            out["html"] = ""
        try:
            out["html_store"] = extract(html, store=_STORE, site=key + "#html").text
        except ExtractorError:
            out["html_store"] = ""
    return out


def quality(a) -> dict:
    bench = harness.bench_dir(a.bench)
    cases = harness.load_cases(bench, "sites", a.limit)
    by_site = defaultdict(list)
    for c in cases:
        by_site[c.meta.get("site") or c.meta.get("domain") or c.id].append(c)
    tmp = tempfile.TemporaryDirectory(prefix="sites-bench-")
    store_path = os.path.join(tmp.name, "templates.sqlite")
    t0 = time.perf_counter()
    with templates.open_store(store_path) as store:
        items = []
        for site, group in by_site.items():
            pages = {c.id: templates.Page.from_text(c.read_input("fullpage")) for c in group}
            for c in group:
                items += [(f"{site}#{c.id}", p) for oid, p in pages.items() if oid != c.id]
            htmls = {c.id: c.read_html() for c in group}
            html_pages = {cid: templates.Page.from_html(h) for cid, h in htmls.items() if h}
            for c in group:
                items += [(f"{site}#{c.id}#html", p) for oid, p in html_pages.items() if oid != c.id]
        store.learn_many(items)
    learn_s = time.perf_counter() - t0
    fold_of, fold_paths = _folds(a.fold_models, bench) if a.fold_models else ({}, None)
    jobs = [(c.id, str(c.path), f"{by_site_key(c)}#{c.id}", fold_of.get(c.id)) for c in cases]
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(a.jobs, initializer=_init, initargs=(store_path, fold_paths)) as pool:
        outs = pool.map(_run_case, jobs, chunksize=4)
    traf = {}
    if a.peers:
        with ctx.Pool(a.jobs) as pool:
            res = pool.map(harness.run_trafilatura, [("trafilatura", str(c.path / "page.html.gz"), True)
                                                     for c in cases])
        traf = {c.id: r[0] for c, r in zip(cases, res)}
    systems = {"ours fullpage, no store": {o["id"]: o["plain"] for o in outs},
               "ours fullpage, site store": {o["id"]: o["store"] for o in outs},
               "ours page.html (extract), no store": {o["id"]: o.get("html", "") for o in outs},
               "ours page.html (extract), site store": {o["id"]: o.get("html_store", "") for o in outs}}
    if traf:
        systems["trafilatura page.html"] = traf
    table = {}
    for name, preds in systems.items():
        kind, rows, langs = harness.score_predictions(bench, "sites", preds, ids=[c.id for c in cases])
        table[name] = {"all": harness.summarize(bench, kind, list(rows.values())),
                       "lang": harness.by_language(bench, kind, rows, langs)}
    timed = [o for o in outs if "t_plain" in o]
    cost = {
        "clean_ms": 1000 * sum(o["t_plain"] for o in timed) / len(timed),
        "clean_with_store_ms": 1000 * sum(o["t_store"] for o in timed) / len(timed),
        "lookup_ms": 1000 * sum(o["t_lookup"] for o in timed) / len(timed),
        "stage_ms": 1000 * sum(o["t_stage"] for o in timed) / len(timed),
    }
    cost["lookup_and_stage_share"] = (cost["lookup_ms"] + cost["stage_ms"]) / cost["clean_ms"]
    tmp.cleanup()
    return {"cases": len(cases), "sites": len(by_site), "learn_seconds": learn_s, "table": table, "cost": cost}


def _folds(folder: str, bench) -> tuple[dict, dict]:
    """--fold-models FOLDER (files <k>.json, e.g. written by a script calling extractor.train.fit
    per fold): each sites page's fold under extractor train's grouped folds (the same documents as
    `extractor train`: the bench and fixtures/seeds), and the model files."""
    from extractor import train
    docs, _ = train.load_docs(Path(bench), Path(__file__).resolve().parents[1] / "fixtures" / "seeds")
    fold_ids = train.folds(docs, train.N_FOLDS)
    fold_of = {d.id.split("/", 1)[1]: f for d, f in zip(docs, fold_ids) if d.source == "sites"}
    paths = {k: str(Path(folder) / f"{k}.json") for k in range(train.N_FOLDS)}
    return fold_of, paths


def by_site_key(c) -> str:
    return c.meta.get("site") or c.meta.get("domain") or c.id


def size_corpus(n_sites: int, n_pages: int, seed: int = 0):
    """Generated sites: GEN_TEMPLATE_LINES lines on every page, GEN_SIDEBAR_PER_PAGE drawn from a
    pool of GEN_SIDEBAR_POOL (teasers, most-read lists), GEN_BODY_LINES lines of the page's own."""
    rng = random.Random(seed)

    def words(n: int) -> str:      # letters only: digits would fold together in the fingerprint
        return " ".join("".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(2, 9))) for _ in range(n))
    for s in range(n_sites):
        site = f"site{s}.example"
        tmpl = [words(rng.randint(1, 8)) for _ in range(GEN_TEMPLATE_LINES)]
        pool = [words(rng.randint(4, 12)) for _ in range(GEN_SIDEBAR_POOL)]
        shared = {templates.fingerprint_key(templates.normalise(t)): templates.normalise(t) for t in tmpl + pool}
        tmpl_keys = list(shared)[:len(tmpl)]
        pool_keys = list(shared)[len(tmpl):]
        pages = []
        for p in range(n_pages):
            # the page's own lines never reach the text bar: random fingerprints stand for them
            keys = {fp: shared[fp] for fp in tmpl_keys + rng.sample(pool_keys, GEN_SIDEBAR_PER_PAGE)}
            keys.update((rng.getrandbits(32), "") for _ in range(GEN_BODY_LINES))
            pages.append(templates.Page(id=rng.getrandbits(64), keys=keys))
        yield site, pages


def size(a) -> dict:
    tmp = tempfile.TemporaryDirectory(prefix="sites-size-")
    path = os.path.join(tmp.name, "size.sqlite")
    t0 = time.perf_counter()
    with templates.open_store(path) as store:
        for site, pages in size_corpus(a.size, a.size_pages):
            store.learn_many([(site, p) for p in pages])
        store._connect().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    total = sum(os.path.getsize(os.path.join(tmp.name, f)) for f in os.listdir(tmp.name))
    out = {"sites": a.size, "pages_per_site": a.size_pages, "bytes": total,
           "mb": total / 1e6, "bytes_per_site": total / a.size, "seconds": time.perf_counter() - t0}
    tmp.cleanup()
    return out


def print_report(q: dict | None, s: dict | None) -> None:
    if q:
        print(f"sites leave-one-out: {q['cases']} pages of {q['sites']} sites "
              f"(learning all held-out stores: {q['learn_seconds']:.1f}s)\n")
        print("| system | pages | P | R | F1 | doc_f1 |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, t in q["table"].items():
            r = t["all"]
            print(f"| {name} | {r['cases']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r['doc_f1']:.3f} |")
        langs = list(q["table"]["ours fullpage, no store"]["lang"])
        print("\nper language, P / F1:\n")
        print("| system | " + " | ".join(f"{l} ({q['table']['ours fullpage, no store']['lang'][l]['cases']})"
                                         for l in langs) + " |")
        print("|---|" + "---:|" * len(langs))
        for name, t in q["table"].items():
            print(f"| {name} | " + " | ".join(
                f"{t['lang'][l]['precision']:.3f} / {t['lang'][l]['f1']:.3f}" if l in t["lang"] else ""
                for l in langs) + " |")
        plain, store = q["table"]["ours fullpage, no store"], q["table"]["ours fullpage, site store"]
        gain = store["all"]["f1"] - plain["all"]["f1"]
        print(f"\nF1 gain from the store: {gain:+.3f}")
        hp, hs = q["table"]["ours page.html (extract), no store"], q["table"]["ours page.html (extract), site store"]
        print(f"F1 gain from the store on the HTML path: {hs['all']['f1'] - hp['all']['f1']:+.3f}")
        if "trafilatura page.html" in q["table"]:
            print(f"F1 over trafilatura on the HTML: {store['all']['f1'] - q['table']['trafilatura page.html']['all']['f1']:+.3f}")
        worse = [l for l, r in plain["lang"].items() if r["cases"] >= LANG_MIN_PAGES
                 and store["lang"][l]["precision"] < r["precision"]]
        print(f"languages (>= {LANG_MIN_PAGES} pages) where the store lowers precision: {worse or 'none'}")
        c = q["cost"]
        print(f"cost per document: clean {c['clean_ms']:.1f} ms, with store {c['clean_with_store_ms']:.1f} ms; "
              f"lookup {c['lookup_ms']:.2f} ms + stage {c['stage_ms']:.2f} ms = "
              f"{100 * c['lookup_and_stage_share']:.1f}% of clean()")
    if s:
        print(f"\nstore size: {s['sites']} generated sites x {s['pages_per_site']} pages = {s['mb']:.1f} MB "
              f"({s['bytes_per_site']:.0f} bytes a site; {s['seconds']:.0f}s to learn)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", help=f"bench folder (default ${harness.BENCH_ENV} or {harness.DEFAULT_BENCH})")
    ap.add_argument("--limit", type=int, help="first N pages (sorted by id)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--peers", action=argparse.BooleanOptionalAction, default=True, help="trafilatura row")
    ap.add_argument("--quality", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--size", type=int, default=0, metavar="N", help="also measure a store of N generated sites")
    ap.add_argument("--size-pages", type=int, default=SIZE_PAGES_DEFAULT)
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--fold-models", metavar="DIR",
                    help="score each page with DIR/<fold>.json, the cross-validation fold model trained "
                         "without its site (the shipped model has seen these pages)")
    a = ap.parse_args(argv)
    q = quality(a) if a.quality else None
    s = size(a) if a.size else None
    print_report(q, s)
    if a.json:
        Path(a.json).write_text(json.dumps({"quality": q, "size": s}, indent=1, default=float), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
