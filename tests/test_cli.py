import json
import subprocess
import sys

from .conftest import SEEDS

ARTICLE = ("Home\nNews\n\nCouncil approves library budget\n\n"
           "The city council voted on Tuesday to approve a budget for the new central library, ending a long debate.\n\n"
           "Construction is expected to begin next spring and to take about eighteen months, the planning office said.\n")


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=120)


def test_clean_stdin_prints_body():
    p = run("clean", "-", stdin=ARTICLE)
    assert p.returncode == 0
    assert "The city council voted" in p.stdout and "Home" not in p.stdout


def test_clean_file_json(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    p = run("clean", str(f), "--format", "json", "--blocks", "--mode", "precision")
    d = json.loads(p.stdout)
    assert d["mode"] == "precision" and d["title"] == "Council approves library budget"
    assert any(not b["kept"] and b["reason"] for b in d["blocks"])


def test_clean_bad_input_exit_1(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_bytes(b"\xff\xfe\xfa not utf8 \xc3\x28")
    p = run("clean", str(f))
    assert p.returncode == 1 and "undecodable" in p.stderr
    assert run("clean", str(tmp_path / "missing.txt")).returncode == 1


def test_jsonl_batch_in_order_with_a_bad_item(tmp_path):
    lines = [json.dumps({"id": "a", "text": ARTICLE}), "{not json", json.dumps({"id": "c", "text": ""}),
             json.dumps({"id": 4, "text": ARTICLE.replace("Tuesday", "Friday")}), json.dumps({"id": "e"})]
    out_dir = tmp_path / "out"
    p = run("clean", "--jsonl", "-", "--out-dir", str(out_dir), stdin="\n".join(lines) + "\n")
    assert p.returncode == 0
    rows = [json.loads(l) for l in p.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", 2, "c", 4, "e"]
    assert "The city council voted on Tuesday" in rows[0]["text"] and rows[0]["language"] == "en"
    assert rows[1]["error"]["code"] == "bad_json"
    assert rows[2]["error"]["code"] == "empty_input"
    assert "Friday" in rows[3]["text"] and "stats" in rows[3]
    assert rows[4]["error"]["code"] == "bad_input"
    assert sorted(f.name for f in out_dir.iterdir()) == ["4.txt", "a.txt"]


MARKDOWN = ("* [Home](https://example.com/)\n* [News](https://example.com/news)\n* [Sport](https://example.com/sport)\n\n"
            "# Council approves library budget\n\n"
            "The city council voted on Tuesday to approve a budget for the [new central library](https://example.com/lib), "
            "ending a long debate.\n\n"
            "Construction is expected to begin next spring and to take about eighteen months, the planning office said.\n")


def test_markdown_input_and_the_markup_option(tmp_path):
    p = run("clean", "-", "--format", "json", stdin=MARKDOWN)
    d = json.loads(p.stdout)
    assert d["title"] == "Council approves library budget"
    assert "for the new central library, ending" in d["text"] and "](" not in d["text"]
    as_text = json.loads(run("clean", "-", "--format", "json", "--markup", "text", stdin=MARKDOWN).stdout)
    assert "[new central library](https://example.com/lib)" in as_text["text"]
    lines = [json.dumps({"id": 1, "text": MARKDOWN}), json.dumps({"id": 2, "text": MARKDOWN, "markup": "text"}),
             json.dumps({"id": 3, "text": MARKDOWN, "markup": "xml"})]
    rows = [json.loads(l) for l in run("clean", "--jsonl", "-", stdin="\n".join(lines) + "\n").stdout.splitlines()]
    assert "](" not in rows[0]["text"] and "](" in rows[1]["text"]
    assert rows[2]["error"]["code"] == "bad_option"
    assert run("clean", "-", "--markup", "xml", stdin=MARKDOWN).returncode == 2


def test_demo_cleans_the_seeds():
    p = run("demo", "--fixtures", str(SEEDS))
    assert p.returncode == 0
    assert p.stdout.count("=== ") == len(list(SEEDS.glob("*.txt")))
