"""`extractor train`: rebuild the block model (data/model.json) from labelled pages.

Training data, by documented and tested rules (see label_* functions):
  - article (fullpage.txt, partial_resiliparse.txt, partial_trafilatura.txt) and sites
    (fullpage.txt): a line is content when at least CONTENT_SHARE of its word 4-grams are in the
    gold text's, boilerplate when at most BOILER_SHARE are; lines in between are ambiguous and
    left out of training (their count is reported). Lines of fewer than 4 words count as content
    when they occur as a contiguous token run in the gold.
  - snippets (fullpage.txt): a line containing a must-keep snippet is content, one containing a
    must-remove snippet is boilerplate; other lines are not labelled.
  - seeds (fixtures/seeds/*.labels.jsonl): body = content; title, duplicate and every boilerplate
    kind = boilerplate; either = not labelled.
Validation is grouped by site (registrable host, or the sites set's `site`): no site is ever in
both the training and the validation part of a fold. The cross-validated table is the full
pipeline's F1 (score.py's metric) on each fold's held-out pages.

Mined phrase rules (mine.py, the `learned` rule category): mined from all documents for the
shipped packs (extractor/rules/packs/learned/<lang>.txt, written when `rules_out` is given) and
the final model. Inside the cross-validation each fold mines its own rules from its training
documents only and uses them (rules.overridden) both for the training design (rule hits are
stage-1 features) and for scoring the held-out pages (a hit is decisive in classify), so the
table measures the rules on sites they were not mined from.

The training library (scikit-learn, the `train` extra) is imported here only.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .model import FEATURE_NAMES, LogRegModel
from .options import Options

CONTENT_SHARE = 0.5        # share of a line's 4-grams found in gold for "content"
BOILER_SHARE = 0.1         # share at or below which a line is "boilerplate"
N_FOLDS = 5
INNER_FOLDS = 3            # stage 1's out-of-fold scores for training stage 2
C_REGULARISATION = 0.5     # inverse L2 strength of the logistic regression
WEIGHT_EXP = 0.5           # sample weight = chars ** WEIGHT_EXP (the metric counts words, not lines)
MAX_DOCS_PER_GROUP = 12    # a site with many pages must not dominate the fit
SOURCE_SHARE = {"seeds": 0.5}   # relative total weight per source (default 1: equal shares)
THRESHOLDS = {"precision": 0.62, "balanced": 0.5, "recall": 0.35}
# Stage 2: scikit-learn's HistGradientBoostingClassifier over model.TREE_FEATURE_NAMES, a fixed
# number of rounds (no early stopping: its random validation split would make the file depend on
# more than the data), fitted on one thread (a parallel sum could change the last bit).
TREE_PARAMS = {"max_iter": 150, "learning_rate": 0.1, "max_depth": 5, "min_samples_leaf": 40,
               "l2_regularization": 1.0}
_WORD = re.compile(r"\w+")


@dataclass
class Doc:
    id: str
    source: str                  # article | article_partial | snippets | sites | seeds
    group: str
    text: str
    url: str | None
    lang: str | None
    line_labels: dict[int, int] = field(default_factory=dict)   # line number -> 1 content / 0 boilerplate
    gold: str | None = None
    keep: list | None = None
    remove: list | None = None


def _shingles(tokens: list[str]) -> list[tuple]:
    if len(tokens) < 4:
        return [tuple(tokens)] if tokens else []
    return [tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3)]


def label_by_gold(text: str, gold: str) -> tuple[dict[int, int], int]:
    """Line labels from overlap with the gold text; returns (labels, ambiguous count)."""
    gold_tokens = _WORD.findall(gold)
    gold_set = set(_shingles(gold_tokens))
    gold_joined = " " + " ".join(gold_tokens) + " "
    labels, ambiguous = {}, 0
    for n, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        toks = _WORD.findall(line)
        if not toks:
            continue
        if len(toks) < 4:
            labels[n] = int(f" {' '.join(toks)} " in gold_joined)
            continue
        sh = _shingles(toks)
        share = sum(1 for s in sh if s in gold_set) / len(sh)
        if share >= CONTENT_SHARE:
            labels[n] = 1
        elif share <= BOILER_SHARE:
            labels[n] = 0
        else:
            ambiguous += 1
    return labels, ambiguous


def _norm(s: str) -> str:
    import unicodedata
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip()


def label_by_snippets(text: str, keep: list[str], remove: list[str]) -> dict[int, int]:
    labels = {}
    keep_n, remove_n = [_norm(k) for k in keep], [_norm(r) for r in remove]
    for n, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        ln = _norm(line)
        if not ln:
            continue
        if any(k and k in ln for k in keep_n):
            labels[n] = 1
        elif any(r and r in ln for r in remove_n):
            labels[n] = 0
    return labels


SEED_CONTENT = {"body"}
SEED_SKIP = {"either"}


def label_seed(rows: list[dict]) -> dict[int, int]:
    return {r["line"]: int(r["label"] in SEED_CONTENT) for r in rows if r["label"] not in SEED_SKIP}


def site_of(url: str | None) -> str:
    if not url:
        return "unknown"
    host = (urlsplit(url).hostname or "unknown").lower()
    parts = host.split(".")
    if len(parts) > 2 and len(parts[-1]) == 2 and parts[-2] in ("co", "com", "org", "net", "ac", "gov"):
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def load_docs(bench: Path, seeds: Path | None) -> tuple[list[Doc], dict]:
    docs: list[Doc] = []
    report: Counter = Counter()
    for case in sorted((bench / "article").iterdir()):
        meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
        gold = (case / "gold.txt").read_text(encoding="utf-8")
        grp = site_of(meta.get("url"))
        for inp, src in (("fullpage.txt", "article"), ("partial_resiliparse.txt", "article_partial"),
                         ("partial_trafilatura.txt", "article_partial")):
            f = case / inp
            if not f.exists():
                continue
            text = f.read_text(encoding="utf-8")
            labels, amb = label_by_gold(text, gold)
            report[f"{src}_ambiguous"] += amb
            report[f"{src}_lines"] += len(labels)
            docs.append(Doc(f"article/{case.name}/{inp}", src, grp, text, meta.get("url"), meta.get("lang"), labels, gold=gold))
    for case in sorted((bench / "snippets").iterdir()):
        meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
        text = (case / "fullpage.txt").read_text(encoding="utf-8")
        keep = json.loads((case / "keep.json").read_text(encoding="utf-8"))
        remove = json.loads((case / "remove.json").read_text(encoding="utf-8"))
        labels = label_by_snippets(text, keep, remove)
        report["snippets_lines"] += len(labels)
        docs.append(Doc(f"snippets/{case.name}", "snippets", site_of(meta.get("url")), text, meta.get("url"),
                        meta.get("lang"), labels, keep=keep, remove=remove))
    for case in sorted((bench / "sites").iterdir()):
        meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
        gold = (case / "gold.txt").read_text(encoding="utf-8")
        text = (case / "fullpage.txt").read_text(encoding="utf-8")
        labels, amb = label_by_gold(text, gold)
        report["sites_ambiguous"] += amb
        report["sites_lines"] += len(labels)
        docs.append(Doc(f"sites/{case.name}", "sites", "site:" + (meta.get("site") or meta.get("domain") or case.name),
                        text, meta.get("url"), meta.get("lang"), labels, gold=gold))
    if seeds and seeds.is_dir():
        for f in sorted(seeds.glob("*.labels.jsonl")):
            rows = [json.loads(l) for l in f.read_text(encoding="utf-8").splitlines() if l.strip()]
            text = f.with_name(f.name.replace(".labels.jsonl", ".txt")).read_text(encoding="utf-8")
            docs.append(Doc(f"seeds/{f.name}", "seeds", f"seed:{f.name}", text, None, None, label_seed(rows)))
    return docs, dict(report)


def _base(doc: Doc):
    """A document after the stages that do not depend on the rule packs (segment, language,
    features), as the runtime computes them."""
    from . import pipeline
    d = pipeline.Document(text=doc.text, options=Options(url=doc.url))
    for stage in (pipeline.segment, pipeline.language, pipeline.features):
        stage(d)
    return d


def _vectors(d) -> list:
    """The rules stage (with the rule packs in force now) and the feature vectors of a base
    document; its blocks' rule hits are recomputed, so a base can be reused under other rules."""
    from . import pipeline
    from .classify import model_inputs
    for b in d.blocks:
        b.hits = []
    pipeline.rules(d)
    return model_inputs(d.blocks)


