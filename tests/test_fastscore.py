"""The run-time scoring path (fastscore.py) equals the reference path the model is trained on."""
import pytest

from extractor import pipeline
from extractor.classify import model_context
from extractor.model import block_vectors, shipped_model
from extractor.options import Options

from .conftest import BENCH, FIXTURES, SEEDS


def _pages():
    pages = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if BENCH.is_dir():
        for sub in ("article", "snippets", "sites"):
            pages += [p.read_text(encoding="utf-8") for p in sorted((BENCH / sub).glob("*/fullpage.txt"))[:15]]
    return pages


def _prepared(text):
    d = pipeline.Document(text=text, options=Options())
    for stage in (pipeline.segment, pipeline.language, pipeline.features, pipeline.rules):
        stage(d)
    return d.blocks


@pytest.mark.parametrize("tiny", ["One line only.", "Home\nNews", "A\nB\nC\nD\nE\nF\nG\nH"])
def test_tiny_pages_match(tiny):
    _check(tiny)


def test_real_pages_match():
    pages = _pages()
    assert len(pages) >= 5
    for text in pages:
        _check(text)


def _check(text):
    m = shipped_model()
    blocks = _prepared(text)
    span, dups = model_context(blocks)
    ref = m.score(blocks, block_vectors(blocks, span, dups), span, dups)
    ref_p1 = [b.features["p1"] for b in blocks]
    fast = m.score_page(blocks, span, dups)
    fast_p1 = [b.features["p1"] for b in blocks]
    assert len(fast) == len(ref)
    assert max((abs(a - b) for a, b in zip(fast, ref)), default=0) < 1e-9
    assert max((abs(a - b) for a, b in zip(fast_p1, ref_p1)), default=0) < 1e-9
