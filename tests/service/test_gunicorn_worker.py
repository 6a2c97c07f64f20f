"""service/gunicorn_worker.py: a connection whose request was read to the end closes at once;
anything else keeps gunicorn's graceful (lingering) close."""
from __future__ import annotations

import socket

import pytest
from gunicorn.http.body import ChunkedReader, LengthReader

from service import gunicorn_worker as gw
from tests.service.conftest import start_gunicorn


class _Body:
    def __init__(self, reader):
        self.reader = reader


class _Req:
    def __init__(self, reader):
        self.body = _Body(reader)


def test_body_read_to_end_only_for_a_length_body_read_out():
    assert gw.body_read_to_end(_Req(LengthReader(None, 0)))
    assert not gw.body_read_to_end(_Req(LengthReader(None, 512)))        # the app left bytes unread
    assert not gw.body_read_to_end(_Req(ChunkedReader(None, None)))       # chunked: never assumed
    assert not gw.body_read_to_end(object())


def test_nothing_unread_peeks_without_consuming():
    a, b = socket.socketpair()
    try:
        assert gw.nothing_unread(a)
        b.sendall(b"GET / HTTP/1.1\r\n")        # a pipelined request waiting
        assert not gw.nothing_unread(a)
        assert a.recv(100) == b"GET / HTTP/1.1\r\n"     # still there: peeked, not read
        b.close()
        assert gw.nothing_unread(a)            # the peer's FIN is not unread data
    finally:
        a.close()


@pytest.fixture
def worker(monkeypatch):
    graceful = []
    monkeypatch.setattr(gw, "_graceful", lambda sock, *a, **k: (graceful.append(sock), sock.close()))
    w = object.__new__(gw.SyncWorker)        # the close logic only; no arbiter needed
    w._done = None
    w.graceful = graceful
    return w


def test_a_read_out_request_closes_at_once_and_the_client_sees_eof(worker):
    a, b = socket.socketpair()
    b.settimeout(5)
    worker._done = a
    worker._close(a, 2.0)
    assert worker.graceful == [] and a.fileno() == -1
    assert b.recv(10) == b""                  # the client reads the end of the response, no reset
    b.close()


def test_unread_bytes_or_an_unmarked_socket_get_the_graceful_close(worker):
    a, b = socket.socketpair()
    worker._done = a
    b.sendall(b"leftover body")
    worker._close(a)
    c, d = socket.socketpair()
    worker._close(c)                          # not marked: its request was not read to the end
    assert worker.graceful == [a, c]
    assert worker._done is None
    for s in (b, d):
        s.close()


def test_a_body_refused_unread_still_gets_its_413_through_gunicorn(tmp_path):
    # Content-Length over the limit: the app answers 413 without reading the body, so the
    # connection takes the graceful close, and the client gets the answer, not a reset
    server = start_gunicorn(tmp_path, workers=1, EXTRACTOR_MAX_BYTES="1000")
    try:
        for _ in range(3):
            with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
                s.sendall(b"POST /v1/clean HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                          b"Content-Length: 400000\r\n\r\n" + b"x" * 50000)
                head = s.recv(64)
                assert head.startswith(b"HTTP/1.1 413"), head
            with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
                body = b"Ein kurzer Text. Noch ein Satz."
                s.sendall(b"POST /v1/clean HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                          b"Content-Length: %d\r\n\r\n" % len(body) + body)
                data = b""
                while chunk := s.recv(65536):
                    data += chunk
                assert data.startswith(b"HTTP/1.1 200") and b"kurzer" in data
    finally:
        server.stop()
