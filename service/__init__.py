"""HTTP service for `extractor`: `create_app()` is the app factory gunicorn and the tests call.

Configuration layers, later wins (habit 8):
  1. embedded defaults (service.config.DEFAULTS)
  2. environment variables EXTRACTOR_* (app.config.from_prefixed_env("EXTRACTOR"))
  3. the `config` mapping passed by the caller (tests)

Run it:  gunicorn -c service/gunicorn.conf.py 'service:create_app()'   (or `make run`)
"""
from __future__ import annotations

import hmac
import time

from flask import Flask, current_app, g, request

from . import config as _config
from . import errors, metrics, sites
from .api import bp
from .engine import Engine

__all__ = ["create_app"]

OPEN_PATHS = frozenset({"/healthz", "/readyz"})


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, static_folder="static", static_url_path="/static")
    app.config.from_mapping(_config.DEFAULTS)
    app.config.from_prefixed_env("EXTRACTOR")
    if config:
        app.config.from_mapping(config)
    _config.normalize(app.config)
    app.json.sort_keys = False
    app.json.compact = True

    app.extensions["extractor"] = Engine()
    if app.config["WARMUP"]:
        app.extensions["extractor"].warm_up()

    errors.register(app)
    app.before_request(_start_timer)
    app.before_request(_check_token)
    app.after_request(_finish)
    app.register_blueprint(bp)
    sites.init_app(app)
    return app


def _start_timer():
    g.t0 = time.perf_counter()


def _check_token():
    token = current_app.config["API_TOKEN"]
    if not token or request.path in OPEN_PATHS:
        return None
    if current_app.config["PUBLIC_PAGE"] and (request.path == "/" or request.path.startswith("/static/")):
        return None
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    given = credentials.strip().encode("utf-8", "surrogateescape")
    # compare_digest on bytes: constant time in the length of the expected token.
    if scheme.lower() != "bearer" or not hmac.compare_digest(given, token.encode("utf-8")):
        raise errors.ApiError(401, "unauthorized", "a valid 'Authorization: Bearer <token>' header is required",
                              headers={"WWW-Authenticate": 'Bearer realm="extractor"'})
    return None


def _finish(response):
    t0 = g.pop("t0", None)
    if t0 is not None:
        rule = request.url_rule
        route = rule.rule if rule is not None else "<unmatched>"
        metrics.observe_request(route, request.method, response.status_code, time.perf_counter() - t0)
    return response
