"""Load test for the HTTP service: gunicorn on loopback, N concurrent clients, article fullpage texts.

    python benchmarks/load.py                    # 60 s, 8 clients, 2 workers
    python benchmarks/load.py --seconds 20
    python benchmarks/load.py --requests 50000   # fixed request count: worker RSS growth

It starts gunicorn with the same command as the Docker image (`gunicorn -c service/gunicorn.conf.py
'service:create_app()'`, WEB_CONCURRENCY=2, MAX_REQUESTS=0 so that no worker is recycled and RSS
growth stays visible), POSTs each case's fullpage.txt as text/plain to /v1/clean, and prints:
throughput, latency p50/p90/p99/max, errors, worker RSS before/after, worker and load-generator CPU
per request; and, measured in this process before and again after the load, single-core
in-process documents per second (extractor.clean() on the same bytes, after one warm-up pass), for
the ratio (the mean of the two measurements: the machine's speed drifts over minutes)
    throughput / (in-process docs/s x workers)      (issue 5: >= 0.70)

The load generator (`run_load`) is a closed loop of `--clients` concurrent clients:
  * each client has at most one request in flight and sends its next one only when the previous
    response has fully arrived (the server closes the connection: EOF);
  * every request uses a new TCP connection (gunicorn's sync workers close after each response);
  * client k sends the payloads k, k + clients, k + 2 x clients, ... of the case list, cycling;
  * a request's latency runs from just before connect() to the response's EOF; only 200 responses
    count as successes, anything else (another status, a socket error, no answer in 30 s) is an
    error, counted by status or exception name;
  * with --seconds, no request starts after the deadline and the ones in flight still finish;
    throughput = successful responses / elapsed seconds (first connect to last EOF).
The default driver (`--driver selectors`) runs all clients in ONE thread: non-blocking sockets and
an epoll selector; each client's exchange is a small state machine (connect -> send the request ->
read until EOF -> close -> start the client's next request). The former driver (`--driver threads`,
one Python thread per client with blocking sockets) keeps the same definitions. The generator shares
the machine with the workers: on a 2-core machine every CPU millisecond it spends is taken from the
workers, so the ratio is a conservative figure; "load generator CPU" shows that share (kernel time
included: connect, send and receive on loopback cost the sender too).
"""
from __future__ import annotations

import argparse
import errno
import json
import os
import selectors
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "article"
GATES = {"ratio": 0.70, "p99_ms": 50.0, "rss_growth": 0.05}


def load_texts(folder: Path, limit: int | None) -> list[tuple[str, bytes]]:
    cases = sorted(p for p in folder.iterdir() if (p / "fullpage.txt").exists())
    if limit:
        cases = cases[:limit]
    return [(p.name, (p / "fullpage.txt").read_bytes()) for p in cases]


def in_process_rate(texts, seconds: float) -> dict:
    """Single-core documents/s of extractor.clean() in this process (after one warm-up pass)."""
    from extractor import clean
    for _, data in texts:
        clean(data)
    n, t0, c0 = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - t0 < seconds:
        for _, data in texts:
            clean(data)
            n += 1
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"docs": n, "seconds": round(elapsed, 2), "docs_per_s": n / elapsed, "cpu_ms_per_doc": cpu / n * 1000}


