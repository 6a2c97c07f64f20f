"""benchmarks/shapes.py: every page of other shapes is scored, with its expected title."""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

import shapes  # noqa: E402


def test_every_shape_has_pages_with_a_body_and_a_title():
    cases = shapes.cases()
    kinds = {name.split("/")[0] for name, _, _, _ in cases}
    assert kinds == {"markdown", "reader", "wrapped", "double", "html"}
    for name, text, body, title in cases:
        assert text.strip() and body.strip() and title, name
        assert all(line.split()[0] in text or "\\n" in text or "<" in text for line in body.splitlines()), name


def test_the_table_has_a_row_per_page_and_the_mean(capsys):
    assert shapes.main([]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 + len(shapes.cases()) + 1 and out[-1].startswith("mean F1 ")
    # on the pages whose visible body is kept whole, the body and the headline are found
    rows = {line.split()[0]: line for line in out[1:-1]}
    assert rows["html/bridge_en"].split()[3] == "1.000" and rows["html/bridge_en"].endswith("found")
    assert rows["reader/proxy_en"].endswith("found")          # the title from the proxy's header
