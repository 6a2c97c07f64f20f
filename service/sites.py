"""Site templates in the service: the store, online learning, and /v1/sites/<site>.

Configuration (EXTRACTOR_* like the rest, see service/config.py):
    EXTRACTOR_TEMPLATE_STORE  where site templates live: a SQLite path, or redis://host:port/db for
                              several service instances; unset: no store (clean() as without one)
    EXTRACTOR_LEARN           when true, every /v1/clean or /v1/batch text item with a `url` or
                              `site` is learned after it is cleaned; otherwise only items that ask
                              with "learn": true (or ?learn=true on text/plain) are learned

With a store, a text item with a `url` (its registrable domain) or an explicit `site` is cleaned
with the site's learned template (reason `template.site`), then learned if asked; the result's
stats gain {"site": {"key", "pages", "learned"}}, so a client sees the service get better at a
site. Learning happens after cleaning: a page never counts towards its own decision.

    GET    /v1/sites/<site>   pages seen and the template lines (normalised text, pages)
    DELETE /v1/sites/<site>   forget the site (the API token guards it, like every route, when set)
"""
from __future__ import annotations

import dataclasses
import os
import threading

from flask import Blueprint, Flask, current_app, jsonify, request

from extractor import templates
from extractor.psl import site_key

from .config import _as_bool
from .errors import ApiError, error_response

bp = Blueprint("sites", __name__)

DEFAULTS = {"TEMPLATE_STORE": None, "LEARN": False}
SITE_LINES_LIMIT = 200            # GET shows at most this many template lines (?limit= lowers it)


class Stores:
    """The app's template store, opened on first use in each process (so a forked worker never
    shares the master's SQLite connection or Redis socket)."""

    def __init__(self, spec: str | None):
        self.spec = spec
        self._store = None
        self._pid = None
        self._lock = threading.Lock()

    def get(self):
        if not self.spec:
            return None
        with self._lock:
            if self._store is None or self._pid != os.getpid():
                self._store = templates.open_store(self.spec)
                self._pid = os.getpid()
            return self._store


def init_app(app: Flask) -> None:
    """Register the routes, the store and the clean() wrapper (called by create_app)."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    spec = app.config["TEMPLATE_STORE"]
    app.config["TEMPLATE_STORE"] = None if spec in (None, "", False) else str(spec)
    app.config["LEARN"] = _as_bool("LEARN", app.config["LEARN"])
    stores = Stores(app.config["TEMPLATE_STORE"])
    app.extensions["extractor_templates"] = stores
    engine = app.extensions["extractor"]
    engine.clean = _with_store(engine.clean, stores, app.config["LEARN"], templates.Page.from_text)
    if getattr(engine, "extract", None) is not None:
        engine.extract = _with_store(engine.extract, stores, app.config["LEARN"], templates.Page.from_html)
    app.register_blueprint(bp)

    @app.errorhandler(templates.TemplateStoreError)
    def _store_error(exc):
        return error_response(503, exc.code, exc.message)


def _with_store(clean, stores: Stores, learn_all: bool, page_of=templates.Page.from_text):
    """clean(text, ..., site=None, learn=False) on top of the library's clean() (or extract(html,
    ...) on top of extract(), with page_of=Page.from_html: the same store, the same decision)."""

    def clean_with_store(text, *, site: str | None = None, learn: bool = False, **kwargs):
        store = stores.get()
        key = site_key(kwargs.get("url"), site) if store is not None else None
        if key is None:
            return clean(text, **kwargs)
        result = clean(text, store=store, site=key, **kwargs)
        learned = False
        if learn or learn_all:
            learned = store.learn(key, page_of(text, kwargs.get("url")))
        stats = store.get(key) if learned else None
        pages = stats.pages if stats is not None else _pages(store, key)
        return dataclasses.replace(result, stats={**result.stats,
                                                  "site": {"key": key, "pages": pages, "learned": learned}})

    clean_with_store.__wrapped__ = clean
    return clean_with_store


def _pages(store, key: str) -> int:
    stats = store.get(key)
    return stats.pages if stats is not None else 0


def _store():
    store = current_app.extensions["extractor_templates"].get()
    if store is None:
        raise ApiError(404, "no_template_store", "no template store is configured (EXTRACTOR_TEMPLATE_STORE)")
    return store


def _key(site: str) -> str:
    try:
        return site_key(None, site)
    except Exception:       # noqa: BLE001 - OptionsError for an empty or oversized site
        raise ApiError(400, "bad_site", "the site must be a domain such as example.com") from None


@bp.get("/v1/sites/<site>")
def get_site(site: str):
    key = _key(site)
    stats = _store().get(key)
    if stats is None:
        raise ApiError(404, "unknown_site", f"nothing learned for site {key!r}")
    limit = request.args.get("limit", type=int)
    limit = SITE_LINES_LIMIT if limit is None else max(0, min(limit, SITE_LINES_LIMIT))
    return jsonify(stats.describe(key, limit=limit))


@bp.delete("/v1/sites/<site>")
def delete_site(site: str):
    key = _key(site)
    if not _store().forget(key):
        raise ApiError(404, "unknown_site", f"nothing learned for site {key!r}")
    return jsonify({"site": key, "deleted": True})
