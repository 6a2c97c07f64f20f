"""`extractor corpus`: JSONL and WARC inputs, 1 vs 2 workers, failures, resume after SIGKILL."""
import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor import clean, extract
from extractor.corpus import prepare_output, process_item, read_warc, run_corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))

PARA = ("The city council approved the new budget on Monday after a debate that lasted {n} hours, "
        "and the mayor said the money would go to schools, roads and the public library.")
FURNITURE = "Home | News | Sport | Weather\nShare on Facebook\nSubscribe to our newsletter\n© 2024 The Daily Example"


def text_doc(i: int) -> str:
    body = "\n\n".join(PARA.format(n=i + k) for k in range(4))
    return f"Council passes budget number {i}\n\n{FURNITURE}\n\n{body}\n\n{FURNITURE}"


def html_doc(i: int, title: str = "Council passes budget") -> str:
    body = "".join(f"<p>{PARA.format(n=i + k)}</p>" for k in range(3))
    return (f"<html><head><title>{title} {i}</title></head><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav>"
            f"<article><h1>{title} {i}</h1>{body}</article><footer>© 2024 The Daily Example</footer></body></html>")


def items() -> list[dict]:
    out = [{"id": f"seed-{p.stem}", "text": p.read_text(encoding="utf-8")} for p in SEEDS]
    out += [{"id": f"t{i}", "text": text_doc(i), "url": f"https://news.example.com/t{i}"} for i in range(10)]
    out += [{"id": f"h{i}", "html": html_doc(i), "url": f"https://news.example.com/h{i}"} for i in range(6)]
    out += [{"id": "empty", "text": "   \n  "}, {"id": 7, "text": text_doc(99)}, {"id": "neither"}]
    return out


def write_jsonl(path: Path, rows, extra_lines=()) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
        for line in extra_lines:
            f.write(line + "\n")
    return path


