"""Site templates in the service: learning on request or by configuration, GET / DELETE
/v1/sites/<site>, the token, and 4 gunicorn workers learning at once."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.service.conftest import start_gunicorn

STORY = ("Story {n}: the council met on Tuesday evening to discuss the budget for the coming year, and "
         "members argued for hours about roads, schools and the state of the river.")
MENU = "Home | Local | Sport | Weather"
ABOUT = "The Valley Gazette has been telling the stories of the towns along the river for more than a hundred years."


def page(n: int) -> str:
    return f"{MENU}\n\nHeadline {chr(65 + n % 26)}{chr(65 + n // 26 % 26)} about town\n\n{STORY.format(n=chr(65 + n % 26))}\n\n{ABOUT}\n"


@pytest.fixture
def store_app(make_app, tmp_path):
    return make_app(TEMPLATE_STORE=str(tmp_path / "templates.db"), WARMUP=False)


def test_learn_on_request_then_apply_get_and_delete(store_app):
    client = store_app.test_client()
    for n in range(3):
        resp = client.post("/v1/clean", json={"text": page(n), "url": f"https://www.gazette.example.com/{n}",
                                              "learn": True})
        assert resp.status_code == 200, resp.json
        assert resp.json["stats"]["site"] == {"key": "example.com", "pages": n + 1, "learned": True}
    # not asked to learn: applied, not learned
    resp = client.post("/v1/clean", json={"text": page(7), "url": "https://example.com/7", "explain": True})
    assert resp.json["stats"]["site"] == {"key": "example.com", "pages": 3, "learned": False}
    removed = {b["text"]: b["reason"] for b in resp.json["blocks"] if not b["kept"]}
    assert removed[ABOUT] == "template.site"
    assert resp.json["stats"]["by_category"]["template"]["blocks"] >= 1
    got = client.get("/v1/sites/example.com").json
    assert got["pages"] == 3 and got["site"] == "example.com"
    assert any(line["text"] == "home local sport weather" and line["pages"] == 3 for line in got["lines"])
    # text/plain with ?learn=true and an explicit site
    resp = client.post("/v1/clean?learn=true&site=example.com", data=page(8).encode(),
                       headers={"Content-Type": "text/plain"})
    assert resp.json["stats"]["site"]["pages"] == 4
    assert client.delete("/v1/sites/example.com").json == {"site": "example.com", "deleted": True}
    assert client.get("/v1/sites/example.com").status_code == 404
    assert client.delete("/v1/sites/example.com").json["error"]["code"] == "unknown_site"


def html_page(n: int) -> str:
    return (f"<html><body><nav><a href='/'>Home</a> <a href='/l'>Local</a> <a href='/s'>Sport</a></nav>"
            f"<article><h1>Headline {chr(65 + n % 26)} about town</h1><p>{STORY.format(n=chr(65 + n % 26))}</p>"
            f"<p>{STORY.format(n=chr(66 + n % 25))} More words follow here.</p><p>{ABOUT}</p></article>"
            f"<footer>Contact us</footer></body></html>")


def test_extract_learns_and_applies_the_same_store(store_app):
    client = store_app.test_client()
    for n in range(3):
        resp = client.post("/v1/extract", json={"html": html_page(n), "url": f"https://example.com/{n}", "learn": True})
        assert resp.status_code == 200, resp.json
        assert resp.json["stats"]["site"] == {"key": "example.com", "pages": n + 1, "learned": True}
    resp = client.post("/v1/extract?explain=true&url=https://example.com/9", data=html_page(9).encode(),
                       headers={"Content-Type": "text/html"})
    assert resp.status_code == 200, resp.json
    assert resp.json["stats"]["site"]["learned"] is False
    removed = {b["text"]: b["reason"] for b in resp.json["blocks"] if not b["kept"]}
    assert removed.get(ABOUT) == "template.site"
    assert "council met" in resp.json["text"]


def test_learn_by_configuration_and_no_site_no_store(make_app, tmp_path):
    client = make_app(TEMPLATE_STORE=str(tmp_path / "t.db"), LEARN="1", WARMUP=False).test_client()
    assert client.post("/v1/clean", json={"text": page(1), "site": "a.example"}).json["stats"]["site"]["learned"]
    assert "site" not in client.post("/v1/clean", json={"text": page(2)}).json["stats"]     # no url, no site
    bare = make_app(WARMUP=False).test_client()
    assert "site" not in bare.post("/v1/clean", json={"text": page(1), "url": "https://a.example/1"}).json["stats"]
    assert bare.get("/v1/sites/a.example").json["error"]["code"] == "no_template_store"
    assert bare.post("/v1/clean", json={"text": page(1), "learn": "yes"}).status_code == 400


def test_delete_needs_the_token_when_auth_is_on(make_app, tmp_path):
    client = make_app(TEMPLATE_STORE=str(tmp_path / "t.db"), API_TOKEN="s3cret", WARMUP=False).test_client()
    auth = {"Authorization": "Bearer s3cret"}
    client.post("/v1/clean", json={"text": page(1), "site": "a.example", "learn": True}, headers=auth)
    assert client.delete("/v1/sites/a.example").status_code == 401
    assert client.delete("/v1/sites/a.example", headers=auth).status_code == 200


def test_four_gunicorn_workers_learning_at_once_lose_no_update(tmp_path):
    server = start_gunicorn(tmp_path, workers=4, EXTRACTOR_TEMPLATE_STORE=str(tmp_path / "t.db"),
                            EXTRACTOR_LEARN="1")
    try:
        n = 60

        def post(i):
            with requests.Session() as s:
                return s.post(server.url + "/v1/clean", json={"text": page(i), "url": f"https://example.org/{i}"},
                              timeout=30).status_code
        with ThreadPoolExecutor(12) as pool:
            assert set(pool.map(post, range(n))) == {200}
        got = requests.get(server.url + "/v1/sites/example.org", timeout=10).json()
        assert got["pages"] == n
        assert any(line["text"] == "home local sport weather" and line["pages"] == n for line in got["lines"])
    finally:
        server.stop()
