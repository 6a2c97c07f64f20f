"""Site templates: fingerprints, sites, the store (SQLite and a real redis-server), the decision."""
from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import time

import pytest

import extractor
from extractor import templates as T
from extractor.cli import main as cli_main
from extractor.options import Mode
from extractor.psl import registrable_domain, site_key

BODY = [
    "The council met on Tuesday evening to discuss the new budget for the coming year, and members argued for hours.",
    "Several residents spoke about the state of the roads, which they said had not been repaired since the winter floods.",
    "The mayor promised a decision by the end of the month, after the finance committee has reviewed every proposal.",
    "Local businesses welcomed the plan, although some owners warned that higher fees would drive customers away.",
]
TEMPLATE = ["Home | News | Sport | Weather", "Sign up for our daily newsletter", "© 2012 Example Media Ltd. All rights reserved.",
            "The Valley Gazette has been telling the stories of the towns along the river for more than a hundred years."]
QUOTE = ("\"We will not stop until every family in the valley has clean water to drink, whatever it costs and "
         "however long it takes,\" the minister said in a statement quoted widely at the time.")


def page_text(i: int, extra: list[str] = ()) -> str:
    body = [f"Story {chr(65 + i)}: {BODY[i % 4]} It was the {['first', 'second', 'third', 'fourth', 'fifth', 'sixth'][i % 6]} such meeting."]
    body += [BODY[(i + 1) % 4].replace("The", f"The {['north', 'south', 'east', 'west', 'upper', 'lower'][i % 6]}")]
    return "\n\n".join([TEMPLATE[0], f"Headline number {chr(65 + i)} about town", *body, *extra, TEMPLATE[3], TEMPLATE[1], TEMPLATE[2]]) + "\n"


# --- fingerprints and sites -------------------------------------------------------------------

def test_normalise_folds_case_digits_punctuation():
    assert T.normalise("  Copyright © 2011, Example LTD!  ") == "copyright 0000 example ltd"
    assert T.fingerprint("Updated 12:45 GMT") == T.fingerprint("updated 09:13 gmt")
    assert T.fingerprint("Home — News") == T.fingerprint("home news")
    assert T.fingerprint("Home") != T.fingerprint("News")
    assert T.fingerprint("… — !!") is None
    assert T.fingerprint("ＡＢＣ") == T.fingerprint("abc")          # NFKC


def test_fingerprints_of_a_page_match_one_by_one_and_ascii_matches_unicode_rules():
    lines = ["Home | News", "Ｈｏｍｅ — News", "Café 12:45", "Übersicht_2", "  ", "…", "日本語のテキスト 2012年", "a" * 400,
             "tab\tand\x1fcontrol", "MIXED Case 99%"]
    assert T.fingerprints(lines) == [T.fingerprint(t) for t in lines] == T.fingerprints(lines)   # cached
    assert T.fingerprint("Home | News") == T.fingerprint("Ｈｏｍｅ — News") == T.fingerprint_key("home news")
    assert T.normalise("tab\tand\x1fcontrol") == "tab and control"


def test_registrable_domain_from_bundled_list():
    assert registrable_domain("https://news.bbc.co.uk/health/1") == "bbc.co.uk"
    assert registrable_domain("http://WWW.Example.COM.:8080/x") == "example.com"
    assert registrable_domain("https://someone.blogspot.com/") == "someone.blogspot.com"   # private section
    assert registrable_domain("http://127.0.0.1/x") == "127.0.0.1"
    assert registrable_domain("www.city.kawasaki.jp") == "city.kawasaki.jp"               # exception rule
    assert registrable_domain("a.b.foo.ck") == "b.foo.ck"                                  # wildcard rule
    assert registrable_domain("") is None
    assert site_key(url="https://a.example.org/p", site=" Example.NET ") == "example.net"
    assert site_key(url="https://a.example.org/p") == "example.org"
    assert site_key() is None
    with pytest.raises(extractor.OptionsError):
        site_key(site="  ")


# --- the site record --------------------------------------------------------------------------

