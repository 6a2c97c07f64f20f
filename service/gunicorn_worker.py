"""gunicorn's sync worker, closing a connection at once when nothing of the request is left unread.

gunicorn (27) closes every connection of a sync worker the RFC 9112 way (util.close_graceful): it
half-closes, then waits, up to 2 s, for the client to close its side, reading whatever the client
still sends. That linger matters when the request was not read to the end: closing a socket with
unread data makes the kernel send RST, and the client may lose the response. For the usual
request (the app read the whole body and the client sent nothing more) the wait only keeps the
worker idle for a round trip through the client before it may accept the next connection: under
load that was about 5% of the service's throughput (benchmarks/load.py, RESULTS.md 2026-11-23).

This worker closes such a connection at once, and only such a one:
  * the request had a Content-Length body (or none) and the app read all of it; and
  * nothing more is waiting in the socket's receive buffer (a non-blocking MSG_PEEK).
Anything else (a chunked body, a body the app refused unread, an error before the body was read,
pipelined bytes) gets gunicorn's graceful close unchanged.

gunicorn.conf.py selects it: worker_class = "service.gunicorn_worker.SyncWorker".
"""
from __future__ import annotations

import socket

from gunicorn import util
from gunicorn.http.body import LengthReader
from gunicorn.workers import sync

_graceful = util.close_graceful


def body_read_to_end(req) -> bool:
    """Whether the app read the request's whole body (a Content-Length body or none)."""
    body = getattr(req, "body", None)
    reader = getattr(body, "reader", None)
    return isinstance(reader, LengthReader) and reader.length == 0


def nothing_unread(sock) -> bool:
    """No byte waits in the socket's receive buffer (the peer's FIN counts as nothing)."""
    try:
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return True
    except (OSError, ValueError):     # ValueError: an SSL socket takes no recv flags
        return False


class SyncWorker(sync.SyncWorker):
    """The sync worker; see the module docstring for the one thing it does differently."""

    def init_process(self):
        self._done = None                 # the client socket of a request read to the end
        util.close_graceful = self._close
        super().init_process()

    def handle_request(self, listener, req, client, addr):
        self._done = None
        super().handle_request(listener, req, client, addr)
        if body_read_to_end(req):
            self._done = client

    def _close(self, sock, *args, **kwargs):
        done, self._done = self._done, None
        if sock is done and nothing_unread(sock):
            util.close(sock)
        else:
            _graceful(sock, *args, **kwargs)
