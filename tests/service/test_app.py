"""The Flask app through its test client: every route, every error status, auth, batch, limits."""
from __future__ import annotations

import json
import re
import signal
import time

import pytest

import service
from service import config as service_config
from tests.service.conftest import SEEDS

ARTICLE = (
    "Headline of a short test article\n\n"
    "The council approved the new budget on Tuesday after a long debate about schools and roads.\n\n"
    "Officials said the spending plan would be published next week, together with an audit.\n\n"
    "Home | News | Sport | Weather | Contact\n"
)
BODY_LINE = "The council approved the new budget on Tuesday after a long debate about schools and roads."


def error_of(resp, status, code=None):
    assert resp.status_code == status, resp.get_data(as_text=True)
    assert resp.mimetype == "application/json"
    body = resp.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code
    return body["error"]


def has_extract():
    import extractor
    return callable(getattr(extractor, "extract", None))


needs_extract = pytest.mark.skipif(not has_extract(), reason="extractor.extract (the HTML path) is not importable yet")


# --- probes, spec, page ----------------------------------------------------------------------

def test_healthz(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200 and resp.get_json() == {"status": "ok"}


def test_readyz_after_warm_up(client):
    resp = client.get("/readyz")
    assert resp.status_code == 200
    assert resp.get_json()["status"] == "ready"


def test_readyz_503_when_rules_fail_to_load(make_app):
    app = make_app(WARMUP=False)

    def broken(text, **kw):
        raise RuntimeError("rule pack missing")
    app.extensions["extractor"].clean = broken
    error_of(app.test_client().get("/readyz"), 503, "not_ready")


def test_warm_up_runs_once_at_creation(app):
    engine = app.extensions["extractor"]
    assert engine.ready and engine.warmup_seconds is not None


def test_openapi_lists_exactly_the_app_routes(app, client):
    spec = client.get("/openapi.json")
    assert spec.status_code == 200 and spec.mimetype == "application/json"
    paths = spec.get_json()["paths"]
    routes = {(re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule), method.lower()) for rule in app.url_map.iter_rules()
              if rule.endpoint != "static" for method in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {(path, method) for path, ops in paths.items() for method in ops}
    assert routes == documented


def test_explain_page_and_static_files(client):
    page = client.get("/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert 'id="input"' in html and 'id="mode"' in html and 'id="run"' in html
    for asset in ("/static/app.js", "/static/style.css"):
        resp = client.get(asset)
        assert resp.status_code == 200, asset
        resp.close()


# --- /v1/clean -------------------------------------------------------------------------------

RESULT_KEYS = {"text", "title", "byline", "authors", "date", "language", "mode", "url", "site_name", "stats"}


def test_clean_text_plain(client):
    resp = client.post("/v1/clean", data=ARTICLE.encode(), content_type="text/plain")
    assert resp.status_code == 200
    body = resp.get_json()
    assert set(body) == RESULT_KEYS
    assert BODY_LINE in body["text"]
    assert "Home | News" not in body["text"]
    assert body["mode"] == "balanced"
    assert set(body["stats"]) >= {"blocks", "removed_blocks", "chars", "removed_chars", "by_category"}


def test_clean_text_plain_query_options_and_explain(client):
    resp = client.post("/v1/clean?mode=precision&explain=true&url=https://example.org/a&language=en",
                       data=ARTICLE, content_type="text/plain; charset=utf-8")
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["mode"] == "precision" and body["url"] == "https://example.org/a"
    blocks = body["blocks"]
    assert blocks and {"index", "line", "text", "kept", "label", "category", "reason", "score"} <= set(blocks[0])
    removed = [b for b in blocks if not b["kept"]]
    assert any("Home | News" in b["text"] for b in removed)
    assert all(b["reason"] for b in removed)


def test_clean_json(client):
    resp = client.post("/v1/clean", json={"text": ARTICLE, "mode": "recall", "explain": True,
                                          "url": "https://example.org/x", "language": "en"})
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["mode"] == "recall" and BODY_LINE in body["text"] and "blocks" in body
    assert body["language"] == "en"


MARKDOWN_PAGE = ("* [Home](https://example.org/)\n* [News](https://example.org/news)\n* [Sport](https://example.org/s)\n\n"
                 "# Harbour bridge reopens\n\n![The bridge](https://example.org/b.jpg)\n\n"
                 "The harbour bridge reopened to traffic on Friday after two years of works that cost more than "
                 "[the city had planned](https://example.org/budget).\n\n"
                 "Engineers replaced the deck and the cables, and the bridge now carries a cycle lane in both directions.\n")


def test_clean_markdown_input_and_markup_option(client):
    body = client.post("/v1/clean", json={"text": MARKDOWN_PAGE}).get_json()
    assert body["title"] == "Harbour bridge reopens"
    assert "more than the city had planned." in body["text"] and "](" not in body["text"]
    raw = client.post("/v1/clean?markup=text", data=MARKDOWN_PAGE, content_type="text/plain").get_json()
    assert "[the city had planned](https://example.org/budget)" in raw["text"]
    md = client.post("/v1/clean?output=markdown", data=MARKDOWN_PAGE, content_type="text/plain").get_json()
    assert md["text"] == client.post("/v1/clean", json={"text": MARKDOWN_PAGE, "output": "markdown"}).get_json()["text"]
    assert client.post("/v1/clean", json={"text": MARKDOWN_PAGE, "output": "pdf"}).status_code == 400
    resp = client.post("/v1/clean", json={"text": MARKDOWN_PAGE, "markup": "xml"})
    assert resp.status_code == 400 and resp.get_json()["error"]["code"] == "bad_option"


def test_clean_html_text_goes_the_html_path(client):
    page = ("<!DOCTYPE html><html><head><title>Harbour bridge reopens</title></head><body><nav><a href='/'>Home</a></nav>"
            "<article><p>The harbour bridge reopened to traffic on Friday after two years of works that cost more "
            "than the city had planned.</p><p>Engineers replaced the deck and the cables of the bridge.</p></article>"
            "</body></html>")
    body = client.post("/v1/clean", json={"text": page}).get_json()
    assert body["title"] == "Harbour bridge reopens" and "<" not in body["text"]
    assert "Engineers replaced the deck" in body["text"]


def test_clean_json_without_explain_has_no_blocks(client):
    body = client.post("/v1/clean", json={"text": ARTICLE}).get_json()
    assert "blocks" not in body


def test_clean_charset_is_honoured(client):
    text = "Überschrift eines Artikels\n\nDie Bürgermeisterin eröffnete am Montag die neue Brücke über den Fluss.\n"
    resp = client.post("/v1/clean", data=text.encode("iso-8859-1"), content_type="text/plain; charset=ISO-8859-1")
    assert resp.status_code == 200
    body = resp.get_json()
    assert "Bürgermeisterin" in body["text"] + (body["title"] or "")


def test_clean_seed_keeps_body(client):
    seed = SEEDS[0]
    body = client.post("/v1/clean", data=seed.text.encode(), content_type="text/plain").get_json()
    output = " ".join(body["text"].split())
    for line in seed.lines("body"):
        assert " ".join(line.split()) in output


@pytest.mark.parametrize("data, content_type, status, code", [
    (b"\xff\xfe\xfa not utf-8 \xc3\x28", "text/plain", 422, "undecodable"),
    # an encoded lone surrogate: the UTF-8 decoder refuses it (so its text needs no later check)...
    (b"lone \xed\xa0\x80 surrogate", "text/plain; charset=utf-8", 422, "undecodable"),
    # ...while a charset whose decoder makes one goes through the surrogate check
    (b"lone +2AA- surrogate", "text/plain; charset=utf-7", 422, "undecodable"),
    (b"lone \\ud800 surrogate, caf\\xe9", "text/plain; charset=unicode-escape", 422, "undecodable"),
    (b"", "text/plain", 422, "empty_input"),
    (b"   \n\t\n  ", "text/plain", 422, "empty_input"),
    (bytes(range(1, 32)) * 20, "text/plain", 422, "binary_input"),
    (b"some text", "text/plain; charset=klingon-8", 415, "unsupported_charset"),
    (b"some text", "text/plain; charset=base64", 415, "unsupported_charset"),
    (b"some text", "image/png", 415, "unsupported_media_type"),
    (b"some text", None, 415, "unsupported_media_type"),
    (b"{", "application/json", 400, "bad_json"),
    (b"", "application/json", 400, "bad_json"),
    (b"[" * 100_000, "application/json", 400, "bad_json"),
    (b"\xff{}", "application/json", 400, "bad_json"),
    (b'["text"]', "application/json", 400, "bad_json"),
    (b'{"txt": "hello"}', "application/json", 400, "missing_field"),
    (b'{"text": 42}', "application/json", 400, "bad_field"),
    (b'{"text": "hello there", "mode": "fast"}', "application/json", 400, "bad_option"),
    (b'{"text": "hello there", "mode": 3}', "application/json", 400, "bad_field"),
    (b'{"text": "hello there", "explain": "yes"}', "application/json", 400, "bad_field"),
    (b'{"text": "hello there", "language": ""}', "application/json", 400, "bad_option"),
    (b'{"text": "  "}', "application/json", 422, "empty_input"),
    (b'{"text": "lone \\ud800 surrogate"}', "application/json", 422, "undecodable"),
    (b'{"text": "caf\\u00e9 \\u4e2d lone \\udfff surrogate"}', "application/json", 422, "undecodable"),
])
def test_clean_bad_input_is_a_json_error_never_500(client, data, content_type, status, code):
    kwargs = {"data": data}
    if content_type:
        kwargs["content_type"] = content_type
    error_of(client.post("/v1/clean", **kwargs), status, code)


def test_clean_bad_query_options(client):
    error_of(client.post("/v1/clean?mode=turbo", data="x y z", content_type="text/plain"), 400, "bad_option")
    error_of(client.post("/v1/clean?explain=maybe", data="x y z", content_type="text/plain"), 400, "bad_field")


def test_too_large_raw_body_is_413(make_app):
    client = make_app(MAX_BYTES=1000).test_client()
    error_of(client.post("/v1/clean", data="word " * 300, content_type="text/plain"), 413, "too_large")
    ok = client.post("/v1/clean", data=ARTICLE, content_type="text/plain")
    assert ok.status_code == 200


def test_too_large_json_document_is_413(make_app):
    client = make_app(MAX_BYTES=1000).test_client()
    # The body is within the JSON allowance (2 x MAX_BYTES + 64 KiB) but the document is not.
    error_of(client.post("/v1/clean", json={"text": "word " * 300}), 413, "too_large")
    # A JSON body over its own allowance is refused before it is read.
    error_of(client.post("/v1/clean", json={"text": "w" * 80_000}), 413, "too_large")


def test_max_bytes_default_is_5_mib(app):
    assert app.config["MAX_BYTES"] == 5 * 1024 * 1024


# --- /v1/extract -----------------------------------------------------------------------------

PAGE = (
    "<html><head><title>Budget approved</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
    "<article><h1>Budget approved</h1>"
    f"<p>{BODY_LINE}</p>"
    "<p>Officials said the spending plan would be published next week, together with an audit.</p>"
    "</article><footer>Copyright 2024 Example Media. All rights reserved.</footer></body></html>"
)


@needs_extract
def test_extract_text_html(client):
    resp = client.post("/v1/extract?explain=1", data=PAGE.encode(), content_type="text/html; charset=utf-8")
    assert resp.status_code == 200, resp.get_data(as_text=True)
    body = resp.get_json()
    assert BODY_LINE in body["text"] and "blocks" in body


@needs_extract
def test_extract_json(client):
    resp = client.post("/v1/extract", json={"html": PAGE, "url": "https://example.org/b", "mode": "balanced",
                                            "output": "markdown", "encoding": "utf-8"})
    assert resp.status_code == 200, resp.get_data(as_text=True)
    assert BODY_LINE in resp.get_json()["text"]


@pytest.mark.parametrize("data, content_type, status, code", [
    (b"<p>x</p>", "text/plain", 415, "unsupported_media_type"),
    (b"<p>x</p>", "text/html; charset=nope-1", 415, "unsupported_charset"),
    (b'{"text": "<p>x</p>"}', "application/json", 400, "missing_field"),
    (b'{"html": ["<p>"]}', "application/json", 400, "bad_field"),
    (b'{"html": "<p>x</p>", "output": "pdf"}', "application/json", 400, "bad_option"),
    (b'{"html": "<p>x</p>", "encoding": "no-such-codec"}', "application/json", 400, "bad_option"),
    (b'{"html": "<p>x</p>", "encoding": "utf\\u0000-8"}', "application/json", 400, "bad_option"),
    (b'{"html": "<p>x</p>", "mode": "fast"}', "application/json", 400, "bad_option"),
    (b"not json", "application/json", 400, "bad_json"),
])
def test_extract_bad_requests(client, data, content_type, status, code):
    error_of(client.post("/v1/extract", data=data, content_type=content_type), status, code)


@needs_extract
@pytest.mark.parametrize("data, status, code", [(b"", 422, "empty_input"), (b"  \n ", 422, "empty_input")])
def test_extract_empty(client, data, status, code):
    error_of(client.post("/v1/extract", data=data, content_type="text/html"), status, code)


def test_extract_too_large(make_app):
    client = make_app(MAX_BYTES=1000).test_client()
    error_of(client.post("/v1/extract", data="<p>" + "x" * 2000, content_type="text/html"), 413, "too_large")
    error_of(client.post("/v1/extract", json={"html": "<p>" + "x" * 2000}), 413, "too_large")


# --- /v1/batch -------------------------------------------------------------------------------

def test_batch_bad_item_in_the_middle(client):
    items = [{"text": ARTICLE, "explain": True}, {"text": ""}, 42, {"text": "x", "mode": "fast"},
             {"nothing": 1}, {"text": "a", "html": "<p>b</p>"}, ARTICLE]
    resp = client.post("/v1/batch", json=items)
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["count"] == len(items) and body["errors"] == 5
    results = body["results"]
    assert [r["index"] for r in results] == list(range(len(items)))
    assert results[0]["status"] == 200 and BODY_LINE in results[0]["text"] and "blocks" in results[0]
    assert (results[1]["status"], results[1]["error"]["code"]) == (422, "empty_input")
    assert (results[2]["status"], results[2]["error"]["code"]) == (400, "bad_item")
    assert (results[3]["status"], results[3]["error"]["code"]) == (400, "bad_option")
    assert (results[4]["status"], results[4]["error"]["code"]) == (400, "bad_item")
    assert (results[5]["status"], results[5]["error"]["code"]) == (400, "bad_item")
    assert results[6]["status"] == 200 and BODY_LINE in results[6]["text"] and "blocks" not in results[6]


def test_batch_ndjson_with_a_broken_line(client):
    lines = [json.dumps({"text": ARTICLE}), "{not json", "", json.dumps("just a string of text here")]
    resp = client.post("/v1/batch", data="\n".join(lines) + "\n", content_type="application/x-ndjson")
    assert resp.status_code == 200
    results = resp.get_json()["results"]
    assert len(results) == 3
    assert results[0]["status"] == 200
    assert results[1]["error"]["code"] == "bad_json"
    assert results[2]["status"] == 200


@needs_extract
def test_batch_html_item(client):
    results = client.post("/v1/batch", json=[{"html": PAGE}, {"text": ARTICLE}]).get_json()["results"]
    assert [r["status"] for r in results] == [200, 200]
    assert BODY_LINE in results[0]["text"]


def test_batch_limits(make_app):
    client = make_app(BATCH_MAX_ITEMS=3, BATCH_MAX_BYTES=10_000, MAX_BYTES=1000).test_client()
    error_of(client.post("/v1/batch", json=["a"] * 4), 413, "too_many_items")
    error_of(client.post("/v1/batch", json=["word " * 1000] * 3), 413, "too_large")
    results = client.post("/v1/batch", json=["word " * 300, ARTICLE]).get_json()["results"]
    assert results[0]["error"]["code"] == "too_large" and results[1]["status"] == 200


@pytest.mark.parametrize("data, content_type, status, code", [
    (b'{"text": "x"}', "application/json", 400, "bad_json"),
    (b"[", "application/json", 400, "bad_json"),
    (b"a,b", "text/csv", 415, "unsupported_media_type"),
])
def test_batch_bad_requests(client, data, content_type, status, code):
    error_of(client.post("/v1/batch", data=data, content_type=content_type), status, code)


def test_batch_empty_array(client):
    assert client.post("/v1/batch", json=[]).get_json() == {"count": 0, "errors": 0, "results": []}


# --- 404, 405, unexpected errors -------------------------------------------------------------

def test_404_is_json(client):
    error_of(client.get("/no/such/route"), 404, "not_found")


def test_405_is_json_with_allow(client):
    resp = client.get("/v1/clean")
    error_of(resp, 405, "method_not_allowed")
    assert "POST" in resp.headers["Allow"]
    error_of(client.post("/healthz"), 405, "method_not_allowed")


def test_library_bug_is_a_json_500(make_app):
    app = make_app()

    def crash(text, **kw):
        raise ZeroDivisionError("bug")
    app.extensions["extractor"].clean = crash
    error_of(app.test_client().post("/v1/clean", json={"text": "hello"}), 500, "internal")


# --- auth ------------------------------------------------------------------------------------

def test_auth_off_by_default(client):
    assert client.post("/v1/clean", json={"text": ARTICLE}).status_code == 200


def test_auth_on(make_app):
    client = make_app(API_TOKEN="s3cret-token").test_client()
    for path in ("/healthz", "/readyz"):
        assert client.get(path).status_code == 200
    resp = client.post("/v1/clean", json={"text": ARTICLE})
    error_of(resp, 401, "unauthorized")
    assert resp.headers["WWW-Authenticate"].startswith("Bearer")
    bad = [{"Authorization": "Bearer wrong"}, {"Authorization": "s3cret-token"},
           {"Authorization": "Basic s3cret-token"}, {"Authorization": "Bearer s3cret-token-and-more"},
           {"Authorization": "Bearer "}]
    for headers in bad:
        error_of(client.post("/v1/clean", json={"text": ARTICLE}, headers=headers), 401, "unauthorized")
    good = {"Authorization": "Bearer s3cret-token"}
    assert client.post("/v1/clean", json={"text": ARTICLE}, headers=good).status_code == 200
    assert client.post("/v1/batch", json=[ARTICLE], headers=good).status_code == 200
    for path in ("/", "/metrics", "/openapi.json", "/static/app.js", "/nowhere"):
        error_of(client.get(path), 401, "unauthorized")
        assert client.get(path, headers=good).status_code in (200, 404)


def test_auth_uses_constant_time_compare(make_app, monkeypatch):
    calls = []
    real = service.hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)
    monkeypatch.setattr(service.hmac, "compare_digest", spy)
    client = make_app(API_TOKEN="tok").test_client()
    client.post("/v1/clean", json={"text": ARTICLE}, headers={"Authorization": "Bearer tok"})
    assert calls == [(b"tok", b"tok")]


def test_public_page_option_opens_only_the_page(make_app):
    client = make_app(API_TOKEN="tok", PUBLIC_PAGE=True).test_client()
    assert client.get("/").status_code == 200
    assert client.get("/static/app.js").status_code == 200
    error_of(client.post("/v1/clean", json={"text": ARTICLE}), 401, "unauthorized")
    error_of(client.get("/metrics"), 401, "unauthorized")


# --- configuration layering ------------------------------------------------------------------

def test_config_defaults_then_env_then_overrides(make_app, monkeypatch):
    monkeypatch.setenv("EXTRACTOR_MAX_BYTES", "12345")
    monkeypatch.setenv("EXTRACTOR_BATCH_MAX_ITEMS", "7")
    monkeypatch.setenv("EXTRACTOR_API_TOKEN", "123456")       # json-decodes to an int: kept a str
    app = make_app(BATCH_MAX_ITEMS=9)
    assert app.config["MAX_BYTES"] == 12345
    assert app.config["BATCH_MAX_ITEMS"] == 9
    assert app.config["API_TOKEN"] == "123456"
    assert app.config["DOC_TIMEOUT"] == service_config.DEFAULTS["DOC_TIMEOUT"]


@pytest.mark.parametrize("name, value", [("MAX_BYTES", "-1"), ("DOC_TIMEOUT", "soon"), ("PUBLIC_PAGE", "maybe")])
def test_bad_config_fails_at_start(make_app, monkeypatch, name, value):
    monkeypatch.setenv(f"EXTRACTOR_{name}", value)
    with pytest.raises(ValueError, match=name):
        make_app()


# --- time budget -----------------------------------------------------------------------------

def _slow_clean(text, **kwargs):
    time.sleep(5)
    raise AssertionError("the time budget did not interrupt the call")


def _busy_clean(text, **kwargs):
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        sum(range(1000))
    raise AssertionError("the time budget did not interrupt the call")


@pytest.mark.parametrize("slow", [_slow_clean, _busy_clean])
def test_document_over_its_time_budget_is_504(make_app, slow):
    app = make_app(DOC_TIMEOUT=0.2)
    engine = app.extensions["extractor"]
    real_clean, engine.clean = engine.clean, slow
    client = app.test_client()
    handler_before = signal.getsignal(signal.SIGALRM)
    t0 = time.monotonic()
    error_of(client.post("/v1/clean", json={"text": "anything"}), 504, "timeout")
    assert time.monotonic() - t0 < 2
    # The timer is disarmed and the previous SIGALRM handler is back.
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is handler_before
    engine.clean = real_clean
    assert client.post("/v1/clean", json={"text": ARTICLE}).status_code == 200


def test_batch_item_timeout_and_batch_budget(make_app):
    app = make_app(DOC_TIMEOUT=0.2, BATCH_TIMEOUT=0.5)
    engine = app.extensions["extractor"]
    real_clean = engine.clean

    def sometimes_slow(text, **kwargs):
        if text.startswith("slow"):
            return _slow_clean(text)
        return real_clean(text, **kwargs)
    engine.clean = sometimes_slow
    items = [ARTICLE, "slow one", "slow two", "slow three", ARTICLE]
    t0 = time.monotonic()
    results = app.test_client().post("/v1/batch", json=items).get_json()["results"]
    assert time.monotonic() - t0 < 2
    assert results[0]["status"] == 200
    assert [r["error"]["code"] for r in results[1:4]] == ["timeout"] * 3
    assert results[4]["status"] in (200, 504)       # the batch budget may be spent by then
    if results[4]["status"] == 504:
        assert results[4]["error"]["code"] == "timeout"


# --- metrics ---------------------------------------------------------------------------------

def test_metrics_count_requests_documents_and_removed_chars(client):
    client.post("/v1/clean", json={"text": ARTICLE})
    client.post("/v1/clean", json={"text": ""})
    client.get("/nowhere")
    text = client.get("/metrics").get_data(as_text=True)
    assert 'extractor_http_requests_total{method="POST",route="/v1/clean",status="200"}' in text
    assert 'extractor_http_requests_total{method="POST",route="/v1/clean",status="422"}' in text
    assert 'route="<unmatched>",status="404"' in text
    assert 'extractor_http_request_duration_seconds_bucket{le="0.05",route="/v1/clean"}' in text
    assert 'extractor_documents_total{endpoint="clean",outcome="ok"}' in text
    assert 'extractor_documents_total{endpoint="clean",outcome="empty_input"}' in text
    assert "extractor_removed_chars_total{category=" in text


def _metric(text: str, name: str, **labels) -> float:
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        if line.startswith(f"{name}{{{want}}} "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_metrics_add_up_to_the_responses_stats(client):
    """Counters move by exactly what each response reports (requests, documents, input chars and
    removed chars and blocks per category), over repeated requests with the same label values."""
    def scrape():
        return client.get("/metrics").get_data(as_text=True)
    before = scrape()
    headers = {"Content-Type": "text/plain; charset=utf-8"}
    stats = [client.post("/v1/clean", data=seed.text.encode("utf-8"), headers=headers).get_json()["stats"]
             for seed in SEEDS[:3] for _ in range(2)]
    after = scrape()
    delta = lambda name, **labels: _metric(after, name, **labels) - _metric(before, name, **labels)  # noqa: E731
    assert delta("extractor_http_requests_total", method="POST", route="/v1/clean", status="200") == len(stats)
    assert delta("extractor_http_request_duration_seconds_count", route="/v1/clean") == len(stats)
    assert delta("extractor_documents_total", endpoint="clean", outcome="ok") == len(stats)
    assert delta("extractor_input_chars_total", endpoint="clean") == sum(s["chars"] for s in stats)
    categories = {c for s in stats for c in s["by_category"]}
    assert categories
    for category in categories:
        for what in ("chars", "blocks"):
            expected = sum(s["by_category"].get(category, {}).get(what, 0) for s in stats)
            assert delta(f"extractor_removed_{what}_total", category=category) == expected, (category, what)