def pages(n: int, **kw) -> list[T.Page]:
    return [T.Page.from_text(page_text(i, **kw), url=f"https://example.org/{i}") for i in range(n)]


def test_learning_order_does_not_matter_and_pages_count_once(tmp_path):
    ps = pages(6)
    blobs = set()
    for seed in range(4):
        order = ps[:]
        random.Random(seed).shuffle(order)
        with T.SQLiteStore(tmp_path / f"s{seed}.db") as store:
            for p in order:
                assert store.learn("example.org", p)
            assert not store.learn("example.org", order[0])        # the same page again
            blobs.add(store._get("example.org"))
    assert len(blobs) == 1
    st = T.SiteStats.from_bytes(blobs.pop())
    assert st.pages == 6
    assert st.count(T.fingerprint(TEMPLATE[0])) == 6
    lines = {line["text"] for line in st.describe("example.org")["lines"]}
    assert {"home news sport weather", "sign up for our daily newsletter"} <= lines


def test_bounds(monkeypatch):
    monkeypatch.setattr(T, "MAX_FINGERPRINTS_PER_SITE", 40)
    monkeypatch.setattr(T, "MAX_PAGES_PER_SITE", 5)
    st = T.SiteStats()
    for i in range(8):
        keys = {T.fingerprint_key(f"t{j}"): f"t{j}" for j in range(5)}
        keys.update({T.fingerprint_key(f"p{i} l{j}"): "" for j in range(10)})
        st.add(T.Page(id=i, keys=keys))
    assert st.pages == 5 and st.full
    assert len(st.fps) <= 40
    assert st.count(T.fingerprint_key("t0")) == 5                  # the frequent lines survive a prune
    assert T.SiteStats.from_bytes(st.to_bytes()).count(T.fingerprint_key("t4")) == 5


def test_a_record_read_without_texts_decides_the_same_but_cannot_be_written(tmp_path):
    with T.SQLiteStore(tmp_path / "s.db") as store:
        for p in pages(4):
            store.learn("example.org", p)
        whole, lean = store.get("example.org"), store.get("example.org", texts=False)
    assert lean.fps == whole.fps and lean.counts == whole.counts and lean.pages == whole.pages
    assert whole.texts and not lean.texts
    with pytest.raises(T.TemplateStoreError):
        lean.to_bytes()
    with pytest.raises(T.TemplateStoreError):
        lean.add(pages(5)[4])


def test_schema_version_is_checked(tmp_path):
    path = tmp_path / "s.db"
    T.SQLiteStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    with pytest.raises(T.TemplateStoreError, match="schema 99"):
        T.SQLiteStore(path)
    with pytest.raises(T.TemplateStoreError):
        T.SiteStats.from_bytes(b"not a record")


# --- the decision -----------------------------------------------------------------------------

def reasons(result) -> dict[str, str | None]:
    return {b.text: b.reason for b in result.blocks}


def test_without_a_store_output_is_unchanged(tmp_path):
    text = page_text(9)
    plain = extractor.clean(text, url="https://example.org/9")
    with T.SQLiteStore(tmp_path / "empty.db") as store:
        empty = extractor.clean(text, url="https://example.org/9", store=store)
    assert empty.text == plain.text and [b.reason for b in empty.blocks] == [b.reason for b in plain.blocks]
    assert extractor.clean(text).text == plain.text


def test_template_lines_removed_with_reason_and_counted(tmp_path):
    with T.SQLiteStore(tmp_path / "s.db") as store:
        for p in pages(5):
            store.learn("example.org", p)
        res = extractor.clean(page_text(9), url="https://www.example.org/9", store=store)
        again = extractor.clean(page_text(9), url="https://www.example.org/9", store=str(tmp_path / "s.db"))
    r = reasons(res)
    assert r[TEMPLATE[3]] == "template.site"
    assert reasons(extractor.clean(page_text(9), url="https://www.example.org/9"))[TEMPLATE[3]] != "template.site"
    assert res.stats["by_category"]["template"]["blocks"] == sum(1 for v in r.values() if v == "template.site")
    assert BODY[9 % 4][:40] in res.text
    assert again.text == res.text                                   # deterministic given the store


