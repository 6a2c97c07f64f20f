"""Gunicorn settings for the extractor service (also what the Docker image and the tests run).

    gunicorn -c service/gunicorn.conf.py 'service:create_app()'

Environment:
    HOST (127.0.0.1; the image sets 0.0.0.0), PORT (8080)
    WEB_CONCURRENCY     workers (default: the CPUs this process may run on)
    GUNICORN_TIMEOUT    seconds before the master kills a silent worker (90; above EXTRACTOR_BATCH_TIMEOUT)
    MAX_REQUESTS        recycle a worker after this many requests (10000; 0 = never)
    MAX_REQUESTS_JITTER random extra requests so workers do not recycle together (1000)
    ACCESS_LOG          access log target ('-' = stdout, the default; '' = none), one JSON object a line
    LOG_LEVEL           error log level (info)
    PROMETHEUS_MULTIPROC_DIR  where workers write metrics; a fresh temporary folder when unset
Workers are sync (one request at a time each, in the main thread: the per-document time budget's
SIGALRM needs that): gunicorn's sync worker, closing a connection at once when its request was
read to the end (service/gunicorn_worker.py). The app is preloaded: rules and model load once, in
the master, before the fork; `pre_fork` then freezes those objects out of the garbage collector's
reach (see there).
"""
import gc
import os
import shutil
import tempfile


def _int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _cpus():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


# Metrics: prometheus-client picks its multiprocess value class when first imported, so the folder
# must be in the environment before the app (and prometheus_client) is loaded: that is here.
_OWN_PROM_DIR = None
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    _OWN_PROM_DIR = tempfile.mkdtemp(prefix="extractor-prometheus-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = _OWN_PROM_DIR
os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)

bind = [f"{os.environ.get('HOST', '127.0.0.1')}:{_int('PORT', 8080)}"]
workers = _int("WEB_CONCURRENCY", _cpus())
worker_class = "service.gunicorn_worker.SyncWorker"   # sync, closing read-out connections at once
timeout = _int("GUNICORN_TIMEOUT", 90)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
max_requests = _int("MAX_REQUESTS", 10000)
max_requests_jitter = _int("MAX_REQUESTS_JITTER", 1000) if max_requests else 0
preload_app = True
proc_name = "extractor"
control_socket_disable = True     # gunicorn 25+ control socket: unused, and it collides between instances

accesslog = os.environ.get("ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
logger_class = "service.gunicorn_log.JsonLogger"


def on_starting(server):
    """Clear metric files a previous run left in a reused folder."""
    folder = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    for name in os.listdir(folder):
        if name.endswith(".db"):
            os.remove(os.path.join(folder, name))


def pre_fork(server, worker):
    """Freeze what the master loaded (the preloaded app: rule packs, model, language profiles).

    A full (generation 2) collection in a worker walks every tracked object, and this heap is
    large: tens of milliseconds each time, a latency spike for every request queued behind it,
    and writes to the GC headers of pages otherwise shared copy-on-write with the master.
    Frozen objects are never collected, so the garbage is collected once first. Objects the
    workers create are collected as usual."""
    if not gc.get_freeze_count():
        gc.collect()
    gc.freeze()


def child_exit(server, worker):
    from prometheus_client import multiprocess
    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _OWN_PROM_DIR:
        shutil.rmtree(_OWN_PROM_DIR, ignore_errors=True)
