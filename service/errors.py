"""One JSON error shape for every failure: {"error": {"code": ..., "message": ...}}.

ApiError is the service's own error class (raised by views for bad requests); library errors
(extractor.errors.ExtractorError) map to a status by their stable code; werkzeug's HTTP errors
(404, 405, 413 from the body limit, ...) are rendered in the same shape; anything else is a 500
with code "internal" and is logged (bad input must never reach that branch).
"""
from __future__ import annotations

import logging

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from extractor import errors as xerrors

log = logging.getLogger("service")

# Library error code -> HTTP status.
STATUS_BY_CODE = {
    "bad_type": 400,
    "bad_option": 400,
    "bad_input": 422,
    "empty_input": 422,
    "undecodable": 422,
    "binary_input": 422,
    "too_large": 413,
    "timeout": 504,
    "template_store": 503,
}

HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 406: "not_acceptable", 411: "length_required",
    413: "too_large", 414: "uri_too_long", 415: "unsupported_media_type",
    416: "range_not_satisfiable", 422: "unprocessable", 431: "headers_too_large",
    500: "internal", 501: "not_implemented", 503: "unavailable", 504: "timeout",
}


class ApiError(Exception):
    """An error the service raises on purpose; rendered as JSON with `status`."""

    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


def error_body(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


def error_response(status: int, code: str, message: str, headers: dict | None = None):
    resp = jsonify(error_body(code, message))
    resp.status_code = status
    for k, v in (headers or {}).items():
        resp.headers[k] = v
    return resp


def status_for(exc: xerrors.ExtractorError) -> int:
    return STATUS_BY_CODE.get(getattr(exc, "code", ""), 500)


def describe(exc: BaseException) -> tuple[int, str, str]:
    """(status, code, message) for any exception; used by the handlers and by batch items."""
    if isinstance(exc, ApiError):
        return exc.status, exc.code, exc.message
    if isinstance(exc, xerrors.ExtractorError):
        status = status_for(exc)
        if status == 500:
            log.error("library error %s: %s", exc.code, exc.message)
        return status, exc.code, exc.message
    if isinstance(exc, HTTPException):
        status = exc.code or 500
        return status, HTTP_CODES.get(status, "http_error"), exc.description or exc.name
    log.exception("unhandled error", exc_info=exc)
    return 500, "internal", "internal error"


def register(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.errorhandler(xerrors.ExtractorError)
    def _library_error(exc):
        status, code, message = describe(exc)
        return error_response(status, code, message)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        status, code, message = describe(exc)
        headers = {}
        if status == 405 and exc.get_response().headers.get("Allow"):
            headers["Allow"] = exc.get_response().headers["Allow"]
        if status == 413:
            message = "request body is over the configured size limit"
        return error_response(status, code, message, headers)

    @app.errorhandler(Exception)
    def _unhandled(exc: Exception):
        status, code, message = describe(exc)
        return error_response(status, code, message)