@pytest.mark.parametrize("seen,learned,removed", [(2, 5, True), (1, 5, False), (2, 6, False), (3, 6, True)])
def test_decision_boundary(seen, learned, removed):
    """Balanced: on >= 2 pages and >= 40% of them."""
    line = "Partner offers from our sponsors"
    st = T.SiteStats()
    for i in range(learned):
        keys = {T.fingerprint_key(f"page {i}"): ""}
        if i < seen:
            keys[T.fingerprint(line)] = T.normalise(line)
        st.add(T.Page(id=i, keys=keys))
    blocks = [extractor.Block(index=0, text=line, score=0.6)]
    assert T.decide(blocks, st, Mode.BALANCED) == int(removed)
    assert (blocks[0].reason == "template.site") is removed


def test_repeated_quote_inside_the_story_is_protected_but_not_in_the_footer(tmp_path):
    with T.SQLiteStore(tmp_path / "s.db") as store:
        for i in range(4):
            store.learn("example.org", T.Page.from_text(page_text(i, extra=[QUOTE]), url=f"https://example.org/{i}"))
        inside = page_text(8).replace(TEMPLATE[1], "").rstrip()
        parts = inside.split("\n\n")
        parts.insert(3, QUOTE)                              # between the story's two paragraphs
        res = extractor.clean("\n\n".join(parts) + "\n\n" + TEMPLATE[2] + "\n", url="https://example.org/8", store=store)
        quote = next(b for b in res.blocks if b.text == QUOTE)
        assert quote.kept and quote.features.get("template_protected")
        footer = extractor.clean(page_text(8) + "\n" + QUOTE + "\n", url="https://example.org/8", store=store)
        assert not next(b for b in footer.blocks if b.text == QUOTE).kept


COMMENTS = [
    "I have lived in the valley for forty years and the roads have never been this bad, so I hope they fix them.",
    "The council always promises a decision by the end of the month and then nothing happens for another year.",
    "Higher fees will hurt the small shops on the high street most, and they are the reason people visit the town.",
    "Good to see residents turning up to speak; more of us should go to these meetings instead of complaining online.",
    "Nobody asked the people who live on the north side what they think about the plan, which is typical of them.",
    "The finance committee should publish every proposal before it meets so that we can all read them in advance.",
]


def page_with_comments(i: int) -> str:
    """A story, then its comments, each followed by the site's "Reply" and "Report abuse" lines."""
    comments = []
    for k in range(3):
        c = COMMENTS[(i + k) % len(COMMENTS)]
        name = ["Ann", "Bob", "Cem", "Dee", "Eve", "Fay", "Gus", "Hal", "Ida", "Jo", "Kai", "Lu"][(3 * i + k) % 12]
        comments += [f"{c} Posted by {name} from {['Ashby', 'Brent', 'Crewe'][k]}.", f"{k + 1 + i} replies",
                     "Reply", "Report abuse"]
    return page_text(i, extra=["Comments", *comments])


def test_comment_records_after_the_story_are_removed(tmp_path):
    with T.SQLiteStore(tmp_path / "s.db") as store:
        for i in range(4):
            store.learn("example.org", T.Page.from_text(page_with_comments(i), url=f"https://example.org/{i}"))
        res = extractor.clean(page_with_comments(8), url="https://example.org/8", store=store)
    r = reasons(res)
    records = [t for t, why in r.items() if why == "template.records"]
    assert records and all(t.split(" Posted by")[0] in COMMENTS or t.endswith("replies") for t in records)
    assert not any(c in res.text for c in COMMENTS)
    assert BODY[8 % 4][:40] in res.text                            # the story stays
    assert res.stats["by_category"]["template"]["blocks"] == sum(
        1 for b in res.blocks if b.reason in ("template.site", "template.records"))


def _stats_with(lines: list[str], pages: int = 5) -> T.SiteStats:
    st = T.SiteStats()
    for i in range(pages):
        keys = {T.fingerprint_key(f"page {i}"): ""}
        keys.update({T.fingerprint(t): T.normalise(t) for t in lines})
        st.add(T.Page(id=i, keys=keys))
    return st


