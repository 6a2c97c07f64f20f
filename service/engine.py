"""The library calls the service makes, held per app so a test can swap them.

`Engine.warm_up()` runs the library's warm-up (every language's rule set, the language profiles, the
model: extractor.htmlapi.warm_up) and cleans small documents, so that nothing is loaded on a first
request: under gunicorn with `preload_app` this runs once in the master, and the forked workers share
the loaded data copy-on-write. `/readyz` answers 200 only after a successful warm-up.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Callable

import extractor
from extractor.htmlapi import warm_up as library_warm_up

from .config import WARMUP_HTML, WARMUP_TEXTS

log = logging.getLogger("service")


@dataclass
class Engine:
    clean: Callable = extractor.clean
    extract: Callable | None = field(default_factory=lambda: getattr(extractor, "extract", None))
    ready: bool = False
    error: str | None = None
    warmup_seconds: float | None = None

    def warm_up(self) -> bool:
        if self.ready:
            return True
        t0 = time.perf_counter()
        try:
            # every language's rule set, the language profiles, the model: loaded here, in
            # gunicorn's master before the fork, they are shared copy-on-write by the workers
            # (and gunicorn.conf.py's pre_fork freezes them out of the collector's walks)
            library_warm_up()
            for text in WARMUP_TEXTS:
                result = self.clean(text)
                if not isinstance(getattr(result, "text", None), str):
                    raise RuntimeError("clean() did not return a Result")
            if self.extract is not None:
                self.extract(WARMUP_HTML)
        except Exception as exc:  # noqa: BLE001 - reported by /readyz, logged here
            self.ready, self.error = False, f"{type(exc).__name__}: {exc}"
            log.exception("warm-up failed")
            return False
        self.ready, self.error = True, None
        self.warmup_seconds = time.perf_counter() - t0
        return True

    def describe(self) -> dict:
        return {
            "version": getattr(extractor, "__version__", None),
            "html": self.extract is not None,
            "warmup_ms": None if self.warmup_seconds is None else round(self.warmup_seconds * 1000, 1),
        }
