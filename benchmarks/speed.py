#!/usr/bin/env python3
"""Speed benchmark: documents per second of extractor.clean() on one core.

Input: article/fullpage.txt of the bench (language detection included: language=None).
One warm-up pass, then --repeat timed passes (default 3); prints docs/s and MB/s of each pass
and the best, and the peak RSS of the process (resource.getrusage, ru_maxrss). Every pass
starts with the rule sets' match caches cleared (the pages are new to it, as in a stream of
unseen pages; --warm-cache keeps them, which is what a second pass over the same pages would
otherwise measure). CPU seconds are printed beside wall seconds: on a shared machine they are the
fairer one-core figure.

If extractor.pipeline exposes STAGES (a list of callables `stage(doc)`), each stage is wrapped
with a timer for one extra pass and the per-stage share is printed; if the pipeline does not
call stages through that list, the stage table says so and the totals stand.

The header line says whether the C versions of the hot loops ran (extractor/_speedups.c, built
where a C compiler was at hand at install: "on", "off", "not built"); --no-c runs the numpy
versions instead, for an A/B on the same machine (their outputs are the same).

  .venv/bin/python benchmarks/speed.py [--bench DIR] [--set article] [--repeat 3] [--mode balanced] [--no-c]
"""
from __future__ import annotations

import argparse
import functools
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402


def pin_one_core():
    try:
        cpu = sorted(os.sched_getaffinity(0))[0]
        os.sched_setaffinity(0, {cpu})
        return cpu
    except (AttributeError, OSError):
        return None


CPU_TIMES: list[float] = []      # process CPU seconds of each one_pass, in order


WARM_CACHE = False               # --warm-cache: keep the rule sets' match caches between passes


def forget_seen_lines():
    """Each pass sees the pages as new: the rule sets remember the answer for every line they
    met (menus repeat across pages), and a second pass over the same pages would only measure
    that memory."""
    if WARM_CACHE:
        return
    try:
        from extractor.rules import clear_match_caches
    except ImportError:
        return
    clear_match_caches()


def one_pass(clean, docs, mode, extractor_error):
    """Wall seconds of one pass over docs; its CPU seconds go to CPU_TIMES (on a shared machine
    the wall clock also counts the time other processes held this core)."""
    forget_seen_lines()
    t0, c0 = time.perf_counter(), time.process_time()
    for text, url in docs:
        try:
            clean(text, mode=mode, url=url)
        except extractor_error:
            pass
    CPU_TIMES.append(time.process_time() - c0)
    return time.perf_counter() - t0


def stage_timing(clean, docs, mode, extractor_error):
    """Wrap every entry of extractor.pipeline.STAGES with a timer for one pass.
    Returns (rows [(name, seconds)], total seconds) or None when not available."""
    try:
        import extractor.pipeline as pipeline
    except Exception as exc:  # noqa: BLE001
        return f"extractor.pipeline not importable ({exc.__class__.__name__})"
    stages = getattr(pipeline, "STAGES", None)
    if not isinstance(stages, list) or not stages or not all(callable(s) for s in stages):
        return "extractor.pipeline.STAGES is not a list of callables"
    spent = [0.0] * len(stages)
    names = [getattr(s, "__name__", None) or getattr(s, "name", None) or s.__class__.__name__
             for s in stages]

    def timed(i, stage):
        @functools.wraps(stage)
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return stage(*args, **kwargs)
            finally:
                spent[i] += time.perf_counter() - t0
        return wrapper

    original = list(stages)
    try:
        stages[:] = [timed(i, s) for i, s in enumerate(original)]
        total = one_pass(clean, docs, mode, extractor_error)
    finally:
        stages[:] = original
    if not any(spent):
        return "clean() did not call the stages through extractor.pipeline.STAGES"
    return list(zip(names, spent)), total


def c_loops_state(off: bool) -> str:
    """Turn the C versions of the hot loops (extractor/_speedups.c) off when asked; say whether
    they run: "on", "off" or "not built" (no C compiler at install, or a version without them)."""
    try:
        from extractor import trees
    except ImportError:
        return "not built"
    if getattr(trees, "_speedups", None) is None:
        return "not built"
    if off:
        trees.USE_C = False
        return "off"
    return "on" if trees.USE_C else "off"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", help=f"bench folder (default ${harness.BENCH_ENV} or {harness.DEFAULT_BENCH})")
    ap.add_argument("--set", default="article")
    ap.add_argument("--input", default="fullpage")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--mode", default="balanced")
    ap.add_argument("--no-stages", action="store_true", help="skip the per-stage pass")
    ap.add_argument("--warm-cache", action="store_true",
                    help="keep the rule match caches between passes (default: every pass starts cold)")
    ap.add_argument("--no-c", action="store_true",
                    help="the numpy versions of the hot loops even where extractor._speedups is built (A/B)")
    a = ap.parse_args(argv)
    global WARM_CACHE
    WARM_CACHE = a.warm_cache

    cpu = pin_one_core()
    bench = harness.bench_dir(a.bench)
    cases = harness.load_cases(bench, a.set, a.limit)
    docs = [(c.read_input(a.input), c.url) for c in cases]
    mb = sum(len(t.encode("utf-8")) for t, _ in docs) / 1e6
    clean, extractor_error = harness.import_clean()
    c_loops = c_loops_state(a.no_c)

    warm = one_pass(clean, docs, a.mode, extractor_error)
    times = [one_pass(clean, docs, a.mode, extractor_error) for _ in range(a.repeat)]
    cpu_times = CPU_TIMES[-a.repeat:]
    n = len(docs)
    print(f"clean(mode={a.mode!r}) on {a.set}/{a.input}: {n} docs, {mb:.2f} MB, "
          f"one core (cpu {cpu if cpu is not None else '?'}), commit {harness.git_head()}, "
          f"rule match caches {'kept' if a.warm_cache else 'cleared before each pass'}, C loops {c_loops}")
    print(f"  warm-up  {warm:7.2f}s  {n / warm:8.1f} docs/s")
    for i, t in enumerate(times, 1):
        print(f"  pass {i}   {t:7.2f}s  {n / t:8.1f} docs/s  {mb / t:6.2f} MB/s   (cpu {cpu_times[i - 1]:.2f}s, "
              f"{n / cpu_times[i - 1]:.1f} docs per cpu-second)")
    best, med = min(times), statistics.median(times)
    print(f"best: {n / best:.1f} docs/s, {mb / best:.2f} MB/s  (median {n / med:.1f} docs/s, "
          f"{1000 * med / n:.1f} ms/doc)")
    print(f"best by cpu time: {n / min(cpu_times):.1f} docs per cpu-second, load average {os.getloadavg()[0]:.2f}")

    if not a.no_stages:
        res = stage_timing(clean, docs, a.mode, extractor_error)
        if isinstance(res, str):
            print(f"per-stage timing: n/a ({res})")
        else:
            rows, total = res
            print(f"per-stage timing (one pass, {total:.2f}s total incl. wrapper overhead):")
            for name, s in rows:
                print(f"  {name:<28} {s:7.3f}s  {100 * s / total:5.1f}%  {1000 * s / n:7.2f} ms/doc")
            rest = total - sum(s for _, s in rows)
            print(f"  {'(outside stages)':<28} {rest:7.3f}s  {100 * rest / total:5.1f}%")
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"peak RSS: {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
