#!/usr/bin/env python3
"""Print the shipped model's grouped cross-validated figures (written by `extractor train` into
extractor/data/model.json) as a Markdown table, for benchmarks/RESULTS.md.

These are the honest figures of the learned cleaner on the dev sets: each page is scored by a
model that never saw its site. `benchmarks/quality.py` runs the shipped model, which was trained
on all dev pages, so its figures on the same pages are in-sample.

  .venv/bin/python benchmarks/cv_table.py [--model extractor/data/model.json]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def table(model: dict) -> str:
    cv = model.get("cv") or {}
    if not cv:
        return "(the model file has no cross-validated figures: it was trained with --no-cv)"
    head = (f"Grouped {model.get('folds', '?')}-fold cross-validation by site, full pipeline, score.py metric "
            f"(model data hash `{model.get('data_hash', '?')}`, {model.get('n_blocks', '?')} labelled blocks)")
    return "\n".join([head, "", *table_rows(cv)])


def table_rows(cv: dict) -> list[str]:
    """The Markdown table (header and one row per set / input) of a CV summary as
    extractor.train.summarise returns it: {set_input: {cases, precision, recall, f1, doc_f1 or
    accuracy, by_lang}}. Shared with benchmarks/cv.py."""
    lines = ["| set / input | cases | P | R | F1 | doc_f1 / acc | F1 by language (>= 10 pages) |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for key, m in sorted(cv.items()):
        second = m.get("doc_f1", m.get("accuracy"))
        langs = ", ".join(f"{lg} {f:.3f}" for lg, f in sorted(m.get("by_lang", {}).items()))
        lines.append(f"| {key} | {m['cases']} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.4f} | "
                     f"{second:.4f} | {langs} |")
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=str(ROOT / "extractor" / "data" / "model.json"))
    a = ap.parse_args(argv)
    print(table(json.loads(Path(a.model).read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
