#!/usr/bin/env python3
"""HTML benchmark: extractor.extract() beside its peers on page.html.gz, in the same run.

Sets: article/ and snippets/ of the bench folder (sites/ with --sets). Every figure goes through
the bench's score.py (harness.load_scorer / harness.score_predictions): article kind -> cases,
precision, recall, F1, doc_f1, empty; snippet kind -> precision, recall, F1, accuracy. Plus
ms/page: the mean wall time of one call on one page (one process, pages run one after another,
every system on a page before the next page, so machine noise hits all systems alike). One-time
loading is not per-page time: every system runs once on the first page before timing, and ours
also calls extractor.htmlapi.warm_up() (rule sets of all languages, language profiles), which
a long-running process would do at start-up; --cold skips that.

Systems:
  ours                      extractor.extract(html, url=...)
  trafilatura               trafilatura.extract(include_comments=False)   (the bar to beat)
  trafilatura-default       trafilatura.extract()
  trafilatura-precision     trafilatura.extract(favor_precision=True)
  readability-lxml          Document(html).summary() -> text             (if installed: `bench` extra)
  resiliparse               extract_plain_text(main_content=True)         (if installed: `bench` extra)

Example:
  .venv/bin/python benchmarks/html_quality.py                        # article + snippets, all systems
  .venv/bin/python benchmarks/html_quality.py --sets article --systems ours,trafilatura --errors 5
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

DEFAULT_SETS = ("article", "snippets")


def _ours(warm: bool = True):
    harness._ensure_repo_on_path()
    from extractor import errors
    from extractor.htmlapi import extract, warm_up
    if warm:
        warm_up()       # one-time loading (rule sets of every language, language profiles, model)

    def run(html: bytes, url: str | None, mode: str = "balanced") -> str:
        try:
            return extract(html, url=url, mode=mode).text
        except errors.ExtractorError:
            return ""
    return run


def _trafilatura(**kw):
    import trafilatura

    def run(html: bytes, url: str | None) -> str:
        return trafilatura.extract(html, url=url, **kw) or ""
    return run


def _html_to_text(fragment: str) -> str:
    """readability's summary HTML -> text: one line per block element (words never glued)."""
    from selectolax.lexbor import LexborHTMLParser
    body = LexborHTMLParser(fragment).body
    return body.text(separator="\n", strip=True) if body is not None else ""


def _readability():
    from readability import Document

    def run(html: bytes, url: str | None) -> str:
        return _html_to_text(Document(html, url=url).summary(html_partial=True))
    return run


def _resiliparse():
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    from resiliparse.parse.html import HTMLTree

    def run(html: bytes, url: str | None) -> str:
        tree = HTMLTree.parse(bytes_to_str(html, detect_encoding(html)))
        return extract_plain_text(tree, main_content=True)
    return run


SYSTEMS = {
    "ours": _ours,
    "trafilatura": lambda: _trafilatura(include_comments=False),
    "trafilatura-default": lambda: _trafilatura(),
    "trafilatura-precision": lambda: _trafilatura(favor_precision=True),
    "readability-lxml": _readability,
    "resiliparse": _resiliparse,
}


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", help=f"bench folder (default ${harness.BENCH_ENV} or {harness.DEFAULT_BENCH})")
    ap.add_argument("--sets", default=",".join(DEFAULT_SETS))
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    ap.add_argument("--limit", type=int, help="first N cases of each set")
    ap.add_argument("--mode", default="balanced", help="extract(mode=...) for ours")
    ap.add_argument("--json", help="write the summary here")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="print the N worst article pages for ours (lost / extra lines)")
    ap.add_argument("--cold", action="store_true",
                    help="do not call extractor.htmlapi.warm_up() for ours before timing")
    ap.add_argument("--save", help="write every system's outputs to DIR/<system>/<set>/<id>.txt")
    return ap.parse_args(argv)