def cpu_seconds(pid: int) -> float:
    """user + system CPU time of a process, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    kids = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            pass
    return sorted(set(kids))


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def request_bytes(port: int, body: bytes) -> bytes:
    head = (f"POST /v1/clean HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\nUser-Agent: extractor-load\r\n\r\n")
    return head.encode("ascii") + body


def one_request(port: int, payload: bytes, timeout: float = 30.0) -> int:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(payload)
        chunks = []
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return _status(b"".join(chunks[:1])[:32])


def start_server(port: int, workers: int, log_path: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    cmd = ([str(gunicorn)] if gunicorn.exists() else [sys.executable, "-m", "gunicorn"]) + [
        "-c", "service/gunicorn.conf.py", "service:create_app()"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXTRACTOR_")}
    env.update(HOST="127.0.0.1", PORT=str(port), WEB_CONCURRENCY=str(workers), MAX_REQUESTS="0")
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    log = open(log_path, "wb")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited:\n{log_path.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if b" 200 " in s.recv(100) and len(children(proc.pid)) >= workers:
                    return proc
        except OSError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn did not become ready in 60 s")


class _Exchange:
    """One request in flight: a non-blocking socket going connect -> send -> receive until EOF."""
    __slots__ = ("client", "sock", "payload", "sent", "head", "t0", "deadline", "connecting")


def run_load(port, payloads, clients: int, seconds: float | None, total: int | None,
             progress=None, progress_every: float = 0, timeout: float = 30.0, driver: str = "selectors") -> dict:
    """Closed-loop load: `clients` concurrent clients, each sending its next request only when the
    previous response has fully arrived (EOF), one new connection per request, until `total`
    requests were issued or `seconds` passed; the requests then in flight still finish and count.

    driver "selectors": one thread, non-blocking sockets, an epoll loop keeping one exchange per
    client in flight (see the module docstring); "threads": the former one thread per client."""
    if driver == "threads":
        return run_load_threads(port, payloads, clients, seconds, total, progress, progress_every)
    sel = selectors.DefaultSelector()
    perf, mono = time.perf_counter, time.monotonic
    READ, WRITE = selectors.EVENT_READ, selectors.EVENT_WRITE
    address = ("127.0.0.1", port)
    latencies: list[float] = []
    errors: dict[str, int] = {}
    issued = 0
    stop_at = mono() + seconds if seconds else None
    nexts = list(range(clients))        # client k sends payloads k, k + clients, k + 2 x clients, ...
    idle = list(range(clients))         # clients whose previous exchange is over: start their next

    def error(what: str) -> None:
        errors[what] = errors.get(what, 0) + 1

    def close(ex: _Exchange, registered: bool = True) -> None:
        if registered:
            sel.unregister(ex.sock)
        ex.sock.close()
        idle.append(ex.client)

    def send(ex: _Exchange, registered: bool) -> None:
        try:
            ex.sent += ex.sock.send(memoryview(ex.payload)[ex.sent:])
        except BlockingIOError:
            pass
        except OSError as exc:
            error(type(exc).__name__)
            close(ex, registered)
            return
        events = WRITE if ex.sent < len(ex.payload) else READ
        if registered:
            sel.modify(ex.sock, events, ex)
        else:
            sel.register(ex.sock, events, ex)

    def receive(ex: _Exchange) -> None:
        while True:
            try:
                chunk = ex.sock.recv(262144)
            except BlockingIOError:
                return                          # more to come
            except OSError as exc:
                error(type(exc).__name__)
                close(ex)
                return
            if not chunk:                       # EOF: the whole response has arrived
                close(ex)
                status = _status(ex.head)
                if status == 200:
                    latencies.append(perf() - ex.t0)
                else:
                    error(str(status))
                return
            if len(ex.head) < 32:
                ex.head += chunk[:32]

    def start(client: int) -> None:
        nonlocal issued
        issued += 1
        ex = _Exchange()
        ex.client, ex.sent, ex.head = client, 0, b""
        ex.payload = payloads[nexts[client] % len(payloads)]
        nexts[client] += clients
        ex.t0 = perf()                          # latency: from connect to the response's EOF
        ex.deadline = mono() + timeout
        ex.sock = sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        err = sock.connect_ex(address)
        if err == 0:                            # loopback: often connected at once
            ex.connecting = False
            send(ex, registered=False)
        elif err in (errno.EINPROGRESS, errno.EAGAIN):
            ex.connecting = True
            sel.register(sock, WRITE, ex)
        else:
            error(errno.errorcode.get(err, str(err)))
            close(ex, registered=False)

    t0 = last = perf()
    next_check = mono() + 0.5
    while True:
        while idle:
            client = idle.pop()
            if (total is None or issued < total) and (stop_at is None or mono() < stop_at):
                start(client)
        if not sel.get_map():
            break
        for key, events in sel.select(0.5):
            ex = key.data
            if ex.connecting:
                err = ex.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if err:
                    error(errno.errorcode.get(err, str(err)))
                    close(ex)
                    continue
                ex.connecting = False
                send(ex, registered=True)
            elif events & WRITE:
                send(ex, registered=True)
            else:
                receive(ex)
        now = mono()
        if now >= next_check:                   # timeouts: twice a second is plenty
            next_check = now + 0.5
            for key in [k for k in sel.get_map().values() if k.data.deadline < now]:
                error("timeout")
                close(key.data)
        if progress_every and progress is not None and perf() - last >= progress_every:
            last = perf()
            progress(issued, last - t0)
    elapsed = perf() - t0
    sel.close()
    return _summary(latencies, errors, elapsed)


def _status(head: bytes) -> int:
    """The status code of an HTTP response's first bytes (-1 when they are not a status line)."""
    try:
        return int(head.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return -1


def _summary(latencies: list[float], errors: dict, elapsed: float) -> dict:
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(round(p / 100 * (len(latencies) - 1))))] * 1000 if latencies else None
    return {"requests": len(latencies) + sum(errors.values()), "ok": len(latencies), "errors": errors,
            "seconds": round(elapsed, 2), "throughput": len(latencies) / elapsed,
            "p50_ms": pct(50), "p90_ms": pct(90), "p99_ms": pct(99), "max_ms": pct(100),
            "mean_ms": statistics.fmean(latencies) * 1000 if latencies else None}


