"""The service's routes (one blueprint): /v1/clean, /v1/extract, /v1/batch, probes, metrics, spec, page."""
from __future__ import annotations

import codecs
import json
import time
from importlib import resources

from flask import Blueprint, Response, current_app, jsonify, request

from extractor import errors as xerrors
from extractor.options import MARKUPS, OUTPUTS

from . import metrics
from .budget import time_budget
from .config import json_body_limit
from .errors import ApiError, describe

bp = Blueprint("api", __name__)

MODES = ("precision", "balanced", "recall")
JSON_TYPES = ("application/json",)
NDJSON_TYPES = ("application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines")
HTML_TYPES = ("text/html", "application/xhtml+xml")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _engine():
    return current_app.extensions["extractor"]


def _cfg(key):
    return current_app.config[key]


# --- reading bodies --------------------------------------------------------------------------

def _read_body(limit: int) -> bytes:
    """The raw body, refusing (413) more than `limit` bytes whether or not Content-Length is sent."""
    # A Content-Length over the limit: werkzeug raises RequestEntityTooLarge (413) before reading.
    # A chunked body: werkzeug stops reading at the limit without complaint, so read one byte more
    # than allowed and refuse the body if that byte arrives.
    request.max_content_length = limit + 1
    data = request.get_data(cache=True)
    if len(data) > limit:
        raise ApiError(413, "too_large", f"the request body is over the limit of {limit} bytes")
    return data


def _parse_json(data: bytes):
    if not data.strip():
        raise ApiError(400, "bad_json", "the JSON body is empty")
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as exc:   # UnicodeDecodeError is a ValueError
        raise ApiError(400, "bad_json", f"malformed JSON: {exc}") from None


def _json_object_body() -> dict:
    """The request's JSON body, which must be an object (the single-document routes)."""
    obj = _parse_json(_read_body(json_body_limit(current_app.config)))
    if not isinstance(obj, dict):
        raise ApiError(400, "bad_json", "the JSON body must be an object")
    return obj


