"""benchmarks/titles.py: our Result.title against the headline the page's HTML states."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

import titles  # noqa: E402

SHARED = REPO.parent / "shared" / "bench"


@pytest.mark.parametrize("ours, ref, same", [
    ("Council approves cycling budget", "Council approves cycling budget | Riverside Gazette", True),   # site suffix
    ("Opinion | Council approves cycling budget", "Council approves cycling budget", True),
    ("“Council approves” cycling budget!", "Council approves cycling budget", True),                 # punctuation, case
    ("Council approves new cycling budget for the river road", "Council approves cycling budget for river road", True),
    ("Share on: Facebook Twitter", "Council approves cycling budget", False),
    ("Opinion Columnist", "Opinion | Republicans follow the leader", False),
    ("38歲男子涉殺父被暫控謀殺", "38歲男子涉殺父被暫控謀殺 - 新浪香港", True),
    (None, "Council approves cycling budget", False),
    ("Council approves cycling budget", None, False),
])
def test_agrees(ours, ref, same):
    assert titles.agrees(ours, ref) is same


@pytest.mark.skipif(not (SHARED / "score.py").exists(), reason="../shared/bench not present")
def test_the_table_has_a_row_per_set(capsys):
    assert titles.main(["--sets", "article,sites", "--limit", "3", "--show", "5"]) == 0
    out = capsys.readouterr().out.splitlines()
    rows = {line.split()[0]: line.split() for line in out[1:3]}
    assert set(rows) == {"article", "sites"}
    for cells in rows.values():
        pages, with_ref, agree, differ, none = map(int, cells[1:6])
        assert pages == 3 and with_ref <= pages and agree + differ + none == with_ref
