"""Corpus-scale throughput and memory (issue 6).

    python benchmarks/corpus.py throughput [--docs 5000] [--workers 1 2]
    python benchmarks/corpus.py spark      [--docs 5000]          Spark local[2] (needs the spark extra and Java)
    python benchmarks/corpus.py memory     [--docs 50000] [--workers 2] [--every 5]

The documents are the `fullpage.txt` inputs of ../shared/bench/{article,snippets,sites}, sorted,
repeated in turn up to --docs with distinct ids ("<set>/<case>#<round>"), written as one JSONL.
throughput: `extractor corpus` (run_corpus) on that JSONL with 1 worker, then 2 workers, into
fresh outputs; docs/s over the whole run (start-up included), and the two outputs compared.
spark: extractor.spark.clean_dataframe over the same documents in local[2]; docs/s of the action
(session start-up reported apart). memory: the CLI in a subprocess; every --every seconds the RSS
of each worker process (from /proc) against the number of lines written.
The load average is printed with each figure: the machine may be shared.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(ROOT))


def build_corpus(n: int, path: Path, bench: Path = BENCH) -> int:
    files = sorted(p for s in ("article", "snippets", "sites") for p in (bench / s).glob("*/fullpage.txt"))
    if not files:
        raise SystemExit(f"no fullpage.txt under {bench}")
    texts = [(f"{f.parent.parent.name}/{f.parent.name}", f.read_text(encoding="utf-8", errors="replace")) for f in files]
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            case, text = texts[i % len(texts)]
            out.write(json.dumps({"id": f"{case}#{i // len(texts)}", "text": text}, ensure_ascii=False) + "\n")
    return len(texts)


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def _spin(seconds: float) -> int:
    t, n = time.perf_counter(), 0
    while time.perf_counter() - t < seconds:
        n += 1
    return n


def cpu_available(seconds: float = 3.0) -> float:
    """How much more CPU 2 busy processes get than 1 right now (2.0 on an idle 2-core machine;
    near 1.0 when the machine is saturated and the kernel shares it per session (autogroup))."""
    import multiprocessing as mp
    with mp.Pool(2) as pool:
        one = sum(pool.map(_spin, [seconds]))
        two = sum(pool.map(_spin, [seconds, seconds]))
    return two / one


def cmd_throughput(args) -> None:
    from extractor.corpus import run_corpus
    tmp = Path(tempfile.mkdtemp(prefix="corpus-bench-"))
    src = tmp / "in.jsonl"
    distinct = build_corpus(args.docs, src)
    print(f"{args.docs} documents ({distinct} distinct fullpage.txt), {load()}; "
          f"CPU available to 2 vs 1 busy processes: {cpu_available():.2f}x", flush=True)
    rates, outs = {}, {}
    for w in args.workers:
        out = tmp / f"out-{w}.jsonl"
        t0, c0 = time.perf_counter(), os.times()
        s = run_corpus([str(src)], str(out), workers=w, progress=False)
        wall, c1 = time.perf_counter() - t0, os.times()
        parent = (c1.user - c0.user) + (c1.system - c0.system)
        cpu = parent + (c1.children_user - c0.children_user) + (c1.children_system - c0.children_system)
        rates[w] = s.written / wall
        outs[w] = out
        print(f"workers={w}: {s.written} docs ({s.failed} failed) in {wall:.1f} s = {rates[w]:.2f} docs/s; "
              f"CPU {cpu:.1f} s, of which the parent (read, write, dispatch) {parent:.1f} s "
              f"({s.written / cpu:.2f} docs per CPU-second); {load()}", flush=True)
    if len(rates) > 1:
        base = args.workers[0]
        for w in args.workers[1:]:
            same = outs[w].read_bytes() == outs[base].read_bytes()
            print(f"speed-up {w} vs {base} workers: {rates[w] / rates[base]:.2f}x; outputs identical: {same}; "
                  f"CPU available to 2 vs 1 busy processes now: {cpu_available():.2f}x")


def cmd_spark(args) -> None:
    import pandas as pd
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)     # the workers' Python: this one
    from pyspark.sql import SparkSession
    from extractor.spark import clean_dataframe
    tmp = Path(tempfile.mkdtemp(prefix="corpus-bench-"))
    src = tmp / "in.jsonl"
    build_corpus(args.docs, src)
    t0 = time.perf_counter()
    spark = (SparkSession.builder.master("local[2]").appName("extractor-bench")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    print(f"session start {time.perf_counter() - t0:.1f} s; {load()}")
    rows = [json.loads(line) for line in open(src, encoding="utf-8")]
    df = spark.createDataFrame(pd.DataFrame(rows)).repartition(args.partitions)
    t0 = time.perf_counter()
    out = clean_dataframe(df, text_col="text")
    out.write.format("noop").mode("overwrite").save()       # runs every row, keeps nothing
    n = len(rows)
    wall = time.perf_counter() - t0
    print(f"spark local[2], {args.partitions} partitions: {n} docs in {wall:.1f} s = {n / wall:.2f} docs/s; {load()}",
          flush=True)
    same = None
    if args.check:
        from extractor.corpus import process_item
        got = {r["id"]: r for r in out.select("id", "clean_text", "clean_title", "clean_language").collect()}
        diff = []
        for row in rows[:args.check]:
            mine = process_item(row)
            theirs = got[row["id"]]
            if (theirs.clean_text, theirs.clean_title, theirs.clean_language) != (mine.get("text"), mine.get("title"), mine.get("language")):
                diff.append((row["id"], theirs.clean_title, mine.get("title"), theirs.clean_language, mine.get("language"),
                             (theirs.clean_text or "")[:80], (mine.get("text") or "")[:80]))
        same = not diff
        for d in diff[:3]:
            print("differs:", d)
        print(f"spark rows identical to the Python API on the first {args.check} docs: {same}")
    spark.stop()
    from extractor.corpus import run_corpus
    t0 = time.perf_counter()
    s = run_corpus([str(src)], str(tmp / "mp.jsonl"), workers=2, progress=False)
    wall = time.perf_counter() - t0
    print(f"extractor corpus --workers 2 on the same docs right after: {s.written / wall:.2f} docs/s; {load()}")


def _rss_kb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def _lines(path: Path) -> int:
    try:
        with open(path, "rb") as f:
            return sum(1 for _ in f)
    except OSError:
        return 0


def cmd_memory(args) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="corpus-bench-"))
    src, out = tmp / "in.jsonl", tmp / "out.jsonl"
    build_corpus(args.docs, src)
    print(f"{args.docs} documents, {args.workers} workers; {load()}", flush=True)
    proc = subprocess.Popen([sys.executable, "-m", "extractor.cli", "corpus", str(src), "--out", str(out),
                             "--workers", str(args.workers)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    samples = []
    t0 = time.time()
    while proc.poll() is None:
        time.sleep(args.every)
        kids = _children(proc.pid)
        rss = [r for r in (_rss_kb(k) for k in kids) if r]
        done = _lines(out)
        samples.append((time.time() - t0, done, _rss_kb(proc.pid), rss))
        print(f"{time.time() - t0:7.0f} s {done:6d} docs  parent {samples[-1][2] or 0:7d} kB  workers "
              + " ".join(f"{r:7d}" for r in rss) + " kB", flush=True)
    err = proc.stderr.read()
    print(err.strip().splitlines()[-1] if err.strip() else "", f"exit {proc.returncode}")
    ws = [s for s in samples if s[3]]
    if ws:
        first = next((s for s in ws if s[1] >= args.docs * 0.1), ws[0])
        last = ws[-1]
        print(f"worker RSS at {first[1]} docs: {max(first[3]) / 1024:.0f} MB max; at {last[1]} docs: "
              f"{max(last[3]) / 1024:.0f} MB max; peak {max(max(s[3]) for s in ws) / 1024:.0f} MB; {load()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("throughput")
    t.add_argument("--docs", type=int, default=5000)
    t.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    t.set_defaults(func=cmd_throughput)
    s = sub.add_parser("spark")
    s.add_argument("--docs", type=int, default=5000)
    s.add_argument("--partitions", type=int, default=8)
    s.add_argument("--check", type=int, default=200, help="compare this many rows with the Python API")
    s.set_defaults(func=cmd_spark)
    m = sub.add_parser("memory")
    m.add_argument("--docs", type=int, default=50000)
    m.add_argument("--workers", type=int, default=2)
    m.add_argument("--every", type=float, default=5.0)
    m.set_defaults(func=cmd_memory)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
