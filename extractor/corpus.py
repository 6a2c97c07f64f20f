"""The `extractor corpus` engine: JSONL and WARC batches on all cores, resumable.

    extractor corpus IN... --out OUT.jsonl [--workers N] [--mode M]

Inputs, read in the order given:
  * JSONL (any name but *.warc / *.warc.gz; '-' is stdin): one object a line with `id` and
    `text` (the text path, clean()) or `html` (the HTML path, extract()); optional `url`,
    `encoding` (with html: the HTTP charset), `mode`, `language`. A line without `id` gets
    "<path>:<line number>".
  * WARC (*.warc, *.warc.gz, read with FastWARC): `response` records whose HTTP Content-Type is
    HTML (and `resource` records whose WARC Content-Type is) go through extract() with the
    record's WARC-Target-URI and HTTP charset; chunked transfer and gzip/deflate content encoding
    are undone first. Other records (requests, metadata, images, PDFs...) are skipped and counted.
    The id is the WARC-Record-ID.

Output: one JSON line per document, in input order:
    {"id", "url", "text", "title", "language", "stats"}    or    {"id", "url", "error": {"code", "message"}}
A document that fails (bad JSON, empty or binary input, a broken record, any exception inside
the cleaner) gets an error line; the run goes on.

Resume: OUT is opened for appending. Ids already in it are skipped, and a trailing partial line
(the run was killed mid-write) is cut off first. Each line is written whole with one unbuffered
os.write, so a killed run leaves at most that one partial line.

Workers: N processes (default: the CPUs this process may use) each with the rules and the model
loaded once (loaded in the parent before the fork, so the pages are shared). Documents go out in
small chunks with a bounded number in flight (memory does not grow with the corpus) and come
back in input order. With N=1 everything runs in this process.
"""
from __future__ import annotations

import contextlib
import json
import multiprocessing as mp
import os
import sys
import time
import zlib
from collections import deque
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .errors import ExtractorError

WARC_SUFFIXES = (".warc", ".warc.gz")
WORKER_POLL_SECONDS = 1.0        # how often a wait for a task's result checks the workers are alive
CHUNK_SIZE = 4                   # documents per task sent to a worker
IN_FLIGHT_PER_WORKER = 4         # tasks queued per worker: bounds memory, keeps workers busy
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml+xhtml")


class WorkerLostError(ExtractorError):
    """A worker process died (killed, out of memory, crashed) while it held documents: the lines
    written so far are kept and a second run resumes after them."""
    code = "worker_lost"


@dataclass
class Summary:
    written: int = 0             # lines appended to OUT in this run
    failed: int = 0              # of which error lines
    resumed: int = 0             # documents skipped because their id was already in OUT
    not_html: int = 0            # WARC records that are not HTML responses (skipped)
    seconds: float = 0.0
    truncated_bytes: int = 0     # a partial last line cut off OUT before resuming
    errors_by_code: dict = field(default_factory=dict)

    @property
    def docs_per_second(self) -> float:
        return self.written / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        parts = [f"{self.written} written ({self.failed} failed)"]
        if self.resumed:
            parts.append(f"{self.resumed} already in OUT")
        if self.not_html:
            parts.append(f"{self.not_html} non-HTML WARC records skipped")
        parts.append(f"{self.seconds:.1f} s, {self.docs_per_second:.1f} docs/s")
        return "corpus: " + ", ".join(parts)


# --- reading ---------------------------------------------------------------------------------

def id_key(value) -> str:
    """A comparable key for an id as it appears in JSON (5 and "5" stay different)."""
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True)


def _error(code: str, message: str) -> dict:
    return {"code": code, "message": message}


def read_jsonl(path: str) -> Iterator[dict]:
    stream = sys.stdin.buffer if path == "-" else open(path, "rb")
    try:
        for n, raw in enumerate(stream, 1):
            if not raw.strip():
                continue
            fallback = f"{path}:{n}"
            try:
                item = json.loads(raw.decode("utf-8", errors="replace"))
            except ValueError as e:
                yield {"id": fallback, "error": _error("bad_json", f"line {n}: {e}")}
                continue
            if not isinstance(item, dict):
                yield {"id": fallback, "error": _error("bad_input", f"line {n}: not a JSON object")}
                continue
            if item.get("id") is None:
                item["id"] = fallback
            yield item
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _header(headers, name: str) -> str | None:
    if headers is None:
        return None
    v = headers.get(name)
    if v is None:                       # case-insensitive fallback
        low = name.lower()
        for k, val in headers.items():
            if k.lower() == low:
                return val
    return v


