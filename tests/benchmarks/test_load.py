"""benchmarks/load.py's load generator keeps its definitions: closed loop, `clients` requests in
flight at most, one new connection per request, only 200 responses counted as successes.

A tiny HTTP server on loopback (a thread per connection) stands in for gunicorn: it reads one
request (headers and Content-Length body), answers with the status the body asks for, then closes.
"""
from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

import load  # noqa: E402


class TinyServer:
    def __init__(self, delay: float = 0.002):
        self.delay = delay
        self.sock = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = self.sock.getsockname()[1]
        self.lock = threading.Lock()
        self.connections = self.in_flight = self.max_in_flight = 0
        self.bodies: list[bytes] = []
        self.stopped = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stopped:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn):
        with self.lock:
            self.connections += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            data = b""
            while b"\r\n\r\n" not in data:
                data += conn.recv(65536)
            head, _, body = data.partition(b"\r\n\r\n")
            length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length")))
            while len(body) < length:
                body += conn.recv(65536)
            with self.lock:
                self.bodies.append(body)
            time.sleep(self.delay)
            status = int(body) if body.isdigit() else 200
            payload = b'{"text": "' + b"x" * 5000 + b'"}'
            with self.lock:            # counted out before the response is complete on the client
                self.in_flight -= 1
            conn.sendall(b"HTTP/1.1 %d X\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
                         % (status, len(payload)) + payload)
        finally:
            conn.close()

    def close(self):
        self.stopped = True
        self.sock.close()


@pytest.fixture
def server():
    srv = TinyServer()
    yield srv
    srv.close()


@pytest.mark.parametrize("driver", ["selectors", "threads"])
def test_fixed_count_closed_loop_one_connection_each(server, driver):
    payloads = [load.request_bytes(server.port, f"body {i}".encode()) for i in range(5)]
    result = load.run_load(server.port, payloads, 4, None, 40, driver=driver)
    assert result["ok"] == result["requests"] == 40 and not result["errors"]
    assert server.connections == 40                  # a new connection for every request
    assert 1 <= server.max_in_flight <= 4            # never more than `clients` in flight
    assert set(server.bodies) == {f"body {i}".encode() for i in range(5)}
    assert 0 < result["p50_ms"] <= result["p99_ms"] <= result["max_ms"]
    assert abs(40 / result["throughput"] - result["seconds"]) <= 0.006    # ok / elapsed (seconds rounded)


@pytest.mark.parametrize("driver", ["selectors", "threads"])
def test_non_200_is_an_error_by_status(server, driver):
    payloads = [load.request_bytes(server.port, b"200"), load.request_bytes(server.port, b"503")]
    result = load.run_load(server.port, payloads, 2, None, 10, driver=driver)
    assert result["requests"] == len(server.bodies) == 10
    assert result["ok"] == server.bodies.count(b"200") > 0
    assert result["errors"] == {"503": server.bodies.count(b"503")}


def test_duration_stops_issuing_and_finishes_in_flight(server):
    payloads = [load.request_bytes(server.port, b"x")]
    t0 = time.perf_counter()
    result = load.run_load(server.port, payloads, 3, 0.3, None)
    assert 0.3 <= time.perf_counter() - t0 < 2
    assert result["ok"] == result["requests"] == server.connections > 3 and not result["errors"]


def test_refused_connections_are_errors_not_a_hang():
    port = load.free_port()               # nothing listens there
    result = load.run_load(port, [load.request_bytes(port, b"x")], 2, None, 6)
    assert result["ok"] == 0 and sum(result["errors"].values()) == 6