def read_out(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_one_and_two_workers_write_identical_output(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", items(), extra_lines=["{not json", "[1, 2]"])
    s1 = run_corpus([str(src)], str(tmp_path / "w1.jsonl"), workers=1, progress=False)
    s2 = run_corpus([str(src)], str(tmp_path / "w2.jsonl"), workers=2, progress=False)
    one, two = (tmp_path / "w1.jsonl").read_bytes(), (tmp_path / "w2.jsonl").read_bytes()
    assert one == two
    rows = read_out(tmp_path / "w1.jsonl")
    expected_ids = [it["id"] for it in items()] + [f"{src}:{len(items()) + 1}", f"{src}:{len(items()) + 2}"]
    assert [r["id"] for r in rows] == expected_ids                      # input order
    assert s1.written == s2.written == len(rows) and s1.failed == s2.failed == 4
    by_id = {json.dumps(r["id"]): r for r in rows}
    assert by_id['"empty"']["error"]["code"] == "empty_input"
    assert by_id['"neither"']["error"]["code"] == "bad_input"
    assert by_id[json.dumps(f"{src}:{len(items()) + 1}")]["error"]["code"] == "bad_json"
    # every good line is exactly what the Python API gives
    for it in items()[:len(SEEDS) + 12]:
        row = by_id[json.dumps(it["id"])]
        res = extract(it["html"], url=it.get("url")) if "html" in it else clean(it["text"], url=it.get("url"))
        assert (row["text"], row["title"], row["language"]) == (res.text, res.title, res.language)
        assert row["stats"] == json.loads(json.dumps(res.stats))
        assert set(row) == {"id", "url", "text", "title", "language", "stats"}


def test_a_crashing_document_never_stops_the_run(tmp_path, monkeypatch):
    import extractor.htmlapi as htmlapi
    real = htmlapi.extract

    def flaky(html, **kw):
        if "explode" in html:
            raise RuntimeError("boom")
        return real(html, **kw)

    monkeypatch.setattr(htmlapi, "extract", flaky)       # before the fork: the workers see it too
    rows = [{"id": "a", "html": html_doc(1)}, {"id": "b", "html": html_doc(2, "explode")}, {"id": "c", "html": html_doc(3)}]
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    s = run_corpus([str(src)], str(tmp_path / "out.jsonl"), workers=2, progress=False)
    out = read_out(tmp_path / "out.jsonl")
    assert [r["id"] for r in out] == ["a", "b", "c"]
    assert out[1]["error"] == {"code": "internal", "message": "RuntimeError: boom"}
    assert "text" in out[0] and "text" in out[2] and s.failed == 1


@pytest.mark.timeout(120)
def test_a_worker_killed_outright_is_a_clear_error_and_the_run_resumes(tmp_path, monkeypatch):
    """A worker that dies (SIGKILL, the OOM killer) must not hang the run: WorkerLostError, the
    lines written so far stay, and the same command resumes and completes."""
    import extractor.htmlapi as htmlapi
    from extractor.corpus import WorkerLostError
    from extractor.errors import ExtractorError
    real = htmlapi.extract

    def killer(html, **kw):
        if "vanish" in html:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(html, **kw)

    monkeypatch.setattr(htmlapi, "extract", killer)      # before the fork: the workers see it too
    rows = [{"id": f"a{i}", "html": html_doc(i)} for i in range(12)]
    rows[9] = {"id": "a9", "html": html_doc(9, "vanish")}
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    with pytest.raises(WorkerLostError) as err:
        run_corpus([str(src)], str(out), workers=2, chunksize=1, progress=False)
    assert isinstance(err.value, ExtractorError) and err.value.code == "worker_lost"
    first = [r["id"] for r in read_out(out)] if out.exists() else []
    assert "a9" not in first and first == [f"a{i}" for i in range(len(first))]
    monkeypatch.setattr(htmlapi, "extract", real)
    run_corpus([str(src)], str(out), workers=2, chunksize=1, progress=False)
    assert [r["id"] for r in read_out(out)] == [f"a{i}" for i in range(12)]


# --- WARC ------------------------------------------------------------------------------------

RU = ("Городской совет утвердил новый бюджет в понедельник после долгих обсуждений, "
      "и мэр сказал, что деньги пойдут на школы, дороги и городскую библиотеку. ")
DE = ("Der Stadtrat hat am Montag den neuen Haushalt beschlossen; die Bürgermeisterin sagte, "
      "das Geld fließe in Schulen, Straßen und die öffentliche Bücherei. ")


def page(title: str, para: str) -> str:
    return (f"<html><head><title>{title}</title></head><body><nav><a href='/'>Start</a></nav><article>"
            f"<h1>{title}</h1><p>{para * 3}</p><p>{para * 2}</p></article><footer>Impressum</footer></body></html>")


def write_warc(path: Path) -> list[dict]:
    """A WARC written with warcio; returns what each HTML record should give."""
    warcio = pytest.importorskip("warcio", reason="the WARC test writes its file with warcio (dev extra)")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    expected = []
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "tests"}))

        def response(url, body, ctype, extra=()):
            hh = StatusAndHeaders("200 OK", [("Content-Type", ctype), *extra], protocol="HTTP/1.1")
            rec = w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=hh)
            w.write_record(rec)
            return rec.rec_headers.get_header("WARC-Record-ID").strip("<>")

        de, ru = page("Haushalt beschlossen", DE), page("Бюджет утверждён", RU)
        # the charset is only in the HTTP header (no <meta charset>): KOI8-R must come from there
        for url, html, charset, enc in [("https://de.example/a", de, "ISO-8859-1", "latin-1"),
                                        ("https://ru.example/b", ru, "KOI8-R", "koi8-r"),
                                        ("https://ru.example/c", ru, "windows-1251", "cp1251")]:
            rid = response(url, html.encode(enc), f"text/html; charset={charset}")
            expected.append({"id": rid, "url": url, "html": html.encode(enc), "encoding": charset})
        rid = response("https://de.example/gz", gzip.compress(de.encode("utf-8")), "text/html",
                       [("Content-Encoding", "gzip")])
        expected.append({"id": rid, "url": "https://de.example/gz", "html": de.encode("utf-8"), "encoding": None})
        response("https://de.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "image/png")   # not HTML
        w.write_record(w.create_warc_record("https://de.example/a", "request",
                                            payload=io.BytesIO(b"GET /a HTTP/1.1\r\nHost: de.example\r\n\r\n")))
        rid = response("https://de.example/broken", bytes(range(256)) * 8, "text/html")   # binary "HTML"
        expected.append({"id": rid, "url": "https://de.example/broken", "error": "binary_input"})
    return expected


def truncated_warc(path: Path) -> None:
    """An uncompressed WARC whose only record is cut off mid-body (a crawl killed while writing)."""
    pytest.importorskip("warcio", reason="the WARC test writes its file with warcio (dev extra)")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("https://de.example/cut", "response",
                                        payload=io.BytesIO(page("Abgeschnitten", DE).encode()), http_headers=hh))
    path.write_bytes(buf.getvalue()[:-300])


