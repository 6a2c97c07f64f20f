"""The run-time scoring path (fastscore.py) equals the reference path the model is trained on."""
import re

import numpy as np
import pytest

from extractor import fastscore, pipeline
from extractor.classify import model_context
from extractor.model import SURE_P, block_vectors, shipped_model
from extractor.options import Options
from extractor.types import Block

from .conftest import BENCH, C_BUILT, FIXTURES, SEEDS


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


def test_real_pages_match(walk):
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


# ----------------------------------------------------------------------------- topic_overlap

_REFERENCE_WORD = re.compile(r"[^\W\d_]{4,}")


def _reference_topic_overlap(blocks, p1, cjk):
    """_topic_overlap as first written, block by block with re.findall (the definition)."""
    words = [frozenset(_REFERENCE_WORD.findall(b.features["norm"])) for b in blocks]
    sure = (p1 >= SURE_P).tolist()
    vocab = {}
    for ws, s in zip(words, sure):
        if s:
            for w in ws:
                vocab[w] = vocab.get(w, 0) + 1
    out = np.full(len(blocks), -1.0)
    for i, (ws, s, is_cjk) in enumerate(zip(words, sure, cjk.tolist())):
        if ws and not is_cjk:
            out[i] = sum(1 for w in ws if vocab.get(w, 0) > (1 if s else 0)) / len(ws)
    return out


def _blocks(norms):
    return [Block(index=i, text=t, features={"norm": t}) for i, t in enumerate(norms)]


# ² and ½ are letters to the regex, Devanagari's vowel signs are not; a "\n" inside a block
TRICKY_NORMS = [
    "the council approved the budget on tuesday", "budget talks: council, mayor & co.",
    "", "a b c", "abc abcd abcde", "word_with_underscores and digits9in9words x2y3z4abcd",
    "x²yzw ½half fünf straße naïve café", "नमस्ते दुनिया हिन्दी",
    "北京大学的学生们在学习", "𝒜𝒷𝒸𝒹 mathematical script letters", "lone \ud800 surrogate text",
    "line one\nline two of one block", "repeat repeat repeat words words", "council budget tuesday",
    "ÅNGSTRÖM Ǆemal ǅungla ǆx", "tab\tand\u00a0nbsp\u2003em space",
]


@pytest.mark.parametrize("sure_every", [1, 2, 3, 100])
def test_topic_overlap_equals_per_block_regex(sure_every, walk):
    blocks = _blocks(TRICKY_NORMS)
    n = len(blocks)
    p1 = np.where(np.arange(n) % sure_every == 0, 0.9, 0.3)
    cjk = np.zeros(n)
    cjk[TRICKY_NORMS.index("北京大学的学生们在学习")] = 1.0
    got = fastscore._topic_overlap(blocks, p1, cjk)
    assert got.tobytes() == _reference_topic_overlap(blocks, p1, cjk).tobytes()


def test_topic_overlap_on_real_pages_and_edges(walk):
    pages = [[b.features["norm"] for b in _prepared(text)] for text in _pages()]
    pages += [[], ["only"], ["", ""], ["no words at all 1 2 3"]]
    for norms in pages:
        blocks = _blocks(norms)
        p1 = np.linspace(0.5, 0.95, len(blocks))
        cjk = np.zeros(len(blocks))
        assert fastscore._topic_overlap(blocks, p1, cjk).tobytes() == _reference_topic_overlap(blocks, p1, cjk).tobytes()


@pytest.mark.skipif(not C_BUILT, reason="extractor._speedups not built (no C compiler at install)")
@pytest.mark.parametrize("breakage", ["lengths", "negative", "codes", "dtype", "out"])
def test_the_c_topic_overlap_refuses_arrays_that_do_not_fit(breakage):
    """The C count checks that the texts' lengths add up to the joined text and every array has
    one item per character or block before it reads them: an error, never a read past the end."""
    from extractor import trees
    norms = ["the council approved", "council budget talks"]
    cp = np.frombuffer("\n".join(norms).encode("utf-32-le"), dtype=np.uint32)
    codes = fastscore._letter_codes(cp)
    lengths = np.array([len(t) for t in norms], dtype=np.int64)
    sure, cjk, out = np.ones(2, dtype=np.uint8), np.zeros(2), np.empty(2)
    if breakage == "lengths":
        lengths[1] += 5
    elif breakage == "negative":
        lengths = np.array([-1, len(cp) + 2], dtype=np.int64)
    elif breakage == "codes":
        codes = codes[:-1]
    elif breakage == "dtype":
        lengths = lengths.astype(np.int32)
    else:
        out = np.empty(3)
    with pytest.raises((ValueError, TypeError)):
        trees._speedups.topic_overlap(cp, codes, lengths, sure, cjk, fastscore._TOPIC_MIN_LETTERS, out)


def test_no_topic_letter_is_whitespace():
    """_topic_words cuts the words out with str.split: no letter may be whitespace to it."""
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert spaces and not any(fastscore._TOPIC_LETTER.match(ch) for ch in spaces)


@pytest.mark.parametrize("n", [0, 1, 2, 5, 13, 40])
@pytest.mark.parametrize("cw", [1, 2, 3, 6, 7])
def test_window_max_is_a_sliding_window(n, cw):
    p = np.random.default_rng(n * 100 + cw).random(n)
    before, after = fastscore._window_max(p, cw)
    assert before.tolist() == [max(p[max(i - cw, 0):i], default=0.0) for i in range(n)]
    assert after.tolist() == [max(p[i + 1:i + 1 + cw], default=0.0) for i in range(n)]


@pytest.mark.parametrize("cat,reason,first,later", [
    ("comments", "comments.section", "Comments: 0", "Comments"),
    ("related", "related.links", "Most read", "Related stories"),
])
def test_a_section_heading_before_sure_content_starts_no_section(cat, reason, first, later):
    """since_<cat> counts back to the last such heading after the page's first block of sure
    content: a "Leave a comment" link or "Comments: 0" counter in the article's toolbar, or a
    "Most read" box above the article, does not make the article below it read as the start of
    a comment section or the tail of a related-posts list; the heading after the article does."""
    from extractor.model import SECTION_CATEGORIES, SECTION_FAR
    blocks = [Block(index=i, text=t, para=i) for i, t in enumerate([first, "a", "b", later, "c", "d"])]
    for i in (0, 3):
        blocks[i].hits = [(cat, reason)]
    hit = np.array([bool(b.hits) for b in blocks])
    idx = np.arange(len(blocks))
    k = SECTION_CATEGORIES.index(cat)
    out = np.zeros((len(SECTION_CATEGORIES), len(blocks)))
    fastscore._since_rows(out, blocks, hit, idx, first_sure=1)      # sure content from block 1 on
    assert out[k].tolist() == [SECTION_FAR] * 4 + [1, 2]
    fastscore._since_rows(out, blocks, hit, idx, first_sure=0)      # no box above: both count
    assert out[k].tolist() == [SECTION_FAR, 1, 2, 3, 1, 2]
