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

# signal.signal is a Python wrapper around _signal.signal that turns the handlers into
# signal.Handlers enum members and back; for a function handler that conversion fails inside the
# enum's lookup (an exception built and caught), and it costs several times the system call. The
# budget only stores the previous handler and puts it back, untouched: the C function does that.
from _signal import signal as _set_handler

from extractor import errors as xerrors

_HAS_TIMER = hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")


def available() -> bool:
    return _HAS_TIMER and threading.current_thread() is threading.main_thread()


class time_budget:
    """Raise extractor.errors.TimeoutError in the block if it runs longer than `seconds`.

    `with time_budget(seconds) as armed:` (whether the budget is armed). A class rather than a
    generator-based context manager: it is entered once per document."""

    __slots__ = ("seconds", "what", "armed", "installed", "previous")

    def __init__(self, seconds: float | None, what: str = "document"):
        self.seconds, self.what = seconds, what
        self.armed = self.installed = False
        self.previous = None

    def __enter__(self) -> bool:
        seconds = self.seconds
        if not seconds or seconds <= 0 or not available():
            return False
        self.armed = True
        self.previous = _set_handler(signal.SIGALRM, self._on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        self.installed = True
        return True

    def __exit__(self, *exc) -> None:
        if self.installed:
            self.armed = False          # an alarm landing from here on is ignored
            self.installed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            _set_handler(signal.SIGALRM, self.previous)

    def _on_alarm(self, signum, frame):
        if self.armed:
            self.armed = False
            raise xerrors.TimeoutError(f"the {self.what} exceeded its time budget of {self.seconds:g} s")
