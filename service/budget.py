"""Per-document time budget.

Choice: SIGALRM via `signal.setitimer` in the main thread. Gunicorn's sync workers (this service's
worker class) serve each request in the worker's main thread, so the timer interrupts the cleaner
wherever it is (pure-Python code, or a C call that returns to the interpreter) and raises
`extractor.errors.TimeoutError`, which the views turn into 504 {"error": {"code": "timeout"}}.

Why not a thread with a timeout: a Python thread cannot be killed, so the abandoned work would keep
burning the worker's CPU after the 504. Why not a subprocess per document: fork + pickling costs more
than cleaning a typical article.

Fallback: where there is no setitimer (Windows) or the request runs outside the main thread
(threaded dev server, gthread workers), there is no per-document budget; gunicorn's worker
`timeout` remains the backstop there. `time_budget()` yields whether the budget is armed.

Caveat: the exception is raised asynchronously, between two bytecodes of whatever the cleaner is
running. Rule packs and the model are loaded by the warm-up in `create_app()` (in the gunicorn master,
before the fork), so an interrupted request cannot leave them half-loaded; a request that times out
only loses its own work.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

from extractor import errors as xerrors

_HAS_TIMER = hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")


def available() -> bool:
    return _HAS_TIMER and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None, what: str = "document"):
    """Raise extractor.errors.TimeoutError in the block if it runs longer than `seconds`."""
    if not seconds or seconds <= 0 or not available():
        yield False
        return
    state = {"armed": True}

    def _on_alarm(signum, frame):
        if state["armed"]:
            state["armed"] = False
            raise xerrors.TimeoutError(f"the {what} exceeded its time budget of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        state["armed"] = False          # an alarm landing from here on is ignored
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
