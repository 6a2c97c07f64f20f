"""The `extractor` command.

    extractor clean [FILE|-] [--format text|json] [--mode M] [--language L] [--url U] [--markup K] [--html]
    extractor clean --jsonl FILE|- [--out-dir DIR]      one JSON line out per line in, in order
    extractor train [--bench DIR] [--seeds DIR] [--out FILE] [--no-cv] [--rules-out DIR | --no-rules | --no-mine]
    extractor demo                                      clean the seed texts in fixtures/ and print them
    extractor learn CORPUS --store PATH [--site S]      learn site templates (JSONL url+text|html, or WARC)
    extractor clean ... --store PATH [--site S]         apply them
    extractor corpus IN... --out OUT.jsonl [--workers N] JSONL/WARC on all cores, resumable (corpus.py)

Exit codes: 0 ok, 1 the input could not be cleaned (the error is printed), 2 usage error.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from .errors import ExtractorError, InputError
from .options import MARKUPS, Mode

_SAFE_ID = re.compile(r"[^\w.-]+")


def _read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    return Path(path).read_bytes()


def _run_one(data, *, html: bool, mode: str, language: str | None, url: str | None, encoding: str | None = None,
             store=None, site: str | None = None, markup: str = "auto"):
    if html:
        from . import extract
        return extract(data, url=url, mode=mode, encoding=encoding, store=store, site=site)
    from .api import clean
    return clean(data, mode=mode, language=language, url=url, store=store, site=site, markup=markup)


def _item_result(item: dict, args) -> dict:
    if not isinstance(item, dict):
        raise InputError("each JSONL line must be an object with 'id' and 'text' or 'html'")
    if "html" in item and item["html"] is not None:
        res = _run_one(item["html"], html=True, mode=item.get("mode") or args.mode, language=None,
                       url=item.get("url"), encoding=item.get("encoding"),
                       store=_store(args), site=item.get("site") or args.site)
    elif "text" in item:
        res = _run_one(item["text"], html=False, mode=item.get("mode") or args.mode,
                       language=item.get("language") or args.language, url=item.get("url"),
                       store=_store(args), site=item.get("site") or args.site,
                       markup=item.get("markup") or args.markup)
    else:
        raise InputError("item has neither 'text' nor 'html'")
    return {"text": res.text, "title": res.title, "language": res.language, "stats": res.stats}


def _batch(args) -> int:
    stream = sys.stdin if args.jsonl == "-" else open(args.jsonl, encoding="utf-8", errors="replace")
    out_dir = Path(args.out_dir) if args.out_dir else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    lines = stream
    if sys.stderr.isatty():
        from tqdm import tqdm
        lines = tqdm(stream, unit="doc", desc="cleaning", file=sys.stderr)
    failures = 0
    with stream:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            item_id = None
            try:
                item = json.loads(line)
                item_id = item.get("id", n) if isinstance(item, dict) else n
                row = {"id": item_id, **_item_result(item, args)}
            except json.JSONDecodeError as e:
                row = {"id": item_id if item_id is not None else n,
                       "error": {"code": "bad_json", "message": f"line {n}: {e.msg}"}}
            except ExtractorError as e:
                row = {"id": item_id if item_id is not None else n, "error": e.to_dict()}
            except Exception as e:          # one bad item never stops the batch
                row = {"id": item_id if item_id is not None else n,
                       "error": {"code": "internal", "message": f"{type(e).__name__}: {e}"}}
            if "error" in row:
                failures += 1
            elif out_dir is not None:
                name = _SAFE_ID.sub("_", str(row["id"])).strip("._") or f"item{n}"
                (out_dir / f"{name}.txt").write_text(row["text"] + "\n", encoding="utf-8")
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            sys.stdout.flush()
    if failures:
        print(f"{failures} item(s) failed; see their 'error' field", file=sys.stderr)
    return 0


def cmd_clean(args) -> int:
    if args.jsonl:
        return _batch(args)
    try:
        data = _read_input(args.file)
        res = _run_one(data, html=args.html, mode=args.mode, language=args.language, url=args.url,
                       encoding=args.encoding, store=_store(args), site=args.site, markup=args.markup)
    except ExtractorError as e:
        print(f"extractor: {e.code}: {e.message}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"extractor: cannot read {args.file}: {e.strerror}", file=sys.stderr)
        return 1
    if args.format == "json":
        sys.stdout.write(json.dumps(res.to_dict(blocks=args.blocks), ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(res.text + "\n")
    return 0


def _store(args):
    if not getattr(args, "store", None):
        return None
    if getattr(args, "_store_obj", None) is None:
        from .templates import open_store
        args._store_obj = open_store(args.store)
    return args._store_obj


def cmd_learn(args) -> int:
    from .templates import learn_corpus, open_store, read_corpus
    try:
        with open_store(args.store) as store:
            read, added, skipped = learn_corpus(store, read_corpus(args.corpus), site=args.site)
            sites = sum(1 for _ in store.sites())
    except ExtractorError as e:
        print(f"extractor: {e.code}: {e.message}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"extractor: cannot read {args.corpus}: {e.strerror}", file=sys.stderr)
        return 1
    print(json.dumps({"pages": read, "learned": added, "already_known": read - added - skipped,
                      "no_site": skipped, "sites": sites}))
    return 0


def cmd_train(args) -> int:
    from .train import train
    out = Path(args.out) if args.out else Path(__file__).parent / "data" / "model.json"
    rules_out = None
    if not (args.no_rules or args.no_mine):
        rules_out = Path(args.rules_out) if args.rules_out else Path(__file__).parent / "rules" / "packs" / "learned"
    train(Path(args.bench), Path(args.seeds) if args.seeds else None, out, cv=not args.no_cv, limit=args.limit,
          mine=not args.no_mine, rules_out=rules_out, min_groups=args.min_groups)
    return 0


def cmd_demo(args) -> int:
    from .api import clean
    root = Path(args.fixtures)
    seeds = sorted(root.glob("*.txt"))
    if not seeds:
        print(f"no seed texts under {root}", file=sys.stderr)
        return 1
    for f in seeds:
        res = clean(f.read_text(encoding="utf-8"))
        removed = ", ".join(f"{k}={v['blocks']}" for k, v in res.stats["by_category"].items())
        print(f"=== {f.name}  title: {res.title!r}  language: {res.language}  removed: {removed}")
        print(res.text)
        print()
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="extractor", description="Remove page furniture from scraped article text and HTML.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("clean", help="clean a text (or HTML) file, or a JSONL batch")
    c.add_argument("file", nargs="?", default="-", help="input file, or - for stdin (default)")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.add_argument("--blocks", action="store_true", help="with --format json: include every block and its decision")
    c.add_argument("--mode", choices=[m.value for m in Mode], default=Mode.BALANCED.value)
    c.add_argument("--language", help="ISO code; skips language detection")
    c.add_argument("--url", help="the page's URL (helps find the headline)")
    c.add_argument("--markup", choices=MARKUPS, default="auto",
                   help="how to read text input: auto (Markdown as what it shows, HTML by the HTML path, "
                        "other text as it is), text, markdown or html")
    c.add_argument("--html", action="store_true", help="the input is HTML (the HTML path)")
    c.add_argument("--encoding", help="with --html: the HTTP charset of the bytes")
    c.add_argument("--jsonl", metavar="FILE", help='batch: lines {"id":..., "text":...} or {"id":..., "html":...}; - for stdin')
    c.add_argument("--out-dir", help="with --jsonl: also write <id>.txt per item here")
    c.add_argument("--store", help="template store (SQLite path or redis:// URL) from `extractor learn`")
    c.add_argument("--site", help="with --store: the site's key (default: the URL's registrable domain)")
    c.set_defaults(func=cmd_clean)
    lr = sub.add_parser("learn", help="learn site templates from a corpus into a store")
    lr.add_argument("corpus", help="JSONL (lines with url and text or html, optional site), a .warc[.gz], or -")
    lr.add_argument("--store", required=True, help="SQLite path (created if missing) or redis:// URL")
    lr.add_argument("--site", help="learn every page under this site key (default: each URL's domain)")
    lr.set_defaults(func=cmd_learn)
    cp = sub.add_parser("corpus", help="clean JSONL / WARC corpora on all cores into one JSONL (resumable)")
    cp.add_argument("inputs", nargs="+", metavar="IN", help="JSONL (id + text|html), .warc[.gz], or - for stdin")
    cp.add_argument("--out", required=True, help="output JSONL; appended to: ids already in it are skipped")
    cp.add_argument("--workers", type=int, help="processes (default: all CPUs)")
    cp.add_argument("--mode", choices=[m.value for m in Mode], default=Mode.BALANCED.value)
    cp.set_defaults(func=lambda a: __import__("extractor.corpus", fromlist=["main"]).main(a))
    t = sub.add_parser("train", help="rebuild the block model from labelled pages (needs the 'train' extra)")
    t.add_argument("--bench", default=str(Path("..") / "shared" / "bench"))
    t.add_argument("--seeds", default="fixtures/seeds")
    t.add_argument("--out", help="default: extractor/data/model.json")
    t.add_argument("--no-cv", action="store_true", help="skip the grouped cross-validation")
    t.add_argument("--limit", type=int, help="train on at most this many documents (for tests)")
    t.add_argument("--rules-out", metavar="DIR", help="where to write the mined phrase rules <lang>.txt "
                   "(default: extractor/rules/packs/learned)")
    t.add_argument("--no-rules", action="store_true", help="mine and use the phrase rules, but do not write them")
    t.add_argument("--no-mine", action="store_true", help="no mined phrase rules at all (CV and model); write none")
    t.add_argument("--min-groups", type=int, help="mined rules: minimum distinct sites (default: mine.MIN_GROUPS)")
    t.set_defaults(func=cmd_train)
    d = sub.add_parser("demo", help="clean the seed texts in fixtures/seeds and print the results")
    d.add_argument("--fixtures", default="fixtures/seeds")
    d.set_defaults(func=cmd_demo)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