def run_load_threads(port, payloads, clients: int, seconds: float | None, total: int | None,
                     progress=None, progress_every: float = 0) -> dict:
    """The former driver: one Python thread per client, blocking sockets (`--driver threads`)."""
    lock = threading.Lock()
    latencies: list[float] = []
    errors: dict[str, int] = {}
    issued = [0]
    stop_at = time.monotonic() + seconds if seconds else None

    def take() -> int | None:
        with lock:
            if total is not None and issued[0] >= total:
                return None
            if stop_at is not None and time.monotonic() >= stop_at:
                return None
            issued[0] += 1
            return issued[0]

    def client(offset: int):
        local_lat, local_err = [], {}
        i = offset
        while take() is not None:
            payload = payloads[i % len(payloads)]
            i += clients
            t0 = time.perf_counter()
            try:
                status = one_request(port, payload)
            except OSError as exc:
                status = type(exc).__name__
            dt = time.perf_counter() - t0
            if status == 200:
                local_lat.append(dt)
            else:
                local_err[str(status)] = local_err.get(str(status), 0) + 1
        with lock:
            latencies.extend(local_lat)
            for k, v in local_err.items():
                errors[k] = errors.get(k, 0) + v

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    last = t0
    while True:
        alive = [t for t in threads if t.is_alive()]
        if not alive:
            break
        alive[0].join(progress_every or None)
        now = time.perf_counter()
        if progress_every and progress is not None and now - last >= progress_every:
            last = now
            progress(issued[0], now - t0)
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    return _summary(latencies, errors, elapsed)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=60.0, help="load duration (default 60)")
    ap.add_argument("--requests", type=int, default=None, help="send exactly this many requests instead")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of cases with fullpage.txt")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N cases")
    ap.add_argument("--inproc-seconds", type=float, default=10.0, help="in-process single-core measurement")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    ap.add_argument("--warmup", type=int, default=1000, help="requests before the RSS baseline")
    ap.add_argument("--progress", type=float, default=30.0, help="print progress and RSS every N s (0: never)")
    ap.add_argument("--driver", choices=("selectors", "threads"), default="selectors",
                    help="load generator: one thread with non-blocking sockets (default), or a thread per client")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    texts = load_texts(args.data, args.limit)
    sizes = sorted(len(b) for _, b in texts)
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"data: {len(texts)} fullpage.txt from {args.data} (median {sizes[len(sizes) // 2]} bytes, max {sizes[-1]})")

    inproc = in_process_rate(texts, args.inproc_seconds) if args.inproc_seconds > 0 else None
    if inproc:
        print(f"in-process, 1 core: {inproc['docs_per_s']:.1f} docs/s ({inproc['docs']} docs in {inproc['seconds']} s)")

    port = free_port()
    log_path = Path(tempfile.mkdtemp(prefix="extractor-load-")) / "gunicorn.log"
    proc = start_server(port, args.workers, log_path)
    try:
        payloads = [request_bytes(port, body) for _, body in texts]
        # Warm-up before the RSS baseline: every document several times in every worker, under the
        # same concurrency, so allocator arenas and caches reach their working size first.
        warm = run_load(port, payloads, args.clients, None, max(args.warmup, len(payloads)), driver=args.driver)
        print(f"warm-up: {warm['requests']} requests, errors {warm['errors'] or 0}")
        workers = children(proc.pid)
        rss_before = {pid: rss_kib(pid) for pid in workers}
        cpu_before = {pid: cpu_seconds(pid) for pid in workers}
        seconds = None if args.requests else args.seconds
        what = f"{args.requests} requests" if args.requests else f"{args.seconds:g} s"
        print(f"load: {args.clients} clients, {args.workers} workers (pids {workers}), {what} ...", flush=True)
        def progress(done, elapsed):
            rss = ", ".join(f"{pid}: {rss_kib(pid) / 1024:.1f} MiB" for pid in children(proc.pid))
            print(f"  {elapsed:6.0f} s  {done} requests  {done / elapsed:.1f}/s  RSS {rss}", flush=True)
        client_cpu = time.process_time()
        load = run_load(port, payloads, args.clients, seconds, args.requests, progress, args.progress,
                        driver=args.driver)
        client_cpu = time.process_time() - client_cpu
        workers_after = children(proc.pid)
        rss_after = {pid: rss_kib(pid) for pid in workers_after}
        worker_cpu = sum(cpu_seconds(pid) - cpu_before[pid] for pid in workers_after if pid in cpu_before)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()

    if inproc:
        # the machine's speed drifts (RESULTS.md: up to 45% in one session), so the in-process rate
        # is measured again after the load and the ratio uses the mean of the two
        after = in_process_rate(texts, args.inproc_seconds)
        print(f"in-process again, 1 core: {after['docs_per_s']:.1f} docs/s ({after['docs']} docs in "
              f"{after['seconds']} s); mean {(inproc['docs_per_s'] + after['docs_per_s']) / 2:.1f}")
        inproc = {"docs_per_s": (inproc["docs_per_s"] + after["docs_per_s"]) / 2,
                  "cpu_ms_per_doc": (inproc["cpu_ms_per_doc"] + after["cpu_ms_per_doc"]) / 2,
                  "before": inproc, "after": after}

    same = sorted(set(rss_before) & set(rss_after))
    growth = {pid: (rss_after[pid] - rss_before[pid]) / rss_before[pid] for pid in same if rss_before[pid]}
    figures = {
        "cases": len(texts), "clients": args.clients, "workers": args.workers, "cpus": os.cpu_count(),
        "driver": args.driver,
        "in_process": inproc, "load": load,
        "rss_kib_before": rss_before, "rss_kib_after": rss_after,
        "rss_growth": growth, "workers_replaced": sorted(set(workers) ^ set(workers_after)),
        "gunicorn_exit": proc.returncode,
    }
    print(f"requests: {load['requests']} in {load['seconds']} s, ok {load['ok']}, errors {load['errors'] or 0}")
    print(f"throughput: {load['throughput']:.1f} docs/s")
    if load["ok"]:
        print(f"latency ms: p50 {load['p50_ms']:.1f}  p90 {load['p90_ms']:.1f}  p99 {load['p99_ms']:.1f}  "
              f"max {load['max_ms']:.1f}  mean {load['mean_ms']:.1f}")
    for pid in same:
        print(f"worker {pid} RSS: {rss_before[pid] / 1024:.1f} MiB -> {rss_after[pid] / 1024:.1f} MiB "
              f"({growth.get(pid, 0) * 100:+.2f}%)")
    if load["ok"] and worker_cpu:
        cpu_ms = worker_cpu / load["requests"] * 1000
        figures["worker_cpu_ms_per_request"] = cpu_ms
        line = f"worker CPU: {cpu_ms:.2f} ms per request"
        if inproc:
            figures["cpu_ratio"] = inproc["cpu_ms_per_doc"] / cpu_ms
            line += (f" vs {inproc['cpu_ms_per_doc']:.2f} ms per document in-process "
                     f"(CPU-normalized ratio {inproc['cpu_ms_per_doc'] / cpu_ms:.2f}; "
                     f"on {args.workers} free cores: {args.workers * 1000 / cpu_ms:.0f} docs/s)")
        print(line)
    if load["requests"]:
        figures["client_cpu_ms_per_request"] = client_cpu / load["requests"] * 1000
        print(f"load generator ({args.driver}) CPU: {figures['client_cpu_ms_per_request']:.2f} ms per request")
    try:
        print(f"load average after: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs "
              "(other processes on the machine skew the wall-clock ratio, not the CPU ratio)")
    except OSError:
        pass
    checks = {}
    if inproc:
        ratio = load["throughput"] / (inproc["docs_per_s"] * args.workers)
        figures["ratio"] = ratio
        checks["throughput >= 0.70 x in-process x workers"] = ratio >= GATES["ratio"]
        print(f"ratio: {load['throughput']:.1f} / ({inproc['docs_per_s']:.1f} x {args.workers}) = {ratio:.2f}")
    if load["ok"]:
        checks["p99 <= 50 ms"] = load["p99_ms"] <= GATES["p99_ms"]
    checks["zero errors"] = not load["errors"]
    if args.requests:
        checks["worker RSS growth < 5%"] = bool(growth) and max(growth.values()) < GATES["rss_growth"]
    figures["checks"] = checks
    for name, ok in checks.items():
        print(f"  [{'PASS' if ok else 'FAIL'}] {name}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str) + "\n")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
