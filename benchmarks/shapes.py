#!/usr/bin/env python3
"""Inputs of other shapes than the bench's one-block-per-line visible text: what other pipelines
also send to clean(). Each page is scored with the bench's article metric (score.py's
article_case, imported) against the visible body written down by hand, and its title is
compared with the expected one.

Pages (fixtures/shapes and fixtures/cases, all written for the project):
  markdown  news_en.md, blog_en.md (a reader proxy's Markdown), cases/markdown_en, markdown_de
  reader    proxy_en.md: a reader proxy's header (Title, URL Source, Published Time) above its
            Markdown, the page without a headline of its own (title from the header)
  wrapped   cases/wrapped_en (a newsletter hard-wrapped at 72 columns)
  double    cases/cookie_en's page JSON-encoded twice ("Home\\nNews\\n...": no newline)
  html      an HTML page given to clean() instead of extract()

  .venv/bin/python benchmarks/shapes.py [--repo DIR]     (--repo: score another checkout's clean())

Prints one row per page (P, R, F1, title found) and the mean F1.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

FIXTURES = harness.REPO_ROOT / "fixtures"
HTML_PAGE = ("<!DOCTYPE html><html><head><title>Harbour bridge reopens</title></head><body><nav><a href='/'>Home</a> "
             "<a href='/news'>News</a> <a href='/sport'>Sport</a></nav><article><h1>Harbour bridge reopens</h1>"
             "<p>The harbour bridge reopened to traffic on Friday after two years of works that cost more than the "
             "city had planned.</p><p>Engineers replaced the deck and the cables, and the bridge now carries a cycle "
             "lane in both directions.</p></article><footer>© 2024 Gazette. All rights reserved.</footer></body></html>")
HTML_BODY = ("The harbour bridge reopened to traffic on Friday after two years of works that cost more than the city "
             "had planned.\nEngineers replaced the deck and the cables, and the bridge now carries a cycle lane in both "
             "directions.")


def cases() -> list[tuple[str, str, str, str]]:
    """(name, input, visible body, title) of every page."""
    out = []
    shapes = FIXTURES / "shapes"
    for page, title in (("news_en", "City council approves new budget for public libraries"),
                        ("blog_en", "How to cache Docker layers in CI"),
                        ("proxy_en", "Night trains return to the northern line after a decade")):
        out.append((f"{'reader' if page == 'proxy_en' else 'markdown'}/{page}", (shapes / f"{page}.md").read_text(encoding="utf-8"),
                    (shapes / f"{page}.gold.txt").read_text(encoding="utf-8"), title))

    def case(name):
        return json.loads((FIXTURES / "cases" / f"{name}.json").read_text(encoding="utf-8"))
    for name, shape in (("markdown_en", "markdown"), ("markdown_de", "markdown"), ("wrapped_en", "wrapped")):
        c = case(name)
        out.append((f"{shape}/{name}", c["text"], "\n".join(c["keep"]), c["title"]))
    c = case("cookie_en")
    out.append(("double/cookie_en", json.dumps(c["text"])[1:-1], "\n".join(c["keep"]), c["title"]))
    out.append(("html/bridge_en", HTML_PAGE, HTML_BODY, "Harbour bridge reopens"))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", help="import clean() from this checkout instead")
    ap.add_argument("--bench", help="where score.py is (default: $EXTRACTOR_BENCH or ../shared/bench)")
    args = ap.parse_args(argv)
    if args.repo:
        sys.path.insert(0, str(Path(args.repo).resolve()))
    else:
        harness._ensure_repo_on_path()
    from extractor import clean
    bench = harness.bench_dir(args.bench)
    # the metric: the bench's score.py, or the copy the tests keep when no bench is beside us
    score = harness.load_scorer(bench if (bench / "score.py").exists() else Path(__file__).parent / "testdata")
    rows = []
    print(f"{'page':28s} {'P':>6s} {'R':>6s} {'F1':>6s}  title")
    for name, text, body, title in cases():
        r = clean(text)
        row = score.article_case(body, r.text)
        rows.append(row)
        p = "-" if row["p"] is None else f"{row['p']:.3f}"
        print(f"{name:28s} {p:>6s} {row['r']:6.3f} {row['f1']:6.3f}  {'found' if r.title == title else 'WRONG: ' + repr(r.title)}")
    print(f"mean F1 {sum(r['f1'] for r in rows) / len(rows):.3f} over {len(rows)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