def _prepare(doc: Doc):
    """Blocks and feature vectors of a document, exactly as the runtime computes them."""
    d = _base(doc)
    vecs = _vectors(d)
    return d.blocks, vecs


@dataclass
class Design:
    """Every block of every document: stage-1 features X, label y (-1: not labelled), weight w,
    owning document, and each document's blocks (stage 2 reads them)."""
    X: object
    y: object
    w: object
    owner: object
    blocks: list
    ranges: list      # (start, end) rows of each document


def design(docs: list[Doc], bases: list | None = None, doc_ids=None) -> Design:
    """The design matrix of the documents under the rule packs in force now. `bases` (from
    _base, one per document) avoids recomputing the rule-independent stages; with `doc_ids`
    only those documents' feature rows are computed (the others stay zero: the same layout, for
    a fit on those documents only)."""
    import numpy as np
    index = {n: i for i, n in enumerate(FEATURE_NAMES)}
    only = None if doc_ids is None else set(doc_ids)
    rows, y, w, owner, all_blocks, ranges = [], [], [], [], [], []
    for di, doc in enumerate(docs):
        if bases is None:
            blocks, vecs = _prepare(doc)
        else:
            blocks = bases[di].blocks
            vecs = _vectors(bases[di]) if only is None or di in only else [{} for _ in blocks]
        start = len(rows)
        for b, v in zip(blocks, vecs):
            lab = doc.line_labels.get(b.line)
            rows.append(v)
            y.append(-1 if lab is None else lab)
            w.append(max(len(b.text), 1) ** WEIGHT_EXP)
            owner.append(di)
        all_blocks.append(blocks)
        ranges.append((start, len(rows)))
    X = np.zeros((len(rows), len(FEATURE_NAMES)), dtype=np.float32)
    for r, v in enumerate(rows):
        for k, x in v.items():
            X[r, index[k]] = x
    return Design(X, np.array(y), np.array(w, dtype=float), np.array(owner), all_blocks, ranges)