def _blocks(texts: list[str]) -> list[extractor.Block]:
    out = []
    for i, t in enumerate(texts):
        long = len(t) >= T.PROTECT_MIN_CHARS
        out.append(extractor.Block(index=i, text=t, score=0.9 if long else 0.3,
                                   cf_label="content" if long else "boilerplate"))
    return out


def test_records_need_three_copies_a_story_before_and_no_story_interruptions():
    para = [BODY[k] + " " + BODY[(k + 1) % 4] for k in range(4)]
    st = _stats_with(["Reply", "Advertisement", "Share this story"])
    # three copies of a short template line after a story: the blocks between them go
    blocks = _blocks([para[0], "Reply", para[1], "Reply", para[2], "Reply"])
    T.decide(blocks, st, Mode.BALANCED)
    assert [b.reason for b in blocks] == [None, "template.site", "template.records", "template.site",
                                          "template.records", "template.site"]
    # two copies (a share bar above and below the story): nothing between them goes
    blocks = _blocks(["Share this story", para[0], para[1], "Share this story"])
    T.decide(blocks, st, Mode.BALANCED)
    assert [b.reason for b in blocks[1:3]] == [None, None]
    # no story before the first copy: a page that is a list is left to the other stages
    blocks = _blocks(["Reply", para[1], "Reply", para[2], "Reply", para[3]])
    T.decide(blocks, st, Mode.BALANCED)
    assert "template.records" not in [b.reason for b in blocks]
    # copies more than RECORD_MAX_GAP blocks apart are no list of records
    blocks = _blocks([para[0], "Reply", *para, para[0], "Reply", *para, para[0], "Reply"])
    T.decide(blocks, st, Mode.BALANCED)
    assert "template.records" not in [b.reason for b in blocks]
    # ad labels interrupt a story's own paragraphs: never separators of records
    blocks = _blocks([para[0], "Advertisement", para[1], "Advertisement", para[2], "Advertisement", para[3]])
    for b in blocks:
        if b.text == "Advertisement":
            b.hits = [("widget", "widget.ad")]
    T.decide(blocks, st, Mode.BALANCED)
    assert "template.records" not in [b.reason for b in blocks]


# --- the HTML path ----------------------------------------------------------------------------

def page_html(i: int) -> str:
    """A page of the site: menu, article (its last paragraph the site's blurb), footer."""
    town = ["Ashby", "Brent", "Crewe", "Derby", "Epsom", "Frome"][i % 6]
    paras = [f"Story {chr(65 + i)}: {BODY[i % 4]}", f"In {town}: {BODY[(i + 1) % 4]}", f"And {town}: {BODY[(i + 2) % 4]}",
             TEMPLATE[3]]
    return ("<html><head><title>Headline number %s about town</title></head><body>"
            "<div class='menu'><a href='/'>Home</a> | <a href='/news'>News</a> | <a href='/sport'>Sport</a></div>"
            "<article><h1>Headline number %s about town</h1>%s</article>"
            "<div class='bottom'><p>%s</p></div></body></html>"
            % (chr(65 + i), chr(65 + i), "".join(f"<p>{p}</p>" for p in paras), TEMPLATE[2]))


def test_extract_applies_the_store_like_clean(tmp_path):
    db = tmp_path / "s.db"
    with T.SQLiteStore(db) as store:
        for i in (0, 1):
            assert T.learn(store, html=page_html(i), url=f"https://example.org/{i}")
        plain = extractor.extract(page_html(5), url="https://example.org/5")
        res = extractor.extract(page_html(5), url="https://www.example.org/5", store=store)
        by_spec = extractor.extract(page_html(5).encode("utf-8"), store=str(db), site="example.org")
        other = extractor.extract(page_html(5), url="https://example.net/5", store=store)
    assert reasons(plain)[TEMPLATE[3]] != "template.site" and TEMPLATE[3] in plain.text
    r = reasons(res)
    assert r[TEMPLATE[3]] == "template.site" and TEMPLATE[3] not in res.text       # in the main text
    assert r[TEMPLATE[2]] == "template.site" and r["Home | News | Sport"] == "template.site"
    assert all(f"{p}: {BODY[k % 4]}" in res.text for p, k in (("Story F", 5), ("In Frome", 6), ("And Frome", 7)))
    assert res.stats["by_category"]["template"]["blocks"] == sum(1 for b in res.blocks if b.reason == "template.site")
    assert by_spec.text == res.text and reasons(by_spec) == r
    assert other.text == plain.text                                 # another site: nothing learned