def _dechunk(body: bytes) -> bytes:
    out, pos = [], 0
    while True:
        eol = body.find(b"\r\n", pos)
        if eol < 0:
            raise ValueError("truncated chunk header")
        size = int(body[pos:eol].split(b";")[0].strip() or b"0", 16)
        if size == 0:
            return b"".join(out)
        start = eol + 2
        if start + size > len(body):
            raise ValueError("truncated chunk")
        out.append(body[start:start + size])
        pos = start + size + 2


def _decode_payload(body: bytes, transfer: str | None, content_encoding: str | None) -> bytes:
    if transfer and "chunked" in transfer.lower():
        try:
            body = _dechunk(body)
        except ValueError:
            pass                        # most WARC writers store the body de-chunked already
    enc = (content_encoding or "").strip().lower()
    if enc in ("gzip", "x-gzip", "deflate"):
        try:
            body = zlib.decompress(body, 47 if enc != "deflate" else zlib.MAX_WBITS)
        except zlib.error:
            if enc == "deflate":
                body = zlib.decompress(body, -zlib.MAX_WBITS)   # raw deflate
            else:
                raise
    elif enc not in ("", "identity", "none"):
        raise ExtractorError(f"unsupported Content-Encoding {enc!r}")
    return body


def _is_html(content_type: str | None, body: bytes) -> bool:
    if content_type:
        return any(t in content_type.lower() for t in _HTML_TYPES)
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def read_warc(path: str, counts: Summary | None = None) -> Iterator[dict]:
    """HTML documents of a WARC file; see the module docstring."""
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError as e:          # pragma: no cover - fastwarc is a dependency
        raise ExtractorError("reading WARC needs fastwarc (pip install fastwarc)") from e
    n = 0
    with open(path, "rb") as f:
        records = ArchiveIterator(f, record_types=WarcRecordType.response | WarcRecordType.resource,
                                  parse_http=False)
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except Exception as e:        # a reader failure ends this file, not the run
                yield {"id": f"{path}#{n + 1}", "error": _error("bad_warc", f"{type(e).__name__}: {e}")}
                return
            n += 1
            rid = (record.record_id or "").strip("<>") or f"{path}#{n}"
            url = (_header(record.headers, "WARC-Target-URI") or "").strip("<>") or None
            item = _warc_item(record, rid, url)
            if item is None:
                if counts is not None:
                    counts.not_html += 1
                continue
            yield item


def _http_headers(head: bytes) -> tuple[str, dict[str, str]]:
    lines = head.replace(b"\r\n", b"\n").split(b"\n")
    status = lines[0].decode("latin-1").strip()
    headers: dict[str, str] = {}
    for raw in lines[1:]:
        name, sep, value = raw.decode("latin-1").partition(":")
        if sep and name.strip():
            key = name.strip().lower()
            headers[key] = f"{headers[key]}, {value.strip()}" if key in headers else value.strip()
    return status, headers