def _fit_logreg(X, y, w, names) -> LogRegModel:
    from sklearn.linear_model import LogisticRegression
    clf = LogisticRegression(C=C_REGULARISATION, max_iter=3000, solver="lbfgs")
    clf.fit(X, y, sample_weight=w)
    return LogRegModel({n: float(c) for n, c in zip(names, clf.coef_[0])}, float(clf.intercept_[0]), dict(THRESHOLDS), {})


def _stage2_matrix(D: Design, doc_ids, p1_all):
    """Stage 2's rows for the documents' blocks (fastscore.tree_features, as at run time) and
    the design rows they belong to."""
    import numpy as np
    from .classify import model_context
    from .fastscore import tree_features
    parts, idx = [], []
    for di in doc_ids:
        s, e = D.ranges[di]
        if e == s:
            continue
        blocks = D.blocks[di]
        span, dups = model_context(blocks)
        parts.append(tree_features(blocks, np.asarray(p1_all[s:e], dtype=float), span, dups))
        idx.append(np.arange(s, e))
    from .model import TREE_FEATURE_NAMES
    if not parts:
        return np.zeros((0, len(TREE_FEATURE_NAMES))), np.zeros(0, dtype=int)
    return np.vstack(parts), np.concatenate(idx)


def _fit_trees(X, y, w):
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits
    from .model import TREE_FEATURE_NAMES
    from .trees import from_sklearn
    clf = HistGradientBoostingClassifier(**TREE_PARAMS, early_stopping=False, random_state=0)
    with threadpool_limits(limits=1):
        clf.fit(X, y, sample_weight=w)
    return from_sklearn(clf, TREE_FEATURE_NAMES)


def _predict(model: LogRegModel, X, names):
    import numpy as np
    wv = np.array([model.weights.get(n, 0.0) for n in names])
    return 1.0 / (1.0 + np.exp(-np.clip(X @ wv + model.bias, -35, 35)))


def fit(D: Design, docs: list[Doc], doc_ids: list[int], w_all):
    """Stacked fit on the given documents: stage 1 out-of-fold (grouped inner folds) feeds stage 2."""
    import numpy as np
    from .model import StackedModel
    doc_ids = sorted(doc_ids)
    in_set = np.zeros(len(docs), dtype=bool)
    in_set[doc_ids] = True
    rows = in_set[D.owner]
    lab = rows & (D.y >= 0)
    stage1 = _fit_logreg(D.X[lab], D.y[lab], w_all[lab], FEATURE_NAMES)
    # out-of-fold stage-1 scores for stage 2's training
    sub = [docs[i] for i in doc_ids]
    inner = folds(sub, INNER_FOLDS)
    p1 = np.zeros(len(D.y))
    for k in range(INNER_FOLDS):
        tr = np.zeros(len(docs), dtype=bool)
        tr[[d for d, f in zip(doc_ids, inner) if f != k]] = True
        held = [d for d, f in zip(doc_ids, inner) if f == k]
        m = tr[D.owner] & (D.y >= 0)
        mk = _fit_logreg(D.X[m], D.y[m], w_all[m], FEATURE_NAMES)
        for di in held:
            s, e = D.ranges[di]
            p1[s:e] = _predict(mk, D.X[s:e], FEATURE_NAMES)
    X2, idx = _stage2_matrix(D, doc_ids, p1)
    keep = D.y[idx] >= 0
    stage2 = _fit_trees(X2[keep], D.y[idx][keep], w_all[idx][keep])
    return StackedModel(stage1, stage2, dict(THRESHOLDS), {})


