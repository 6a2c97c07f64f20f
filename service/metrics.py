"""Prometheus metrics, multiprocess-safe under gunicorn.

The metric objects are module globals (created once per process, whatever the number of apps a test
creates). Under gunicorn, `service/gunicorn.conf.py` sets PROMETHEUS_MULTIPROC_DIR before this module
is imported, prometheus-client then writes each worker's values to files there, `/metrics` merges
them with a MultiProcessCollector, and the master's `child_exit` hook marks dead workers.
Without that variable (tests, a plain `flask run`) the default in-process registry is served.
Only counters and histograms are used: they aggregate across processes without a gauge mode.
"""
from __future__ import annotations

import os

from prometheus_client import (CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram,
                               generate_latest, multiprocess)

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.035, 0.05, 0.075, 0.1,
                   0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

REQUESTS = Counter(
    "extractor_http_requests_total", "HTTP requests by route, method and status.",
    ["route", "method", "status"])
LATENCY = Histogram(
    "extractor_http_request_duration_seconds", "HTTP request latency by route.",
    ["route"], buckets=LATENCY_BUCKETS)
DOCUMENTS = Counter(
    "extractor_documents_total", "Documents processed, by endpoint and outcome (ok or an error code).",
    ["endpoint", "outcome"])
REMOVED_CHARS = Counter(
    "extractor_removed_chars_total", "Characters removed, by boilerplate category.", ["category"])
REMOVED_BLOCKS = Counter(
    "extractor_removed_blocks_total", "Blocks removed, by boilerplate category.", ["category"])
INPUT_CHARS = Counter(
    "extractor_input_chars_total", "Characters of input documents cleaned successfully.", ["endpoint"])


def multiprocess_dir() -> str | None:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or os.environ.get("prometheus_multiproc_dir")


# Label children, looked up once per label tuple: `.labels()` costs more than the `.inc()` itself
# (it validates and joins the label values each call). The children are prometheus-client's own
# objects (the same ones `.labels()` returns), so values, files and the multiprocess pid-change
# reset behave exactly as before.
_CHILDREN: dict = {}


def _child(metric, *labels):
    key = (metric, labels)
    child = _CHILDREN.get(key)
    if child is None:
        child = _CHILDREN[key] = metric.labels(*labels)
    return child


def observe_request(route: str, method: str, status: int, seconds: float) -> None:
    _child(REQUESTS, route, method, str(status)).inc()
    _child(LATENCY, route).observe(seconds)


def observe_document(endpoint: str, result=None, error_code: str | None = None) -> None:
    if error_code is not None:
        _child(DOCUMENTS, endpoint, error_code).inc()
        return
    _child(DOCUMENTS, endpoint, "ok").inc()
    stats = getattr(result, "stats", None) or {}
    chars = stats.get("chars")
    if isinstance(chars, (int, float)):
        _child(INPUT_CHARS, endpoint).inc(chars)
    for category, counts in (stats.get("by_category") or {}).items():
        if not isinstance(counts, dict):
            continue
        removed = counts.get("chars")
        if removed:
            _child(REMOVED_CHARS, str(category)).inc(removed)
        removed = counts.get("blocks")
        if removed:
            _child(REMOVED_BLOCKS, str(category)).inc(removed)


def render() -> tuple[bytes, str]:
    if multiprocess_dir():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