def _warc_item(record, rid: str, url: str | None) -> dict | None:
    from fastwarc.warc import WarcRecordType
    try:
        block = record.reader.read()
        declared = record.content_length
        if declared is not None and declared >= 0 and len(block) < declared:
            return {"id": rid, "url": url, "error": _error(
                "bad_warc", f"truncated record: {len(block)} of {declared} bytes")}
        if record.record_type == WarcRecordType.resource:
            ctype = _header(record.headers, "Content-Type")
            if not _is_html(ctype, block):
                return None
            return {"id": rid, "url": url, "html": block, "encoding": _charset(ctype)}
        if not block.startswith(b"HTTP/"):
            return {"id": rid, "url": url, "error": _error("bad_warc", "response record without an HTTP status line")}
        cut = block.find(b"\r\n\r\n")
        skip = 4
        if cut < 0:
            cut, skip = block.find(b"\n\n"), 2
        if cut < 0:
            head, body = block, b""
        else:
            head, body = block[:cut], block[cut + skip:]
        _status, headers = _http_headers(head)
        ctype = headers.get("content-type")
        if not _is_html(ctype, body):
            return None
        body = _decode_payload(body, headers.get("transfer-encoding"), headers.get("content-encoding"))
        return {"id": rid, "url": url, "html": body, "encoding": _charset(ctype)}
    except ExtractorError as e:
        return {"id": rid, "url": url, "error": _error("bad_warc", e.message)}
    except Exception as e:
        return {"id": rid, "url": url, "error": _error("bad_warc", f"{type(e).__name__}: {e}")}


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        k, _, v = part.partition("=")
        if k.strip().lower() == "charset" and v.strip():
            return v.strip().strip("\"'")
    return None


def iter_inputs(paths: Iterable[str], counts: Summary | None = None) -> Iterator[dict]:
    for path in paths:
        if path != "-" and path.lower().endswith(WARC_SUFFIXES):
            yield from read_warc(path, counts)
        else:
            yield from read_jsonl(path)


# --- one document ----------------------------------------------------------------------------

_WARM = False


def warm() -> None:
    """Load the rules, the model and the HTML path's libraries once per process."""
    global _WARM
    if _WARM:
        return
    from .api import clean
    from . import htmlapi  # noqa: F401  (trafilatura, selectolax)
    try:
        clean("Warm-up.\n\nThis paragraph loads the rule packs and the model once per process.")
    except ExtractorError:
        pass
    _WARM = True


def process_item(item: dict, mode: str = "balanced") -> dict:
    """The output object for one input item (never raises)."""
    row = {"id": item.get("id"), "url": item.get("url")}
    if "error" in item:
        row["error"] = item["error"]
        return row
    try:
        if item.get("html") is not None:
            from .htmlapi import extract
            res = extract(item["html"], url=item.get("url"), mode=item.get("mode") or mode,
                          encoding=item.get("encoding"))
        elif item.get("text") is not None:
            from .api import clean
            res = clean(item["text"], url=item.get("url"), mode=item.get("mode") or mode,
                        language=item.get("language"))
        else:
            row["error"] = _error("bad_input", "item has neither 'text' nor 'html'")
            return row
        row.update(text=res.text, title=res.title, language=res.language, stats=res.stats)
    except ExtractorError as e:
        row["error"] = e.to_dict()
    except Exception as e:              # one bad document never stops the run
        row["error"] = _error("internal", f"{type(e).__name__}: {e}")
    return row


