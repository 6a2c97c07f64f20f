#!/usr/bin/env python3
"""Grouped cross-validation of the learned cleaner, reproducible: train the fold models once,
re-score them with the current code as often as needed.

Why: the learned model and the mined `learned` phrase rules are fitted on the dev pages, so
`benchmarks/quality.py` (the shipped model on those same pages) reports in-sample figures. The
honest figures are cross-validated: grouped 5-fold CV by site, exactly as `extractor train` does
it (extractor/train.py: same documents, same `train.folds` split, each fold's phrase rules mined
from its training pages only, same `fit`), where every page is scored by a model and rules that
never saw its site. Retraining takes minutes and moves the figures by about +-0.01 from run to
run, which hides the effect of a rule or context change; so `train` saves each fold's model and
mined packs, and `score` re-runs the full pipeline of the *current* checkout with those saved
fold models (the fold's mined packs in force through `rules.overridden("learned", ...)`) on each
fold's held-out pages, in well under a minute. Any difference between two `score` runs on the
same directory is then the code change alone. Figures come from extractor.train.evaluate and
extractor.train.summarise, which apply the bench's own score.py (nothing re-implemented here).

Commands (training uses scikit-learn: set OMP_NUM_THREADS=1 so its thread pools do not fight
over the cores, and for repeatable timings):

  OMP_NUM_THREADS=1 .venv/bin/python benchmarks/cv.py train --out DIR [--bench DIR] [--seeds fixtures/seeds]
      trains the 5 fold models (~7 min on one core), writes DIR/foldK.json, DIR/foldK_packs.json
      and DIR/manifest.json (git commit, data hash, date, split), then scores them (table).
  OMP_NUM_THREADS=1 .venv/bin/python benchmarks/cv.py train --split source --out DIR
      leave one source out instead: three fold models, one per bench source (article with its
      partial inputs, sites, snippets), each trained on the other two and the seeds; `score DIR`
      then scores each source with the model that never saw it (the manifest records the split).
      The drop from the site folds to these is what pages of an unseen source cost.
  OMP_NUM_THREADS=1 .venv/bin/python benchmarks/cv.py score DIR [--per-doc OUT.json] [--compare DIR2]
      re-scores DIR's fold models with the current code and prints the Markdown table (the
      columns of cv_table.py); --per-doc writes each page's score.py row, set and fold;
      --compare DIR2 prints DIR and DIR2 side by side (e.g. two trainings: retrain variance).

Options of both: --bench DIR (default $EXTRACTOR_BENCH or ../shared/bench, as the other
benchmarks), --seeds DIR (the seed documents take part in the split, as in `extractor train`),
--sets article,snippets,sites (score only those pages), --limit N (score N cases per set;
for `train`: train on N documents sampled as `extractor train --limit N` does, for smoke tests).
`train` needs the `train` extra (scikit-learn, threadpoolctl; also in `dev`, installed by
`make test`).
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cv_table  # noqa: E402
import harness  # noqa: E402

harness._ensure_repo_on_path()
from extractor import rules as rulepacks  # noqa: E402
from extractor import train as T  # noqa: E402
from extractor.model import load_model  # noqa: E402

DEFAULT_SEEDS = harness.REPO_ROOT / "fixtures" / "seeds"
MANIFEST = "manifest.json"
SETS = ("article", "snippets", "sites")      # a document's set: the part of Doc.source before "_"


# --------------------------------------------------------------------------- the documents and the split

def load_documents(bench: Path, seeds: Path | None, limit: int | None = None) -> list:
    """The documents of `extractor train` (extractor.train.load_docs), sampled as its --limit does.
    Cached per process (loading and labelling the bench takes seconds; nothing modifies a Doc)."""
    return list(_load(str(bench), str(seeds) if seeds else None, limit))


@functools.lru_cache(maxsize=4)
def _load(bench: str, seeds: str | None, limit: int | None) -> tuple:
    docs, _ = T.load_docs(Path(bench), Path(seeds) if seeds else None)
    return tuple(T.sample(docs, limit))


# --split source: leave one source out. Each bench source is a fold (an article page's partial
# input goes with its full page), the seeds and anything else are always trained on: how the
# learned cleaner does on pages of a kind it has never seen, as the held-out sources it will
# be judged on. (Site folds measure unseen sites of known sources.)
SOURCE_FOLDS = {"article": 0, "article_partial": 0, "sites": 1, "snippets": 2}
TRAIN_ONLY_FOLD = 3
SPLITS = ("site", "source")


def split(docs: list, by: str = "site") -> list[int]:
    """The fold of each document: extractor.train.folds, as `extractor train` uses it (by site),
    or one fold per bench source (by="source", SOURCE_FOLDS)."""
    if by == "source":
        return [SOURCE_FOLDS.get(d.source, TRAIN_ONLY_FOLD) for d in docs]
    if by != "site":
        raise ValueError(f"unknown split {by!r}; choose from {SPLITS}")
    return T.folds(docs, T.N_FOLDS)


def held_out_folds(fold_ids: list[int], by: str) -> list[int]:
    """The folds trained and scored: by site all N_FOLDS of them (as `extractor train`), by
    source those with pages (not the train-only fold)."""
    if by == "site":
        return list(range(T.N_FOLDS))
    return sorted(set(fold_ids) - {TRAIN_ONLY_FOLD})


def split_of(manifest: dict | None) -> str:
    """The split a fold directory was trained with (its manifest's; by site without one)."""
    return (manifest or {}).get("split", "site")


def split_title(by: str) -> str:
    return (f"Grouped {T.N_FOLDS}-fold cross-validation by site" if by == "site" else
            "Leave-one-source-out cross-validation (each bench source a fold)")


def split_hash(docs: list, fold_ids: list[int]) -> str:
    h = hashlib.sha256()
    for d, f in zip(docs, fold_ids):
        h.update(f"{d.id}\t{f}\n".encode())
    return h.hexdigest()[:16]


def scored_ids(docs: list, sets=SETS, limit: int | None = None) -> set[str]:
    """The documents to score: those of `sets` and, with `limit`, of N cases per set spread
    evenly over the sorted case names (every input of an article case)."""
    by_set: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for d in docs:
        set_name = d.source.split("_")[0]
        if set_name in sets:
            by_set[set_name][d.id.split("/")[1]].append(d.id)
    ids = set()
    for cases in by_set.values():
        names = sorted(cases)
        if limit:
            names = names[:: max(1, len(names) // limit)][:limit]
        ids.update(i for n in names for i in cases[n])
    return ids


# --------------------------------------------------------------------------- train

def require_training_libs():
    missing = [m for m in ("sklearn", "threadpoolctl", "numpy") if importlib.util.find_spec(m) is None]
    if missing:
        raise SystemExit(f"cv.py train needs {', '.join(missing)} (the 'train' extra, also part of 'dev' "
                         f"that `make test` installs): .venv/bin/pip install -e '.[train]'")


def train_folds(docs: list, out: Path, *, bench: Path, limit: int | None = None, min_groups: int | None = None,
                by: str = "site", log=print) -> dict:
    """The CV part of extractor.train.train: per fold, mine the learned packs from the training
    documents, fit under them, save foldK.json and foldK_packs.json; then manifest.json (written
    last: a directory with a manifest is complete). Returns the manifest."""
    require_training_libs()
    out.mkdir(parents=True, exist_ok=True)
    (out / MANIFEST).unlink(missing_ok=True)       # an interrupted run leaves no manifest behind
    bases = [T._base(d) for d in docs]
    langs = {d.id: (d.lang or b.language) for d, b in zip(docs, bases)}
    D = T.design(docs, bases, doc_ids=())          # the layout (labels, weights) only
    labelled = D.y >= 0
    w = T._doc_weights(docs, D.owner, D.w, labelled)
    fold_ids = split(docs, by)
    folds = held_out_folds(fold_ids, by)
    for k, tr, fold_packs, m in T.fold_models(docs, bases, langs, w, fold_ids, min_groups=min_groups, folds=folds):
        (out / f"fold{k}.json").write_text(json.dumps(m.to_json(), sort_keys=True), encoding="utf-8")
        (out / f"fold{k}_packs.json").write_text(json.dumps(fold_packs, sort_keys=True, ensure_ascii=False),
                                                 encoding="utf-8")
        log(f"fold {k + 1}/{len(folds)} trained on {len(tr)} documents; mined rules {T._rule_counts(fold_packs)}")
    manifest = {"created_by": "benchmarks/cv.py train", "commit": harness.git_head(),
                "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "data_hash": T.data_hash(docs), "bench": str(bench), "n_docs": len(docs),
                "n_labelled_blocks": int(labelled.sum()), "split": by, "folds": len(folds),
                "fold_sizes": [fold_ids.count(k) for k in folds],
                "split_hash": split_hash(docs, fold_ids), "limit": limit, "min_groups": min_groups}
    write_manifest(out, manifest)
    return manifest


def write_manifest(cvdir: Path, manifest: dict):
    (Path(cvdir) / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- score

def read_manifest(cvdir: Path) -> dict | None:
    p = Path(cvdir) / MANIFEST
    return json.loads(p.read_text(encoding="utf-8")) if p.exists() else None


def score(cvdir: Path, bench: Path, seeds: Path | None, *, sets=SETS, limit: int | None = None,
          docs: list | None = None, log=print) -> tuple[dict, dict]:
    """Score the fold models of `cvdir` with the current code on their held-out pages.

    The split is recomputed from the data (the documents of a `--limit`ed training when the
    manifest says so) and checked against the manifest's when there is one. `sets` and `limit`
    choose which held-out pages are scored; they never change the split. Returns
    (summary {set_input: figures}, per_doc {doc id: score.py row + set + fold})."""
    cvdir = Path(cvdir)
    manifest = read_manifest(cvdir)
    if docs is None:
        docs = load_documents(bench, seeds, (manifest or {}).get("limit"))
    by = split_of(manifest)
    fold_ids = split(docs, by)
    if manifest is None:
        log(f"{cvdir}: no {MANIFEST}; split recomputed from the current data")
    else:
        if manifest.get("split_hash") != split_hash(docs, fold_ids):
            raise SystemExit(f"{cvdir}: the fold split of the current data and seeds differs from the one the "
                             "models were trained with (held-out pages would be in-sample); retrain")
        if manifest.get("data_hash") != T.data_hash(docs):
            log(f"{cvdir}: note: data hash {T.data_hash(docs)} differs from the training's "
                f"{manifest.get('data_hash')} (same split)")
    scored = scored_ids(docs, sets, limit)
    score_mod = T.load_score(bench)
    merged: dict[str, list] = defaultdict(list)
    per_doc = {}
    for k in held_out_folds(fold_ids, by):
        held = [d for d, f in zip(docs, fold_ids) if f == k and d.id in scored]
        if not held:
            continue
        model = load_model(cvdir / f"fold{k}.json")
        packs = json.loads((cvdir / f"fold{k}_packs.json").read_text(encoding="utf-8"))
        with rulepacks.overridden("learned", packs):
            for key, rows in T.evaluate(model, held, score_mod).items():
                merged[key].extend(rows)
                for doc, r in rows:
                    per_doc[doc.id] = {"set": key, "fold": k, "lang": doc.lang, **r}
    return T.summarise(merged, score_mod), per_doc


def compare_rows(a: dict, b: dict, name_a: str, name_b: str) -> list[str]:
    """Two CV summaries side by side (P, R, F1, doc_f1 / accuracy of each, and the F1 change)."""
    lines = [f"A = {name_a}, B = {name_b}", "",
             "| set / input | cases | P A | P B | R A | R B | F1 A | F1 B | F1 B-A | doc_f1 / acc A | doc_f1 / acc B |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for key in sorted(set(a) | set(b)):
        ma, mb = a.get(key), b.get(key)

        def cell(m, x, fmt):
            if m is None:
                return "-"
            v = m.get(x, m.get("accuracy")) if x == "doc_f1" else m[x]
            return format(v, fmt)
        cases = ma["cases"] if ma else mb["cases"]
        if ma and mb and ma["cases"] != mb["cases"]:
            cases = f"{ma['cases']} / {mb['cases']}"
        delta = f"{mb['f1'] - ma['f1']:+.4f}" if ma and mb else "-"
        lines.append(f"| {key} | {cases} | {cell(ma, 'precision', '.3f')} | {cell(mb, 'precision', '.3f')} | "
                     f"{cell(ma, 'recall', '.3f')} | {cell(mb, 'recall', '.3f')} | {cell(ma, 'f1', '.4f')} | "
                     f"{cell(mb, 'f1', '.4f')} | {delta} | {cell(ma, 'doc_f1', '.4f')} | {cell(mb, 'doc_f1', '.4f')} |")
    return lines


def heading(cvdir: Path, manifest: dict | None, n_pages: int) -> str:
    made = (f"fold models trained at `{manifest.get('commit')}` on {manifest.get('date')}, data hash "
            f"`{manifest.get('data_hash')}`" + (f", --limit {manifest['limit']}" if manifest.get("limit") else "")
            if manifest else "fold models without a manifest")
    return (f"{split_title(split_of(manifest))}, full pipeline at `{harness.git_head()}`, "
            f"score.py metric; {cvdir} ({made}); {n_pages} held-out pages scored")


# --------------------------------------------------------------------------- command line

def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--bench", help=f"bench folder (default ${harness.BENCH_ENV} or {harness.DEFAULT_BENCH})")
    common.add_argument("--seeds", default=str(DEFAULT_SEEDS), help="seed documents (default fixtures/seeds); "
                        "they take part in the split as in `extractor train`")
    common.add_argument("--sets", default=",".join(SETS), help="score only these sets' pages (comma list)")
    t = sub.add_parser("train", parents=[common], help="train and save the fold models, then score them")
    t.add_argument("--out", required=True, help="directory for foldK.json, foldK_packs.json, manifest.json")
    t.add_argument("--limit", type=int, help="train on N documents sampled as `extractor train --limit` (smoke tests)")
    t.add_argument("--min-groups", type=int, help="mined rules: minimum distinct sites (default mine.MIN_GROUPS)")
    t.add_argument("--split", choices=SPLITS, default="site",
                   help="site: grouped 5-fold by site (default); source: leave one bench source out")
    s = sub.add_parser("score", parents=[common], help="re-score saved fold models with the current code")
    s.add_argument("dir", help="a directory written by `cv.py train`")
    s.add_argument("--limit", type=int, help="score N cases per set, spread over the case names (the split is unchanged)")
    s.add_argument("--per-doc", metavar="OUT.json", help="write each page's score.py row, set and fold")
    s.add_argument("--compare", metavar="DIR2", help="also score DIR2 and print both side by side")
    a = ap.parse_args(argv)
    a.sets = tuple(x.strip() for x in a.sets.split(",") if x.strip())
    bad = [x for x in a.sets if x not in SETS]
    if bad:
        ap.error(f"unknown set(s) {bad}; choose from {list(SETS)}")
    return a


def main(argv=None) -> int:
    a = parse_args(argv)
    bench = harness.bench_dir(a.bench)
    seeds = Path(a.seeds) if a.seeds else None
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731 - progress, not the table
    if a.cmd == "train":
        require_training_libs()
        docs = load_documents(bench, seeds, a.limit)
        out = Path(a.out)
        manifest = train_folds(docs, out, bench=bench, limit=a.limit, min_groups=a.min_groups, by=a.split, log=log)
        tab, _ = score(out, bench, seeds, sets=a.sets, docs=docs, log=log)
        manifest["cv"] = tab                        # the figures at training time, for the record
        write_manifest(out, manifest)
        print(heading(out, manifest, sum(m["cases"] for m in tab.values())), "", *cv_table.table_rows(tab), sep="\n")
        return 0
    cvdir = Path(a.dir)
    tab, per_doc = score(cvdir, bench, seeds, sets=a.sets, limit=a.limit, log=log)
    if a.per_doc:
        Path(a.per_doc).write_text(json.dumps(per_doc, default=str), encoding="utf-8")
    if a.compare:
        tab2, _ = score(Path(a.compare), bench, seeds, sets=a.sets, limit=a.limit, log=log)
        print(f"{split_title(split_of(read_manifest(cvdir)))}, full pipeline at `{harness.git_head()}`, "
              "score.py metric: two sets of fold models", "", *compare_rows(tab, tab2, str(cvdir), a.compare), sep="\n")
        return 0
    print(heading(cvdir, read_manifest(cvdir), len(per_doc)), "", *cv_table.table_rows(tab), sep="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