def _charset() -> str | None:
    charset = request.mimetype_params.get("charset")
    if charset is None:
        return None
    try:
        info = codecs.lookup(charset)
    except LookupError:
        raise ApiError(415, "unsupported_charset", f"unknown charset {charset!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ApiError(415, "unsupported_charset", f"{charset!r} is not a text encoding")
    return info.name


def _decode_text(data: bytes, charset: str | None) -> str:
    try:
        return data.decode(charset or "utf-8-sig")
    except (UnicodeError, ValueError, LookupError) as exc:
        raise ApiError(422, "undecodable", f"the body is not valid {charset or 'utf-8'}: {exc}") from None


def _unsupported(allowed) -> ApiError:
    got = request.mimetype or "none"
    return ApiError(415, "unsupported_media_type",
                    f"Content-Type {got!r} is not supported here; use one of: {', '.join(allowed)}")


# --- fields and options ----------------------------------------------------------------------

def _encodable(value: str, name: str) -> str:
    """JSON can carry lone surrogates (\\ud800) that no UTF-8 text contains: refuse them here.
    (An ASCII str has none: isascii() reads a flag of the str, encode() copies the text.)"""
    if value.isascii():
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(422, "undecodable", f"'{name}' contains unpaired surrogates") from None
    return value


def _opt_str(obj: dict, name: str, choices=None) -> str | None:
    value = obj.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ApiError(400, "bad_field", f"'{name}' must be a string")
    _encodable(value, name)
    if choices is not None and value not in choices:
        raise ApiError(400, "bad_option", f"'{name}' must be one of: {', '.join(choices)}")
    return value


def _opt_bool(obj: dict, name: str, default=False) -> bool:
    value = obj.get(name, default)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    raise ApiError(400, "bad_field", f"'{name}' must be true or false")


def _query_bool(name: str) -> bool:
    value = request.args.get(name)
    if value is None or value.strip().lower() in _FALSE | {""}:
        return False
    if value.strip().lower() in _TRUE:
        return True
    raise ApiError(400, "bad_field", f"query parameter '{name}' must be true or false")


def _encoding_name(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        info = codecs.lookup(value)
    except (LookupError, ValueError):           # ValueError: a NUL in the name
        raise ApiError(400, "bad_option", f"unknown encoding {value!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ApiError(400, "bad_option", f"{value!r} is not a text encoding")
    return info.name


def _clean_args(obj: dict) -> tuple[str, dict, bool]:
    """Document and keyword arguments for clean() from a JSON object (or query parameters)."""
    text = obj.get("text")
    if text is None:
        raise ApiError(400, "missing_field", "the 'text' field is required")
    if not isinstance(text, str):
        raise ApiError(400, "bad_field", "'text' must be a string")
    _encodable(text, "text")
    kwargs = {"mode": _opt_str(obj, "mode", MODES) or "balanced",
              "markup": _opt_str(obj, "markup", MARKUPS) or "auto",
              "output": _opt_str(obj, "output", OUTPUTS) or "text"}
    for name in ("language", "url", "site"):
        value = _opt_str(obj, name)
        if value is not None:
            kwargs[name] = value
    if _opt_bool(obj, "learn"):                # site templates (service/sites.py)
        kwargs["learn"] = True
    return text, kwargs, _opt_bool(obj, "explain")


def _extract_args(obj: dict) -> tuple[str, dict, bool]:
    html = obj.get("html")
    if html is None:
        raise ApiError(400, "missing_field", "the 'html' field is required")
    if not isinstance(html, str):
        raise ApiError(400, "bad_field", "'html' must be a string")
    _encodable(html, "html")
    kwargs = {"mode": _opt_str(obj, "mode", MODES) or "balanced",
              "output": _opt_str(obj, "output", OUTPUTS) or "text"}
    for name in ("url", "site"):
        value = _opt_str(obj, name)
        if value is not None:
            kwargs[name] = value
    if _opt_bool(obj, "learn"):                # site templates (service/sites.py)
        kwargs["learn"] = True
    encoding = _encoding_name(_opt_str(obj, "encoding"))
    if encoding is not None:
        kwargs["encoding"] = encoding
    return html, kwargs, _opt_bool(obj, "explain")


def _query_options(names) -> dict:
    """Options given as query parameters (for text/plain and text/html bodies)."""
    args = request.args
    return {name: args[name] for name in names if name in args}


# --- running the library ---------------------------------------------------------------------

def _run(endpoint: str, document, kwargs: dict, budget: float | None = None):
    engine = _engine()
    fn = engine.clean if endpoint == "clean" else engine.extract
    if endpoint == "clean":
        kwargs = {**kwargs, "max_bytes": _cfg("MAX_BYTES")}
    seconds = _cfg("DOC_TIMEOUT") if budget is None else budget
    try:
        if endpoint != "clean":
            _check_size(document)           # extract() has no max_bytes of its own
        if fn is None:
            raise ApiError(501, "not_implemented", "the HTML path is not available in this build")
        with time_budget(seconds):
            result = fn(document, **kwargs)
    except xerrors.ExtractorError as exc:
        metrics.observe_document(endpoint, error_code=exc.code)
        raise
    metrics.observe_document(endpoint, result)
    return result


def _check_size(document) -> None:
    size = len(document) if isinstance(document, bytes) else len(document.encode("utf-8", "surrogatepass"))
    if size > _cfg("MAX_BYTES"):
        raise xerrors.InputTooLargeError(
            f"the document is {size} bytes, over the limit of {_cfg('MAX_BYTES')} bytes")


def _result_body(result, explain: bool) -> dict:
    return result.to_dict(blocks=explain)


# --- routes ----------------------------------------------------------------------------------

@bp.post("/v1/clean")
def clean_route():
    mimetype = request.mimetype
    if mimetype == "text/plain":
        charset = _charset()
        text = _decode_text(_read_body(_cfg("MAX_BYTES")), charset)
        text, kwargs, explain = _clean_args({"text": text, **_query_options(("mode", "language", "url", "site", "markup", "output")),
                                             "learn": _query_bool("learn")})
        explain = _query_bool("explain")
    elif mimetype in JSON_TYPES:
        obj = _json_object_body()
        text, kwargs, explain = _clean_args(obj)
    else:
        raise _unsupported(("text/plain", "application/json"))
    return jsonify(_result_body(_run("clean", text, kwargs), explain))


@bp.post("/v1/extract")
def extract_route():
    mimetype = request.mimetype
    if mimetype in HTML_TYPES:
        charset = _charset()
        html = _read_body(_cfg("MAX_BYTES"))
        _, kwargs, _ = _extract_args({"html": "", **_query_options(("mode", "url", "site", "output", "encoding")),
                                      "learn": _query_bool("learn")})
        if charset is not None:
            kwargs["encoding"] = charset
        explain = _query_bool("explain")
    elif mimetype in JSON_TYPES:
        obj = _json_object_body()
        html, kwargs, explain = _extract_args(obj)
    else:
        raise _unsupported(("text/html", "application/json"))
    return jsonify(_result_body(_run("extract", html, kwargs), explain))


def _batch_items() -> list:
    """Parsed items; an NDJSON line that is not JSON becomes an ApiError item, not a failed batch."""
    mimetype = request.mimetype
    if mimetype not in JSON_TYPES + NDJSON_TYPES:
        raise _unsupported(JSON_TYPES + NDJSON_TYPES[:1])
    data = _read_body(_cfg("BATCH_MAX_BYTES"))
    if mimetype in JSON_TYPES:
        items = _parse_json(data)
        if not isinstance(items, list):
            raise ApiError(400, "bad_json", "the batch must be a JSON array of items")
    elif mimetype in NDJSON_TYPES:
        items = []
        for number, line in enumerate(data.splitlines(), 1):
            if not line.strip():
                continue
            try:
                items.append(json.loads(line))
            except (ValueError, RecursionError) as exc:
                items.append(ApiError(400, "bad_json", f"line {number} is not JSON: {exc}"))
    if len(items) > _cfg("BATCH_MAX_ITEMS"):
        raise ApiError(413, "too_many_items",
                       f"the batch has {len(items)} items, over the limit of {_cfg('BATCH_MAX_ITEMS')}")
    return items


def _batch_item(item, budget: float | None) -> dict:
    if isinstance(item, ApiError):
        raise item
    if isinstance(item, str):
        item = {"text": item}
    if not isinstance(item, dict):
        raise ApiError(400, "bad_item", "each item must be an object with 'text' or 'html', or a string")
    if ("text" in item) == ("html" in item):
        raise ApiError(400, "bad_item", "each item needs exactly one of 'text' or 'html'")
    if "text" in item:
        document, kwargs, explain = _clean_args(item)
        result = _run("clean", document, kwargs, budget)
    else:
        document, kwargs, explain = _extract_args(item)
        result = _run("extract", document, kwargs, budget)
    return _result_body(result, explain)


@bp.post("/v1/batch")
def batch_route():
    items = _batch_items()
    doc_timeout, batch_timeout = _cfg("DOC_TIMEOUT"), _cfg("BATCH_TIMEOUT")
    deadline = time.monotonic() + batch_timeout if batch_timeout else None
    results, failed = [], 0
    for index, item in enumerate(items):
        budget = doc_timeout
        if deadline is not None:
            left = deadline - time.monotonic()
            budget = min(doc_timeout, left) if doc_timeout else left
        try:
            if deadline is not None and budget <= 0:
                raise xerrors.TimeoutError("the batch exceeded its time budget before this item")
            body = _batch_item(item, budget)
            results.append({"index": index, "status": 200, **body})
        except Exception as exc:  # noqa: BLE001 - one bad item never fails the batch
            status, code, message = describe(exc)
            failed += 1
            results.append({"index": index, "status": status, "error": {"code": code, "message": message}})
    return jsonify({"count": len(results), "errors": failed, "results": results})


@bp.get("/healthz")
def healthz():
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz():
    engine = _engine()
    if not engine.warm_up():
        raise ApiError(503, "not_ready", f"rules or model failed to load: {engine.error}")
    return jsonify({"status": "ready", **engine.describe()})


@bp.get("/metrics")
def metrics_route():
    data, content_type = metrics.render()
    return Response(data, content_type=content_type)


@bp.get("/openapi.json")
def openapi():
    spec = resources.files("service").joinpath("openapi.json").read_bytes()
    return Response(spec, content_type="application/json")


@bp.get("/")
def index():
    return current_app.send_static_file("index.html")
