"""A real gunicorn, started the way the Docker image starts it, on a free loopback port."""
from __future__ import annotations

import json
import os
import re
import signal
import threading
import time

import pytest
import requests

from tests.service.conftest import SEEDS, start_gunicorn

TIMEOUT = 10          # seconds, for every request in this file


def norm(text: str) -> str:
    """Whitespace-normalized text: the cleaner may collapse runs of spaces inside a block."""
    return " ".join(text.split())


def post_text(server, text: str, **params):
    return requests.post(server.url + "/v1/clean", params=params, data=text.encode("utf-8"),
                         headers={"Content-Type": "text/plain; charset=utf-8"}, timeout=TIMEOUT)


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name for s in SEEDS])
def test_seed_body_kept_and_removed_blocks_explained(gunicorn_server, seed):
    resp = post_text(gunicorn_server, seed.text, explain="true")
    assert resp.status_code == 200, resp.text
    result = resp.json()
    # Every line a person labelled as article body is in the output text.
    output = norm(result["text"])
    for line in seed.lines("body"):
        assert norm(line) in output, line
    # Every removed block says why; the stats count exactly the removed blocks by category.
    removed = [b for b in result["blocks"] if not b["kept"]]
    assert removed, "nothing removed from a seed full of page furniture"
    assert all(b["reason"] for b in removed)
    by_category = {}
    for b in removed:
        if b["category"]:
            by_category[b["category"]] = by_category.get(b["category"], 0) + 1
    assert {c: v["blocks"] for c, v in result["stats"]["by_category"].items() if v["blocks"]} == by_category
    assert result["stats"]["removed_blocks"] == len(removed)
    # A donation appeal, where the seed has one, is among the removed blocks (whatever category won).
    donation = {norm(t) for t in seed.lines("donation")}
    if donation:
        assert any(norm(b["text"]) in donation for b in removed), "no donation appeal removed"


def test_requests_reach_both_workers_and_metrics_add_up(gunicorn_server):
    before = _requests_total(gunicorn_server)
    n = 40
    with requests.Session() as session:
        for _ in range(n):
            assert session.post(gunicorn_server.url + "/v1/clean", json={"text": SEEDS[1].text},
                                timeout=TIMEOUT).status_code == 200
    after = _requests_total(gunicorn_server)
    assert after - before >= n                     # counted whichever worker served them
    text = requests.get(gunicorn_server.url + "/metrics", timeout=TIMEOUT).text
    assert 'extractor_documents_total{endpoint="clean",outcome="ok"}' in text
    assert "extractor_removed_chars_total{" in text
    # The access log is one JSON object a line, and both workers served requests.
    pids = set()
    for line in gunicorn_server.log().splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            assert {"method", "path", "status", "duration_ms"} <= set(record)
            pids.add(record["pid"])
    assert len(pids) >= 2


def _requests_total(server) -> float:
    text = requests.get(server.url + "/metrics", timeout=TIMEOUT).text
    return sum(float(m) for m in re.findall(
        r'^extractor_http_requests_total\{[^}]*route="/v1/clean"[^}]*\} ([0-9.e+]+)$', text, re.M))


def test_chunked_body_over_the_limit_is_413(gunicorn_server):
    def chunks():
        for _ in range(6 * 1024):
            yield b"x" * 1024          # 6 MiB without a Content-Length
    resp = requests.post(gunicorn_server.url + "/v1/clean", data=chunks(),
                         headers={"Content-Type": "text/plain"}, timeout=TIMEOUT)
    assert resp.status_code == 413
    assert resp.json()["error"]["code"] == "too_large"


def test_errors_are_json_over_http(gunicorn_server):
    resp = requests.get(gunicorn_server.url + "/nope", timeout=TIMEOUT)
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "not_found"
    resp = requests.post(gunicorn_server.url + "/v1/clean", data=b"\xff\xfe\x00bad",
                         headers={"Content-Type": "text/plain"}, timeout=TIMEOUT)
    assert resp.status_code == 422 and resp.json()["error"]["code"] in ("undecodable", "binary_input")


def test_time_budget_works_in_a_sync_worker(tmp_path):
    server = start_gunicorn(tmp_path, workers=1, EXTRACTOR_DOC_TIMEOUT="0.001", ACCESS_LOG="")
    try:
        big = "\n\n".join(seed.text for seed in SEEDS) * 20
        resp = post_text(server, big)
        assert resp.status_code == 504, resp.text[:200]
        assert resp.json()["error"]["code"] == "timeout"
        assert requests.get(server.url + "/healthz", timeout=TIMEOUT).status_code == 200
        assert server.stop() == 0
    finally:
        server.stop()


def test_worker_killed_mid_run_is_replaced_then_clean_stop(tmp_path):
    server = start_gunicorn(tmp_path, workers=2)
    try:
        _kill_a_worker_under_load(server)
        # Metrics still render after a worker died (its files stay; the master marked it dead).
        assert requests.get(server.url + "/metrics", timeout=TIMEOUT).status_code == 200
        # A clean stop: SIGTERM, workers exit, master exits 0.
        assert server.stop() == 0
        assert "Shutting down: Master" in server.log()
    finally:
        server.stop()


def _kill_a_worker_under_load(server) -> None:
    outcomes: list[tuple[float, int | str]] = []
    stop = threading.Event()

    def hammer():
        with requests.Session() as session:
            while not stop.is_set():
                try:
                    r = session.post(server.url + "/v1/clean", json={"text": SEEDS[2].text}, timeout=TIMEOUT)
                    outcomes.append((time.monotonic(), r.status_code))
                except requests.RequestException as exc:
                    outcomes.append((time.monotonic(), type(exc).__name__))
    clients = [threading.Thread(target=hammer) for _ in range(4)]
    try:
        for t in clients:
            t.start()
        time.sleep(1.0)
        old_workers = server.workers()
        assert len(old_workers) == 2
        victim = sorted(old_workers)[0]
        os.kill(victim, signal.SIGKILL)
        killed_at = time.monotonic()
        deadline = killed_at + 20
        while time.monotonic() < deadline:
            workers = server.workers()
            if victim not in workers and len(workers) == 2:
                break
            time.sleep(0.1)
        else:
            pytest.fail(f"the master did not replace worker {victim}: {server.workers()}")
        time.sleep(1.5)
    finally:
        stop.set()
        for t in clients:
            t.join(TIMEOUT + 5)
    after = [o for t, o in outcomes if t > killed_at + 1.0]
    assert after and all(o == 200 for o in after), after[:20]
    lost = [o for _, o in outcomes if o != 200]
    assert len(lost) <= 4, lost                     # at most the requests in flight on the victim
    assert sum(1 for _, o in outcomes if o == 200) > 20

def test_tests_run_the_dockerfile_command():
    """The fixture's command is the image's CMD (so the tests cover what the container runs)."""
    from tests.service.conftest import GUNICORN_CMD, ROOT
    cmd = next(line for line in (ROOT / "Dockerfile").read_text().splitlines() if line.startswith("CMD "))
    assert json.loads(cmd[4:]) == ["gunicorn"] + GUNICORN_CMD[-3:]
    assert "gunicorn -c service/gunicorn.conf.py 'service:create_app()'" in (ROOT / "Makefile").read_text()
