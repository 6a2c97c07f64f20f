"""Gunicorn logger whose access log writes one JSON object per request (no quoting surprises)."""
from __future__ import annotations

import json
import os
import time

from gunicorn.glogging import Logger

# What json.dumps(record, ensure_ascii=False) does, without building a new encoder for every line.
_encode = json.JSONEncoder(ensure_ascii=False).encode


class JsonLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if not self.access_log.handlers:
            return
        try:
            status = int(str(resp.status).split(None, 1)[0])
        except (ValueError, AttributeError, IndexError):
            status = None
        record = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "remote": environ.get("REMOTE_ADDR"),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "query": environ.get("QUERY_STRING") or None,
            "status": status,
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 2),
            "user_agent": environ.get("HTTP_USER_AGENT"),
            "pid": os.getpid(),
        }
        try:
            self.access_log.info(_encode(record))
        except Exception:  # noqa: BLE001 - never fail a request over its log line
            self.exception("access log failed")