def _doc_weights(docs: list[Doc], owner, w, labelled):
    """Cap each site's influence (pages beyond MAX_DOCS_PER_GROUP share the weight of that many),
    then give every source the same total weight: the sites set has many more lines than the
    snippets set, and must not decide alone what furniture looks like."""
    import numpy as np
    per_group = Counter(d.group for d in docs)
    scale = np.array([min(1.0, MAX_DOCS_PER_GROUP / per_group[docs[o].group]) for o in owner])
    w = w * scale
    sources = np.array([docs[o].source for o in owner])
    total = w[labelled].sum()
    names = sorted(set(sources[labelled]))
    for src in names:
        m = sources == src
        w[m] *= SOURCE_SHARE.get(src, 1.0) * total / (len(names) * w[m & labelled].sum())
    return w


def evaluate(model, docs: list[Doc], score_mod) -> dict:
    """Full pipeline on the docs, scored with score.py's functions, per evaluation set."""
    from .pipeline import Document, run
    out: dict[str, list] = defaultdict(list)
    for doc in docs:
        key = {"article": "article_fullpage", "snippets": "snippets_fullpage", "sites": "sites_fullpage"}.get(doc.source)
        if doc.source == "article_partial":
            if not doc.id.endswith("partial_resiliparse.txt"):
                continue
            key = "article_partial_resiliparse"
        if key is None:
            continue
        try:
            pred = run(Document(text=doc.text, options=Options(url=doc.url), model=model)).text
        except Exception:
            pred = ""
        if doc.gold is not None:
            out[key].append((doc, score_mod.article_case(doc.gold, pred)))
        else:
            out[key].append((doc, score_mod.snippet_case(doc.keep, doc.remove, pred)))
    return out


def summarise(per_set: dict, score_mod) -> dict:
    table = {}
    for key, rows in sorted(per_set.items()):
        summ = score_mod.article_summary if key != "snippets_fullpage" else score_mod.snippet_summary
        m = summ([r for _, r in rows])
        by_lang = defaultdict(list)
        for doc, r in rows:
            by_lang[(doc.lang or "unk").split("-")[0]].append(r)
        m["by_lang"] = {lg: round(summ(v)["f1"], 4) for lg, v in sorted(by_lang.items()) if len(v) >= 10}
        table[key] = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in m.items()}
    return table


