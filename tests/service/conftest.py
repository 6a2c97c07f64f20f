"""Fixtures for the service tests: apps, a Flask test client, seeds, and a real gunicorn."""
from __future__ import annotations

import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = ROOT / "fixtures" / "seeds"
# The Dockerfile's CMD, with the gunicorn of this interpreter's environment.
_GUNICORN_BIN = Path(sys.executable).with_name("gunicorn")
GUNICORN_CMD = ([str(_GUNICORN_BIN)] if _GUNICORN_BIN.exists() else [sys.executable, "-m", "gunicorn"]) + [
    "-c", "service/gunicorn.conf.py", "service:create_app()"]
START_TIMEOUT = 60.0


@dataclass
class Seed:
    name: str
    text: str
    labels: list[dict]

    def lines(self, *labels: str) -> list[str]:
        return [d["text"] for d in self.labels if d["label"] in labels and d["text"].strip()]


def load_seeds() -> list[Seed]:
    seeds = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        labels_path = path.with_suffix(".labels.jsonl")
        labels = [json.loads(line) for line in labels_path.read_text("utf-8").splitlines() if line.strip()]
        seeds.append(Seed(path.stem, path.read_text("utf-8"), labels))
    return seeds


SEEDS = load_seeds()


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    """Tests start from the embedded defaults: no EXTRACTOR_* or multiprocess metrics from outside."""
    for name in list(os.environ):
        if name.startswith("EXTRACTOR_") or name.lower() == "prometheus_multiproc_dir":
            monkeypatch.delenv(name, raising=False)


@pytest.fixture
def make_app():
    from service import create_app

    def _make(**config):
        app = create_app(config or None)
        app.testing = True
        return app
    return _make


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> set[int]:
    kids = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids.update(int(p) for p in (task / "children").read_text().split())
        except OSError:
            pass
    return kids


_STARTED: list[subprocess.Popen] = []


@atexit.register
def _stop_leftovers() -> None:
    """Never leave a gunicorn behind, even when a test failed before its own stop()."""
    for proc in _STARTED:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


@dataclass
class Gunicorn:
    proc: subprocess.Popen
    port: int
    log_path: Path
    env: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def workers(self) -> set[int]:
        return _children(self.proc.pid)

    def log(self) -> str:
        return self.log_path.read_text("utf-8", "replace")

    def wait_ready(self, timeout: float = START_TIMEOUT, workers: int | None = None) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}:\n{self.log()}")
            try:
                if requests.get(self.url + "/readyz", timeout=2).status_code == 200 and (
                        workers is None or len(self.workers()) >= workers):
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn not ready after {timeout}s:\n{self.log()}")

    def stop(self, timeout: float = 30.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        return self.proc.returncode


def start_gunicorn(tmp_path: Path, workers: int = 2, **env) -> Gunicorn:
    port = free_port()
    full_env = {k: v for k, v in os.environ.items()
                if not k.startswith("EXTRACTOR_") and k.lower() != "prometheus_multiproc_dir"}
    full_env.update({"HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(workers),
                     "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "prometheus"),
                     "PYTHONUNBUFFERED": "1"})
    full_env.update({k: str(v) for k, v in env.items()})
    (tmp_path / "prometheus").mkdir(exist_ok=True)
    log_path = tmp_path / "gunicorn.log"
    log = open(log_path, "wb")
    proc = subprocess.Popen(GUNICORN_CMD, cwd=ROOT, env=full_env,
                            stdout=log, stderr=subprocess.STDOUT)
    log.close()
    _STARTED.append(proc)
    server = Gunicorn(proc, port, log_path, full_env)
    try:
        server.wait_ready(workers=workers)
    except Exception:
        server.stop(5)
        raise
    return server


@pytest.fixture(scope="session")
def gunicorn_server(tmp_path_factory):
    """One real gunicorn (2 workers) shared by the tests that only send requests to it."""
    server = start_gunicorn(tmp_path_factory.mktemp("gunicorn"))
    yield server
    server.stop()
