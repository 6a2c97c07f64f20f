"""Golden fixtures: the five seed texts, every line labelled by a person."""
from extractor import clean

BOILERPLATE = {"navigation", "donation", "adblock", "license", "paywall", "widget", "caption", "related",
               "feedback", "branding", "byline", "duplicate"}


def _blocks_by_line(result):
    by = {}
    for b in result.blocks:
        by.setdefault(b.line, []).append(b)
    return by


def test_body_lines_kept(seed):
    name, text, rows = seed
    by = _blocks_by_line(clean(text))
    lost = [r["text"] for r in rows if r["label"] == "body" and not all(b.kept for b in by[r["line"]])]
    assert not lost, f"{name}: body lines removed: {lost}"


def test_boilerplate_lines_removed(seed):
    name, text, rows = seed
    by = _blocks_by_line(clean(text))
    left = [(r["label"], r["text"]) for r in rows if r["label"] in BOILERPLATE and any(b.kept for b in by[r["line"]])]
    assert not left, f"{name}: boilerplate lines kept: {left}"


def test_title(seed):
    name, text, rows = seed
    res = clean(text)
    titles = [r["text"].strip() for r in rows if r["label"] == "title"]
    assert res.title == titles[0]
    assert titles[0] not in res.text.split("\n")


def test_every_removed_block_has_a_reason(seed):
    _, text, _ = seed
    for b in clean(text).blocks:
        if not b.kept:
            assert b.reason, b.text
