#!/usr/bin/env python3
"""Title accuracy on the dev pages: Result.title of clean(fullpage.txt) against the headline the
page's HTML states (trafilatura's metadata reading of page.html.gz: og:title, <title>, h1, ...).

The bench's gold has no titles; the HTML's metadata is the page's own statement of its headline,
read by a peer library, so it is a fair reference for a figure (it is sometimes a shortened or
SEO form of the headline: the figure is a floor, not an exact accuracy).

A title agrees when, after NFKC, case folding and punctuation to spaces, one text contains the
other, or their words overlap with an F1 of at least AGREE_MIN_F1 (a "| Site" suffix or a
rubric in the page title does not count against us). Pages without a reference title are
counted apart.

  .venv/bin/python benchmarks/titles.py [--sets article,sites,snippets] [--limit N] [--show N]

Prints per set: pages, with a reference, agreeing, differing, and no title from us; then up to
--show differing pages (ours | reference).
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

AGREE_MIN_F1 = 0.8
_NON_WORD = re.compile(r"[\W_]+")


def normal(text: str | None) -> str:
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text or "")).strip().casefold()


def agrees(ours: str | None, ref: str | None) -> bool:
    """Whether our title and the reference name the same headline (see the module docstring)."""
    a, b = normal(ours), normal(ref)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    wa, wb = set(a.split()), set(b.split())
    common = len(wa & wb)
    return common > 0 and 2 * common / (len(wa) + len(wb)) >= AGREE_MIN_F1


def reference_title(html: str) -> str | None:
    from trafilatura import extract_metadata
    try:
        md = extract_metadata(html)
    except Exception:          # a peer's failure is "no reference", never ours
        return None
    return (md.title or None) if md is not None else None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", help=f"bench folder (default ${harness.BENCH_ENV} or {harness.DEFAULT_BENCH})")
    ap.add_argument("--sets", default="article,sites,snippets")
    ap.add_argument("--limit", type=int, help="first N cases per set")
    ap.add_argument("--show", type=int, default=0, help="print up to N differing pages")
    a = ap.parse_args(argv)
    clean, extractor_error = harness.import_clean()
    bench = harness.bench_dir(a.bench)
    differ = []
    print(f"{'set':10s} {'pages':>6s} {'with ref':>9s} {'agree':>6s} {'differ':>7s} {'no title':>9s}  share")
    for set_name in a.sets.split(","):
        n = with_ref = agree = none = 0
        for case in harness.load_cases(bench, set_name, a.limit):
            n += 1
            ref = reference_title(case.read_html())
            if not ref:
                continue
            with_ref += 1
            try:
                ours = clean(case.read_input("fullpage"), url=case.url).title
            except extractor_error:
                ours = None
            if not ours:
                none += 1
            elif agrees(ours, ref):
                agree += 1
            else:
                differ.append((set_name, case.id, ours, ref))
        share = agree / with_ref if with_ref else 0.0
        print(f"{set_name:10s} {n:6d} {with_ref:9d} {agree:6d} {with_ref - agree - none:7d} {none:9d}  {share:.3f}")
    for set_name, cid, ours, ref in differ[:a.show]:
        print(f"  {set_name}/{cid[:24]}  ours: {ours[:70]!r}  ref: {ref[:70]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