def load_score(bench: Path):
    spec = importlib.util.spec_from_file_location("bench_score", bench / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def data_hash(docs: list[Doc]) -> str:
    h = hashlib.sha256()
    for d in docs:
        h.update(d.id.encode())
        h.update(hashlib.sha256(d.text.encode()).digest())
        h.update(json.dumps(sorted(d.line_labels.items())).encode())
    return h.hexdigest()[:16]


def folds(docs: list[Doc], k: int) -> list[int]:
    """Deterministic grouped folds: groups sorted by a hash of their name, dealt round-robin."""
    groups = sorted({d.group for d in docs}, key=lambda g: hashlib.sha256(g.encode()).hexdigest())
    fold_of = {g: i % k for i, g in enumerate(groups)}
    return [fold_of[d.group] for d in docs]


def mined_packs(docs: list[Doc], langs: dict[str, str | None], min_groups: int | None = None) -> dict[str, str]:
    """{lang: learned pack text} mined from the documents (mine.py); `langs`: doc id -> language
    (the document's, or the runtime's detection for documents without one)."""
    from . import mine
    mg = mine.MIN_GROUPS if min_groups is None else min_groups
    mined = mine.mine(docs, lang_of=lambda d: langs.get(d.id), min_groups=mg)
    return mine.render_all(mined, n_docs=len(docs), min_groups=mg)


def _rule_counts(packs: dict[str, str]) -> dict[str, int]:
    return {lg: sum(1 for l in t.splitlines() if l.strip() and not l.startswith("#")) for lg, t in sorted(packs.items())}


def sample(docs: list[Doc], limit: int | None) -> list[Doc]:
    """`--limit N`: N documents spread evenly over the list (all of them without a limit)."""
    return docs[:: max(1, len(docs) // limit)][:limit] if limit else docs


def fold_models(docs: list[Doc], bases: list, langs: dict[str, str | None], w, fold_ids: list[int], *,
                mine: bool = True, min_groups: int | None = None, folds: list[int] | None = None):
    """The cross-validation models, one per fold k (the given folds, else 0..N_FOLDS-1): yields
    (k, training document indices, the fold's mined packs, the model fitted under them), each
    fold's phrase rules mined from its training pages only ({} with mine=False). Used by train()
    and benchmarks/cv.py."""
    from . import rules as rulepacks
    for k in (range(N_FOLDS) if folds is None else folds):
        tr = [i for i, f in enumerate(fold_ids) if f != k]
        fold_packs = mined_packs([docs[i] for i in tr], langs, min_groups) if mine else {}
        with rulepacks.overridden("learned", fold_packs):     # this fold's training pages only
            m = fit(design(docs, bases, tr), docs, tr, w)
        yield k, tr, fold_packs, m


def train(bench: Path, seeds: Path | None, out: Path | None, *, cv: bool = True, limit: int | None = None,
          log=print, mine: bool = True, rules_out: Path | None = None, min_groups: int | None = None) -> dict:
    """Rebuild the model (written to `out`) and the mined phrase rules (written to `rules_out`
    as <lang>.txt when given). mine=False: no learned rules at all (CV and model), nothing
    written to rules_out."""
    from . import rules as rulepacks
    docs, report = load_docs(bench, seeds)
    docs = sample(docs, limit)
    log(f"{len(docs)} documents; labelled lines: " + ", ".join(f"{k}={v}" for k, v in sorted(report.items())))
    bases = [_base(d) for d in docs]
    langs = {d.id: (d.lang or b.language) for d, b in zip(docs, bases)}
    packs = mined_packs(docs, langs, min_groups) if mine else {}
    log(f"mined phrase rules: {_rule_counts(packs) if mine else 'off'}")
    D = design(docs, bases, doc_ids=())          # the layout (labels, weights) only: no rule needed
    labelled = D.y >= 0
    w = _doc_weights(docs, D.owner, D.w, labelled)
    log(f"{int(labelled.sum())} labelled blocks ({int((D.y == 1).sum())} content, {int((D.y == 0).sum())} boilerplate), "
        f"{D.X.shape[1]} stage-1 features")
    cv_table = None
    if cv:
        score_mod = load_score(bench)
        fold_ids = folds(docs, N_FOLDS)
        merged: dict[str, list] = defaultdict(list)
        for k, tr, fold_packs, m in fold_models(docs, bases, langs, w, fold_ids, mine=mine, min_groups=min_groups):
            held = [d for i, d in enumerate(docs) if fold_ids[i] == k]
            with rulepacks.overridden("learned", fold_packs):
                for key, rows in evaluate(m, held, score_mod).items():
                    merged[key].extend(rows)
            log(f"fold {k + 1}/{N_FOLDS} done" + (f"; mined rules {_rule_counts(fold_packs)}" if mine else ""))
        cv_table = summarise(merged, score_mod)
        for key, m in cv_table.items():
            second = f"doc_f1={m['doc_f1']:.4f}" if "doc_f1" in m else f"accuracy={m['accuracy']:.4f}"
            log(f"CV {key:30} P={m['precision']:.4f} R={m['recall']:.4f} F1={m['f1']:.4f} {second} by_lang={m['by_lang']}")
    with rulepacks.overridden("learned", packs):
        D = design(docs, bases)
        model = fit(D, docs, list(range(len(docs))), w)
    meta = {"data_hash": data_hash(docs), "n_blocks": int(labelled.sum()), "labelling": report,
            "cv": cv_table, "created_by": "extractor train", "folds": N_FOLDS, "C": C_REGULARISATION,
            "trees": dict(TREE_PARAMS),
            "learned_rules": _rule_counts(packs) if mine else None}
    from .model import StackedModel
    model = StackedModel(model.stage1, model.stage2, model.thresholds, meta)
    doc = model.to_json()
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        log(f"wrote {out}")
    if mine and rules_out is not None:
        from .mine import write_packs
        for p in write_packs(packs, rules_out):
            log(f"wrote {p}")
    return doc
