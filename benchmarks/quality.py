#!/usr/bin/env python3
"""Quality benchmark: our cleaner and its peers on the bench sets, scored by the bench's score.py.

Rows are (system, set, input); columns are score.py's figures:
  article kind (article/, sites/): cases, precision, recall, F1, doc_f1, empty
  snippet kind (snippets/):        cases, precision, recall, F1, accuracy, empty
plus docs/s = cases / summed per-document seconds (one-core throughput, whatever --jobs is).

Systems: `ours` (extractor.clean), `keep-everything` (the input itself), `c4-rules` (the bench
README's C4 line rules), and `trafilatura` / `trafilatura-default` on page.html.gz
(include_comments=False / defaults; outputs cached under benchmarks/.cache by page hash and
trafilatura version, with the original extraction time).

Examples:
  .venv/bin/python benchmarks/quality.py                      # everything, with peers
  .venv/bin/python benchmarks/quality.py --sets article --no-peers --errors 5
  .venv/bin/python benchmarks/quality.py --by-lang --json /tmp/q.json --append-results
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

RESULTS_MD = Path(__file__).resolve().parent / "RESULTS.md"
LANG_MIN_PAGES = 10        # --by-lang: only flag languages with at least this many pages
LANG_F1_MARGIN = 0.05      # --by-lang: flag when F1 is more than this below the overall F1
ERROR_LINES_DEFAULT = 12   # --errors: lines shown per side per page
LINE_WIDTH = 150           # --errors: truncate printed lines


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", help=f"bench folder (default ${harness.BENCH_ENV} or {harness.DEFAULT_BENCH})")
    ap.add_argument("--sets", default=",".join(harness.SETS), help="comma list of article,snippets,sites")
    ap.add_argument("--inputs", help="comma list of text inputs to run (fullpage,partial_resiliparse,"
                                     "partial_trafilatura); default all of each set's")
    ap.add_argument("--limit", type=int, help="first N cases of each set (sorted by id)")
    ap.add_argument("--mode", default="balanced", help="clean(mode=...)")
    ap.add_argument("--peers", action=argparse.BooleanOptionalAction, default=True,
                    help="also run keep-everything, C4 rules and trafilatura (default on)")
    ap.add_argument("--ours", action=argparse.BooleanOptionalAction, default=True,
                    help="run extractor.clean (default on; skipped with a warning if not importable)")
    ap.add_argument("--cache", action=argparse.BooleanOptionalAction, default=True,
                    help="cache trafilatura outputs under benchmarks/.cache (default on)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--by-lang", action="store_true", help="per-language rows for our system")
    ap.add_argument("--json", help="write the summary here")
    ap.add_argument("--append-results", action="store_true", help=f"append a dated block to {RESULTS_MD.name}")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="print the N worst article/fullpage pages for our system")
    ap.add_argument("--error-lines", type=int, default=ERROR_LINES_DEFAULT, metavar="K",
                    help="lines shown per side per page with --errors")
    ap.add_argument("--strict", action="store_true",
                    help="stop on an unexpected (non-ExtractorError) exception in clean()")
    a = ap.parse_args(argv)
    a.sets = [s.strip() for s in a.sets.split(",") if s.strip()]
    bad = [s for s in a.sets if s not in harness.SETS]
    if bad:
        ap.error(f"unknown set(s) {bad}; choose from {list(harness.SETS)}")
    a.inputs = [s.strip().removesuffix(".txt") for s in a.inputs.split(",")] if a.inputs else None
    return a


class Runner:
    def __init__(self, a):
        self.a = a
        self.bench = harness.bench_dir(a.bench)
        self.scorer = harness.load_scorer(self.bench)
        self.pool = multiprocessing.get_context("fork").Pool(a.jobs) if a.jobs > 1 else None
        self.rows = []          # table rows, in print order
        self.preds = {}         # (system, set, input) -> {id: text}, ours only
        self.ours_errors = []   # tracebacks of unexpected exceptions
        self.ours_ok = a.ours and self._ours_importable()

    def _ours_importable(self) -> bool:
        try:
            harness.import_clean()
            return True
        except Exception as exc:  # noqa: BLE001
            print(f"warning: extractor.clean is not importable ({exc!r}); skipping our system",
                  file=sys.stderr)
            return False

    def map(self, fn, items):
        if self.pool is None:
            return [fn(x) for x in items]
        return self.pool.map(fn, items, chunksize=max(1, len(items) // (8 * self.a.jobs) or 1))

    def close(self):
        if self.pool is not None:
            self.pool.close()
            self.pool.join()

    # ---------------------------------------------------------------- recording
    def record(self, system, set_name, inp, cases, texts, seconds, keep_preds=False):
        preds = {c.id: t for c, t in zip(cases, texts)}
        kind, rows, langs = harness.score_predictions(self.bench, set_name, preds)
        summary = harness.summarize(self.bench, kind, list(rows.values()))
        if kind != "article":  # score.py counts empties for the article kind only
            summary["empty"] = sum(1 for t in texts if not (t or "").strip())
        row = {"system": system, "set": set_name, "input": inp, "kind": kind, **summary,
               "docs_per_s": len(cases) / seconds if seconds > 0 else float("inf")}
        self.rows.append(row)
        if keep_preds:
            self.preds[(system, set_name, inp)] = preds
        if self.a.by_lang and system == "ours":
            overall = summary["f1"]
            langs_summ = harness.by_language(self.bench, kind, rows, langs)
            row["by_lang"] = {}
            for lang, m in langs_summ.items():
                flag = m["cases"] >= LANG_MIN_PAGES and m["f1"] < overall - LANG_F1_MARGIN
                if kind != "article":
                    ids = [cid for cid in rows if langs.get(cid) == lang]
                    m["empty"] = sum(1 for cid in ids if not (preds.get(cid) or "").strip())
                m["flag"] = flag
                row["by_lang"][lang] = m
        return row

    # ---------------------------------------------------------------- systems
    def run_ours(self, set_name, inp, cases, texts):
        jobs = [(t, self.a.mode, c.url) for c, t in zip(cases, texts)]
        out = self.map(harness.run_ours, jobs)
        errs = [(c.id, e) for c, (_, _, e) in zip(cases, out) if e]
        if errs:
            self.ours_errors.extend((set_name, inp, cid, e) for cid, e in errs)
            if self.a.strict:
                raise SystemExit(f"clean() raised on {set_name}/{errs[0][0]}:\n{errs[0][1]}")
        self.record("ours", set_name, inp, cases, [o[0] for o in out], sum(o[1] for o in out),
                    keep_preds=True)

    def run_text_peers(self, set_name, inp, cases, texts):
        for name, fn in harness.TEXT_PEERS.items():
            t0 = time.perf_counter()
            outs = [fn(t) for t in texts]
            self.record(name, set_name, inp, cases, outs, time.perf_counter() - t0)

    def run_html_peers(self, set_name, cases):
        have = [c for c in cases if (c.path / "page.html.gz").exists()]
        if len(have) < len(cases):
            print(f"warning: {set_name}: {len(cases) - len(have)} cases lack page.html.gz "
                  "(scored as empty for the HTML peers)", file=sys.stderr)
        for peer in harness.TRAFILATURA_CONFIGS:
            jobs = [(peer, str(c.path / "page.html.gz"), self.a.cache) for c in have]
            t0 = time.perf_counter()
            out = dict(zip((c.id for c in have), self.map(harness.run_trafilatura, jobs)))
            hits = sum(1 for o in out.values() if o[2])
            texts = [out[c.id][0] if c.id in out else "" for c in cases]
            secs = sum(o[1] for o in out.values())
            self.record(peer, set_name, harness.HTML_INPUT, cases, texts, secs)
            print(f"  {peer} on {set_name}: {len(have)} pages, {hits} from cache, "
                  f"{time.perf_counter() - t0:.1f}s wall", file=sys.stderr)

    def run(self):
        for set_name in self.a.sets:
            cases = harness.load_cases(self.bench, set_name, self.a.limit)
            inputs = [i for i in harness.SET_INPUTS[set_name] if not self.a.inputs or i in self.a.inputs]
            for inp in inputs:
                texts = [c.read_input(inp) for c in cases]
                t0 = time.perf_counter()
                if self.ours_ok:
                    self.run_ours(set_name, inp, cases, texts)
                if self.a.peers:
                    self.run_text_peers(set_name, inp, cases, texts)
                print(f"  {set_name}/{inp}: {len(cases)} cases, {time.perf_counter() - t0:.1f}s wall",
                      file=sys.stderr)
            if self.a.peers and (not self.a.inputs or "page.html" in self.a.inputs
                                 or "fullpage" in self.a.inputs):
                self.run_html_peers(set_name, cases)
        if self.a.errors and self.ours_ok and ("ours", "article", "fullpage") not in self.preds:
            cases = harness.load_cases(self.bench, "article", self.a.limit)
            texts = [c.read_input("fullpage") for c in cases]
            self.run_ours("article", "fullpage", cases, texts)
            self.rows.pop()  # only needed for --errors, not for the table


# -------------------------------------------------------------------- output

COLS = ("cases", "precision", "recall", "f1", "second", "empty", "docs_per_s")
HEAD = ("cases", "precision", "recall", "F1", "doc_f1/acc", "empty", "docs/s")


def _second(m):
    return m.get("doc_f1", m.get("accuracy", 0.0))


def fmt_row(system, set_name, inp, m, flag=""):
    vals = [f"{m['cases']:>6}", f"{m['precision']:>9.3f}", f"{m['recall']:>7.3f}", f"{m['f1']:>6.3f}",
            f"{_second(m):>10.3f}", f"{m.get('empty', 0):>5}"]
    dps = m.get("docs_per_s")
    if not isinstance(dps, (int, float)) or dps == float("inf"):
        vals.append(f"{'':>8}")
    else:
        vals.append(f"{dps:>8.1f}" if dps < 1e4 else f"{'>1e4':>8}")
    return f"{system:<20} {set_name:<8} {inp:<20}" + " ".join(vals) + (f"  {flag}" if flag else "")


def print_table(rows, kinds_note=True):
    head = f"{'system':<20} {'set':<8} {'input':<20}" + " ".join(
        f"{h:>{w}}" for h, w in zip(HEAD, (6, 9, 7, 6, 10, 5, 8)))
    print(head)
    print("-" * len(head))
    last = None
    for r in rows:
        key = (r["set"], r["input"])
        if last is not None and key != last and r["set"] != last[0]:
            print()
        last = key
        print(fmt_row(r["system"], r["set"], r["input"], r))
        for lang, m in r.get("by_lang", {}).items():
            print(fmt_row(f"  lang:{lang}", r["set"], r["input"], m,
                          "LOW (≥%d pages, F1 < overall−%.2f)" % (LANG_MIN_PAGES, LANG_F1_MARGIN)
                          if m["flag"] else ""))
    if kinds_note:
        print("doc_f1/acc: doc_f1 for article/sites (mean per-page F1, empty = 0), accuracy for snippets; "
              "docs/s: one-core throughput")


def print_errors(runner, n, k):
    preds = runner.preds.get(("ours", "article", "fullpage"))
    if not preds:
        print("--errors: no run of our system on article/fullpage", file=sys.stderr)
        return
    scorer = runner.scorer
    _, rows, _ = harness.score_predictions(runner.bench, "article", preds)
    worst = sorted(rows.items(), key=lambda kv: (kv[1]["f1"], kv[0]))[:n]
    print(f"\n=== {len(worst)} worst article/fullpage pages for ours (by per-page F1) ===")

    def fmt(x):
        return "—" if x is None else f"{x:.3f}"
    for cid, row in worst:
        case = runner.bench / "article" / cid
        gold = (case / "gold.txt").read_text(encoding="utf-8")
        meta = json.loads((case / "meta.json").read_text(encoding="utf-8")) if (case / "meta.json").exists() else {}
        lost, extra = harness.line_diff(gold, preds[cid], scorer)
        print(f"\n--- {cid[:16]}  f1={row['f1']:.3f} p={fmt(row['p'])} r={fmt(row['r'])}  "
              f"lang={meta.get('lang')}  {meta.get('url') or ''}")
        for label, lines in (("LOST gold", lost), ("KEPT non-gold", extra)):
            print(f"  {label}: {len(lines)} lines")
            for ln in lines[:k]:
                print(f"    {ln[:LINE_WIDTH]}{'…' if len(ln) > LINE_WIDTH else ''}")
            if len(lines) > k:
                print(f"    … {len(lines) - k} more")


def clean_row(r):
    """Full-precision floats (rounding here and again when printing would flip last digits)."""
    def fix(v):
        return None if isinstance(v, float) and v == float("inf") else v
    out = {k: fix(v) for k, v in r.items() if k != "by_lang"}
    if "by_lang" in r:
        out["by_lang"] = {lang: {k: fix(v) for k, v in m.items()} for lang, m in r["by_lang"].items()}
    return out


def summary_json(runner, a):
    return {"date": dt.date.today().isoformat(), "commit": harness.git_head(),
            "bench": str(runner.bench), "mode": a.mode, "limit": a.limit,
            "trafilatura": harness.trafilatura_version(),
            "rows": [clean_row(r) for r in runner.rows]}


def append_results(summary, path=RESULTS_MD):
    lines = [f"\n### {summary['date']} · `{summary['commit']}` · mode={summary['mode']}"
             + (f" · limit={summary['limit']}" if summary["limit"] else "")
             + f" · trafilatura {summary['trafilatura']}", "",
             "| system | set | input | cases | P | R | F1 | doc_f1/acc | empty | docs/s |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in summary["rows"]:
        dps = r.get("docs_per_s")
        dps_s = "" if not isinstance(dps, (int, float)) else f"{dps:.1f}" if dps < 1e4 else ">1e4"
        lines.append(f"| {r['system']} | {r['set']} | {r['input']} | {r['cases']} | {r['precision']:.3f} | "
                     f"{r['recall']:.3f} | {r['f1']:.3f} | {_second(r):.3f} | {r.get('empty', 0)} | {dps_s} |")
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


def main(argv=None):
    a = parse_args(argv)
    t0 = time.perf_counter()
    runner = Runner(a)
    try:
        runner.run()
    finally:
        runner.close()
    print(f"\nbench: {runner.bench}  mode={a.mode}  commit={harness.git_head()}  "
          f"trafilatura {harness.trafilatura_version()}  ({time.perf_counter() - t0:.0f}s)")
    print_table(runner.rows)
    if runner.ours_errors:
        s, i, cid, tb = runner.ours_errors[0]
        print(f"\nwarning: clean() raised a non-ExtractorError on {len(runner.ours_errors)} documents "
              f"(counted as empty); first, {s}/{i}/{cid}:\n{tb}", file=sys.stderr)
    flagged = [(r["set"], r["input"], lang) for r in runner.rows for lang, m in r.get("by_lang", {}).items()
               if m["flag"]]
    if flagged:
        print("languages flagged LOW: " + ", ".join(f"{s}/{i}:{lang}" for s, i, lang in flagged))
    if a.errors:
        print_errors(runner, a.errors, a.error_lines)
    summary = summary_json(runner, a)
    if a.json:
        Path(a.json).write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
    if a.append_results:
        append_results(summary)
        print(f"appended to {RESULTS_MD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