def dumps_line(row: dict) -> bytes:
    try:
        return (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:          # lone surrogates from the input: escape them
        return (json.dumps(row, ensure_ascii=True) + "\n").encode("ascii")


def _line(item: dict, mode: str) -> tuple[bytes, str | None]:
    row = process_item(item, mode)
    err = row.get("error")
    return dumps_line(row), (err.get("code") if isinstance(err, dict) else None)


def _chunk_lines(chunk: list[dict], mode: str) -> list[tuple[bytes, str | None]]:
    return [_line(item, mode) for item in chunk]


def _init_worker() -> None:
    warm()


# --- resume and writing ----------------------------------------------------------------------

def prepare_output(path: str) -> tuple[set[str], int]:
    """(keys of the ids already in OUT, bytes of a trailing partial line cut off)."""
    if not os.path.exists(path):
        return set(), 0
    done: set[str] = set()
    with open(path, "r+b") as f:
        size = f.seek(0, os.SEEK_END)
        cut = 0
        if size:
            # find the end of the last complete line
            pos, tail = size, b""
            while pos > 0:
                step = min(65536, pos)
                pos -= step
                f.seek(pos)
                tail = f.read(step) + tail
                nl = tail.rfind(b"\n")
                if nl >= 0:
                    keep = pos + nl + 1
                    break
            else:
                keep = 0
            if keep < size:
                f.truncate(keep)
                cut = size - keep
        f.seek(0)
        for raw in f:
            try:
                row = json.loads(raw)
            except ValueError:
                continue
            if isinstance(row, dict) and "id" in row:
                done.add(id_key(row["id"]))
    return done, cut


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _chunks(items: Iterator[dict], size: int) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _worker_pids(pool) -> frozenset:
    return frozenset(p.pid for p in getattr(pool, "_pool", ()))


def _result(pool, res, pids: frozenset | None):
    """res.get(), but raise WorkerLostError instead of waiting forever when a worker died: a
    multiprocessing.Pool replaces a dead worker and never answers for the task it held. Without
    maxtasksperchild the pool's worker processes never change, so a changed set means a death."""
    while True:
        try:
            return res.get(timeout=WORKER_POLL_SECONDS)
        except mp.TimeoutError:
            if pids is not None and _worker_pids(pool) != pids:
                raise WorkerLostError("a worker process died (killed or crashed) while cleaning; the output "
                                      "written so far is kept: run the same command again to resume") from None


def _pool_lines(pool, items: Iterator[dict], workers: int, mode: str,
                chunksize: int, watch: bool = True) -> Iterator[tuple[bytes, str | None]]:
    pending: deque = deque()
    limit = workers * IN_FLIGHT_PER_WORKER
    pids = _worker_pids(pool) if watch else None
    for chunk in _chunks(items, chunksize):
        pending.append(pool.apply_async(_chunk_lines, (chunk, mode)))
        while len(pending) >= limit:
            yield from _result(pool, pending.popleft(), pids)
    while pending:
        yield from _result(pool, pending.popleft(), pids)


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:              # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run_corpus(inputs: list[str], out: str, *, workers: int | None = None, mode: str = "balanced",
               chunksize: int = CHUNK_SIZE, progress: bool | None = None,
               max_tasks_per_child: int | None = None) -> Summary:
    """Clean every document of `inputs` into `out` (appending; resumable). Returns a Summary."""
    workers = workers or default_workers()
    summary = Summary()
    done, summary.truncated_bytes = prepare_output(out)

    def todo() -> Iterator[dict]:
        for item in iter_inputs(inputs, summary):
            if done and id_key(item.get("id")) in done:
                summary.resumed += 1
                continue
            yield item

    warm()                              # before the fork: workers share the loaded rules and model
    if progress is None:
        progress = sys.stderr.isatty()
    t0 = time.perf_counter()
    with contextlib.ExitStack() as stack:
        if workers == 1:
            lines = (_line(item, mode) for item in todo())
        else:
            ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
            pool = stack.enter_context(ctx.Pool(workers, initializer=_init_worker,
                                                maxtasksperchild=max_tasks_per_child))
            lines = _pool_lines(pool, todo(), workers, mode, chunksize, watch=max_tasks_per_child is None)
        fd = os.open(out, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        stack.callback(os.close, fd)
        bar = None
        if progress:                    # after the fork: the workers never see tqdm's thread
            from tqdm import tqdm
            bar = stack.enter_context(tqdm(unit="doc", desc="corpus", file=sys.stderr, smoothing=0.05,
                                           dynamic_ncols=True))
        try:
            for data, code in lines:
                _write_all(fd, data)
                summary.written += 1
                if code:
                    summary.failed += 1
                    summary.errors_by_code[code] = summary.errors_by_code.get(code, 0) + 1
                if bar is not None:
                    bar.update(1)
        finally:
            summary.seconds = time.perf_counter() - t0
    return summary


def main(args) -> int:
    """The `extractor corpus` subcommand (argparse namespace from cli.py)."""
    if args.workers is not None and args.workers < 1:
        print("extractor: --workers must be at least 1", file=sys.stderr)
        return 2
    for path in args.inputs:
        if path != "-" and not os.path.exists(path):
            print(f"extractor: cannot read {path}: no such file", file=sys.stderr)
            return 1
    try:
        summary = run_corpus(args.inputs, args.out, workers=args.workers, mode=args.mode)
    except KeyboardInterrupt:
        print(f"extractor: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    except ExtractorError as e:
        print(f"extractor: {e.code}: {e.message}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"extractor: {e.filename or args.out}: {e.strerror}", file=sys.stderr)
        return 1
    print(summary.line(), file=sys.stderr)
    return 0