def test_the_store_error_is_part_of_the_exception_tree(tmp_path):
    assert T.TemplateStoreError is extractor.TemplateStoreError is extractor.errors.TemplateStoreError
    assert issubclass(T.TemplateStoreError, extractor.ExtractorError)
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(extractor.ExtractorError) as e:
        extractor.clean(page_text(1), url="https://example.org/1", store=str(tmp_path / "dir.db"))
    assert e.value.code == "template_store" and e.value.to_dict()["code"] == "template_store"


# --- concurrency and crashes ------------------------------------------------------------------

def _learner(path, worker, n):
    store = T.open_store(path)
    for i in range(n):
        keys = {T.fingerprint_key("shared line"): "shared line", T.fingerprint_key(f"w{worker} p{i}"): ""}
        store.learn("example.org", T.Page(id=worker * 1000 + i, keys=keys))
    store.close()


def _run_learners(spec, workers=4, n=25):
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_learner, args=(spec, w, n)) for w in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    st = T.open_store(spec).get("example.org")
    assert st.pages == workers * n
    assert st.count(T.fingerprint_key("shared line")) == workers * n


def test_four_processes_learning_at_once_lose_nothing_sqlite(tmp_path):
    _run_learners(str(tmp_path / "s.db"))


def _open_and_learn(path, worker, barrier, failures):
    barrier.wait(30)
    try:
        _learner(path, worker, 1)
    except T.TemplateStoreError as e:
        failures.put(str(e))
        raise


