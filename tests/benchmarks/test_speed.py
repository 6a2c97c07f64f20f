"""benchmarks/speed.py: what it says about the C versions of the hot loops, and --no-c."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

import speed  # noqa: E402
from extractor import trees  # noqa: E402


def test_no_c_turns_the_c_loops_off(monkeypatch):
    monkeypatch.setattr(trees, "USE_C", True)
    monkeypatch.setattr(trees, "_speedups", object())      # as if built
    assert speed.c_loops_state(False) == "on" and trees.USE_C
    assert speed.c_loops_state(True) == "off" and not trees.USE_C


def test_an_install_without_them_says_so(monkeypatch):
    monkeypatch.setattr(trees, "USE_C", True)
    monkeypatch.setattr(trees, "_speedups", None)
    assert speed.c_loops_state(False) == "not built"
    assert speed.c_loops_state(True) == "not built"


@pytest.mark.skipif(not (REPO.parent / "shared" / "bench").is_dir(), reason="needs ../shared/bench")
def test_the_header_names_the_state(capsys, monkeypatch):
    monkeypatch.setattr(trees, "USE_C", True)
    monkeypatch.setattr(speed, "pin_one_core", lambda: None)    # not the test process's affinity
    speed.main(["--repeat", "1", "--limit", "2", "--no-stages", "--no-c"])
    out = capsys.readouterr().out
    assert "C loops off" in out or "C loops not built" in out