def main(argv=None) -> int:
    a = parse_args(argv)
    bench = harness.bench_dir(a.bench)
    scorer = harness.load_scorer(bench)
    systems = {}
    for name in [s.strip() for s in a.systems.split(",") if s.strip()]:
        if name not in SYSTEMS:
            raise SystemExit(f"unknown system {name}; choose from {list(SYSTEMS)}")
        try:
            systems[name] = _ours(not a.cold) if name == "ours" else SYSTEMS[name]()
        except ImportError as e:
            print(f"# skipping {name}: {e} (pip install -e '.[bench]')", file=sys.stderr)
    if "ours" in systems and a.mode != "balanced":
        ours = systems["ours"]
        systems["ours"] = lambda html, url: ours(html, url, a.mode)
    summary = {}
    header = f"{'set':<9}{'system':<23}{'cases':>6}{'P':>8}{'R':>8}{'F1':>8}{'doc_f1/acc':>11}{'empty':>6}{'crash':>6}{'ms/page':>9}{'x traf':>8}"
    print(header)
    for set_name in [s.strip() for s in a.sets.split(",") if s.strip()]:
        cases = [c for c in harness.load_cases(bench, set_name, a.limit) if (c.path / "page.html.gz").exists()]
        preds = {n: {} for n in systems}
        secs = {n: 0.0 for n in systems}
        crashes = {n: 0 for n in systems}
        if cases:                    # warm-up: one-time loading (models, stoplists) is not per-page time
            for fn in systems.values():
                try:
                    fn(cases[0].read_html(), cases[0].url)
                except Exception:  # noqa: BLE001
                    pass
        for case in cases:
            html = case.read_html()
            for name, fn in systems.items():
                t0 = time.perf_counter()
                try:
                    out = fn(html, case.url)
                except Exception:  # noqa: BLE001 - counted and shown, a crash is empty output
                    out = ""
                    crashes[name] += 1
                    if name == "ours":
                        print(f"# CRASH ours {set_name}/{case.id}\n{traceback.format_exc()}", file=sys.stderr)
                secs[name] += time.perf_counter() - t0
                preds[name][case.id] = out
        ids = [c.id for c in cases]
        base_ms = secs.get("trafilatura", 0.0) / max(len(cases), 1) * 1000
        for name in systems:
            kind, rows, _langs = harness.score_predictions(bench, set_name, preds[name], ids)
            s = harness.summarize(bench, kind, list(rows.values()))
            ms = secs[name] / max(len(cases), 1) * 1000
            empty = sum(1 for i in ids if not (preds[name][i] or "").strip())
            second = s["doc_f1"] if kind == "article" else s["accuracy"]
            rel = ms / base_ms if base_ms else float("nan")
            print(f"{set_name:<9}{name:<23}{len(ids):>6}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.4f}"
                  f"{second:>11.4f}{empty:>6}{crashes[name]:>6}{ms:>9.1f}{rel:>8.2f}")
            summary.setdefault(set_name, {})[name] = {**s, "ms_per_page": ms, "empty_outputs": empty,
                                                      "crashes": crashes[name], "x_trafilatura": rel}
        if "ours" in systems and "trafilatura" in systems:
            lost_text = [i for i in ids if preds["trafilatura"][i].strip() and not preds["ours"][i].strip()]
            if lost_text:
                print(f"# {set_name}: ours empty where trafilatura found text: {lost_text}")
        if a.save:
            for name in systems:
                d = Path(a.save) / name / set_name
                d.mkdir(parents=True, exist_ok=True)
                for cid, text in preds[name].items():
                    (d / f"{cid}.txt").write_text(text or "", encoding="utf-8")
        if a.errors and set_name == "article" and "ours" in systems:
            scored = []
            for case in cases:
                gold = (case.path / "gold.txt").read_text(encoding="utf-8")
                row = scorer.article_case(gold, preds["ours"][case.id])
                scored.append((row["f1"], case, gold))
            for f1, case, gold in sorted(scored, key=lambda x: x[0])[:a.errors]:
                lost, extra = harness.line_diff(gold, preds["ours"][case.id], scorer)
                print(f"\n== {case.id} F1={f1:.3f} {case.url}")
                for ln in lost[:12]:
                    print("  LOST ", ln[:150])
                for ln in extra[:12]:
                    print("  EXTRA", ln[:150])
    if a.json:
        Path(a.json).write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