def test_workers_opening_a_new_store_at_the_same_instant_all_get_it(tmp_path):
    # gunicorn workers all open the store on their first request: converting a new file to WAL
    # is refused at once (not waited for) while another connection does it, so opens retry
    ctx = multiprocessing.get_context("fork")
    failures = ctx.Queue()
    for run in range(30):
        path = str(tmp_path / f"new{run}.db")
        barrier = ctx.Barrier(6)
        procs = [ctx.Process(target=_open_and_learn, args=(path, w, barrier, failures)) for w in range(6)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        assert [p.exitcode for p in procs] == [0] * 6, failures.get(timeout=5)
        assert T.open_store(path).get("example.org").pages == 6


def _writer_killed_mid_transaction(path, ready):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT OR REPLACE INTO sites (site, pages, data) VALUES ('example.org', 999, x'00')")
    ready.set()
    time.sleep(60)


def test_a_writer_killed_mid_write_leaves_a_readable_store(tmp_path):
    path = str(tmp_path / "s.db")
    with T.SQLiteStore(path) as store:
        for p in pages(3):
            store.learn("example.org", p)
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Event()
    proc = ctx.Process(target=_writer_killed_mid_transaction, args=(path, ready))
    proc.start()
    assert ready.wait(30)
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(10)
    with T.SQLiteStore(path) as store:
        assert store.get("example.org").pages == 3
        assert store.learn("example.org", pages(4)[3])
        assert store.get("example.org").pages == 4


def test_store_size_for_ten_thousand_sites_of_fifty_pages(tmp_path):
    """A sample of generated sites (60 template lines, 15 of 150 sidebar lines, 40 own lines a
    page: the bench's sites average 53 distinct lines a page, 36 new) extrapolated to 10,000 sites.
    benchmarks/sites.py --size 10000 measures the full store."""
    rng = random.Random(0)
    n_sites = 40
    with T.SQLiteStore(tmp_path / "size.db") as store:
        for s in range(n_sites):
            shared = [" ".join(rng.choice(["alpha", "beta", "gamma", "delta", "menu", "news", "sport", "more"])
                               for _ in range(rng.randint(2, 8))) + f" {chr(97 + s % 26)}{rng.random():.6f}" for _ in range(210)]
            shared = {T.fingerprint_key(T.normalise(t)): T.normalise(t) for t in shared}
            keys = list(shared)
            batch = []
            for p in range(50):
                k = {fp: shared[fp] for fp in keys[:60] + rng.sample(keys[60:], 15)}
                k.update((rng.getrandbits(32), "") for _ in range(40))
                batch.append((f"site{s}.example", T.Page(id=rng.getrandbits(64), keys=k)))
            store.learn_many(batch)
        store._connect().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = sum(f.stat().st_size for f in tmp_path.iterdir())
    assert size / n_sites * 10_000 < 200e6


# --- Redis ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.skip("redis-server is not installed (Debian package redis-server; .ci/run installs it)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    d = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen([exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(d)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import redis
    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(10)


def test_redis_store_learns_reads_and_forgets(redis_url):
    store = T.open_store(redis_url)
    assert isinstance(store, T.RedisStore)
    store.forget("example.org")
    for p in pages(5):
        assert store.learn("example.org", p)
    assert not store.learn("example.org", pages(1)[0])
    res = extractor.clean(page_text(9), url="https://example.org/9", store=store)
    with T.SQLiteStore(":memory:") as mem:
        for p in reversed(pages(5)):
            mem.learn("example.org", p)
        assert mem._get("example.org") == store._get("example.org")     # same record as SQLite
        assert extractor.clean(page_text(9), url="https://example.org/9", store=mem).text == res.text
    assert "example.org" in list(store.sites())
    assert store.forget("example.org") and store.get("example.org") is None


def test_four_processes_learning_at_once_lose_nothing_redis(redis_url):
    T.open_store(redis_url).forget("example.org")
    _run_learners(redis_url)


# --- the CLI ----------------------------------------------------------------------------------

def test_cli_learn_jsonl_and_warc_then_clean(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"url": f"https://www.example.org/{i}", "text": page_text(i)}) + "\n"
                              for i in range(4)) + json.dumps({"text": "no url"}) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert cli_main(["learn", str(corpus), "--store", db]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {"pages": 5, "learned": 4, "already_known": 0, "no_site": 1, "sites": 1}
    html = b"<html><body><nav>Home | Shop</nav><p>Page text here.</p><footer>Contact us</footer></body></html>"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
    rec = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://shop.example.net/a\r\n"
           b"Content-Length: " + str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n")
    warc = tmp_path / "c.warc"
    warc.write_bytes(rec + rec.replace(b"/a\r\n", b"/b\r\n"))
    assert cli_main(["learn", str(warc), "--store", db]) == 0
    assert json.loads(capsys.readouterr().out)["learned"] == 2
    assert T.open_store(db).get("example.net").count(T.fingerprint("Home | Shop")) == 2
    page = tmp_path / "p.txt"
    page.write_text(page_text(9), encoding="utf-8")
    assert cli_main(["clean", str(page), "--store", db, "--url", "https://example.org/9", "--format", "json",
                     "--blocks"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert any(b["reason"] == "template.site" for b in res["blocks"])


def test_page_from_text_reads_markup_as_clean_does():
    """Learning from text sees the blocks clean() sees: a Markdown page's visible lines, and HTML
    given as text the HTML path's blocks."""
    md = "\n".join(["* [Home](https://example.org/)", "* [News](https://example.org/n)", "* [Sport](https://example.org/s)",
                    "A paragraph of the story."])
    assert set(T.Page.from_text(md).keys.values()) == set(T.Page.from_lines(["Home", "News", "Sport",
                                                                              "A paragraph of the story."]).keys.values())
    html = ("<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav>"
            "<p>A paragraph of the story, long enough to be read as one.</p></body></html>")
    assert T.Page.from_text(html).keys == T.Page.from_html(html).keys
    assert T.Page.from_text(md, markup="text").keys != T.Page.from_text(md).keys