def test_warc_html_responses_with_charsets(tmp_path):
    warc, cut = tmp_path / "crawl.warc.gz", tmp_path / "cut.warc"
    expected = write_warc(warc)
    truncated_warc(cut)
    out = tmp_path / "out.jsonl"
    s = run_corpus([str(warc), str(cut)], str(out), workers=2, progress=False)
    rows = read_out(out)
    assert s.not_html == 1                            # the PNG (request and warcinfo are not responses)
    assert [r["id"] for r in rows[:-1]] == [e["id"] for e in expected]
    for row, exp in zip(rows, expected):
        assert row["url"] == exp["url"]
        if "error" in exp:
            assert row["error"]["code"] == exp["error"]
            continue
        res = extract(exp["html"], url=exp["url"], encoding=exp["encoding"])
        assert (row["text"], row["title"], row["language"]) == (res.text, res.title, res.language)
    assert rows[1]["title"] == "Бюджет утверждён" and "городскую библиотеку" in rows[1]["text"]
    assert "городскую библиотеку" in rows[2]["text"]
    assert "Bürgermeisterin" in rows[0]["text"] and "Bürgermeisterin" in rows[3]["text"]
    assert rows[-1]["url"] == "https://de.example/cut"
    assert rows[-1]["error"]["code"] == "bad_warc" and "truncated" in rows[-1]["error"]["message"]
    assert s.failed == 2


def test_read_warc_skips_non_html(tmp_path):
    warc = tmp_path / "c.warc.gz"
    expected = write_warc(warc)
    got = list(read_warc(str(warc)))
    assert [g["id"] for g in got] == [e["id"] for e in expected]
    assert [g.get("encoding") for g in got[:3]] == ["ISO-8859-1", "KOI8-R", "windows-1251"]
    assert got[3]["html"] == expected[3]["html"]      # Content-Encoding: gzip undone


# --- resume ----------------------------------------------------------------------------------

def test_prepare_output_cuts_a_partial_last_line(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id": "a", "text": "x"}\n{"id": 2, "text": "y"}\n{"id": "c", "te')
    done, cut = prepare_output(str(out))
    assert done == {"a", "2"} and cut == len(b'{"id": "c", "te')
    assert out.read_bytes().endswith(b'"y"}\n')
    assert prepare_output(str(tmp_path / "missing.jsonl")) == (set(), 0)


def test_resume_after_sigkill_loses_and_duplicates_nothing(tmp_path):
    n = 400
    rows = [{"id": f"doc-{i:04d}", "text": text_doc(i)} for i in range(n)]
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "extractor.cli", "corpus", str(src), "--out", str(out), "--workers", "2"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if out.exists() and out.read_bytes().count(b"\n") >= 20:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the run ended before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)           # the CLI and its workers: a hard stop
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    partial = out.read_bytes()
    written = partial.count(b"\n")
    assert 20 <= written < n
    # as if the kill had landed in the middle of a write
    with open(out, "ab") as f:
        f.write(b'{"id": "doc-9999", "text": "half a li')
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert b"already in OUT" in done.stderr
    lines = out.read_bytes().split(b"\n")
    assert lines[-1] == b""
    got = [json.loads(line)["id"] for line in lines[:-1]]      # every line parses
    assert got == [r["id"] for r in rows]                      # none lost, none twice, in order
    assert out.read_bytes().startswith(partial)


def test_progress_bar_on_a_terminal_and_summary(tmp_path, capsys):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": i, "text": text_doc(i)} for i in range(3)])
    run_corpus([str(src)], str(tmp_path / "out.jsonl"), workers=1, progress=True)
    assert "doc/s" in capsys.readouterr().err
    from extractor.cli import main
    assert main(["corpus", str(src), "--out", str(tmp_path / "out.jsonl"), "--workers", "1"]) == 0
    assert "0 written (0 failed), 3 already in OUT" in capsys.readouterr().err
    assert main(["corpus", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o.jsonl")]) == 1


def test_process_item_never_raises():
    assert process_item({"id": 1, "text": 42})["error"]["code"] == "bad_type"
    assert process_item({"id": 1, "html": b"\xff\xfe\x00"})["error"]["code"] in ("empty_input", "binary_input")
