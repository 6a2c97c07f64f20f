"""classify.py: the page-wide (vectorised) heuristics equal the per-block reference functions."""
import pytest

from extractor import pipeline
from extractor.classify import heuristic_score, heuristic_scores, jt_class, jt_classes
from extractor.context import block_key, block_keys, dup_key
from extractor.fastscore import page_columns
from extractor.options import Options

from .conftest import BENCH, SEEDS

EDGE = "Home\n\u0301accent first\nCafe\u0301 au lait, s'il vous plaît.\n日本語の文章です。これはテストです。\n" \
       "ALL CAPS MENU | NEWS | SPORT\n___ -- ___\nhttp://example.org/page\nA sentence, with commas, that ends.\n" \
       "Ｆｕｌｌｗｉｄｔｈ ＴＥＸＴ\nΣΟΦΙΑ και λόγος.\n"


def _blocks(text):
    d = pipeline.Document(text=text, options=Options())
    for stage in (pipeline.segment, pipeline.language, pipeline.features):
        stage(d)
    return d.blocks


def _texts():
    out = [EDGE] + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if BENCH.is_dir():
        out += [p.read_text(encoding="utf-8") for p in sorted((BENCH / "sites").glob("*/fullpage.txt"))[:20]]
    return out


def test_page_heuristics_equal_the_per_block_functions():
    for text in _texts():
        blocks = _blocks(text)
        c = page_columns(blocks)
        assert jt_classes(c) == [jt_class(b.features) for b in blocks]
        for b, h in zip(blocks, heuristic_scores(c).tolist()):
            assert h == pytest.approx(heuristic_score(b.features), abs=1e-12)


def test_page_dup_keys_equal_the_per_block_keys():
    for text in _texts():
        blocks = _blocks(text)
        assert block_keys(blocks) == [dup_key(b.text) for b in blocks]
        assert [block_key(b) for b in blocks] == [dup_key(b.text) for b in blocks]


def test_a_menu_line_is_short_and_a_paragraph_is_good():
    blocks = _blocks("Home | News | Sport\n" + "The council said on Monday that it would not be able to "
                     "meet the deadline, and that the work on the new bridge would go on into the spring "
                     "of next year, when the weather is better and the river is lower than it is now.")
    assert jt_classes(page_columns(blocks)) == ["short", "good"]


def test_page_dup_keys_on_raw_strings():
    from extractor.context import _page_dup_keys
    texts = ["", "--", "x_y", "  Hello,   World!  ", "tab\tsep", "emoji 😀 here", "lone \ud800 surrogate",
             "Ｆｕｌｌ ＷＩＤＴＨ", "Straße", "a", "…", "١٢٣ arabic digits", "ﬁ ligature"]
    assert _page_dup_keys(texts) == [dup_key(t) for t in texts]
    assert _page_dup_keys(["two\nlines"]) is None


def test_low_score_reasons_equal_the_formatted_scores():
    """The looked-up reasons are f"model.p={s:.2f}" to the character: at and around every
    rounding bound (a few floats each side), at exact ties, on random scores and outside [0, 1]."""
    import math
    import random

    import numpy as np

    from extractor.classify import _low_score_reasons, _rounding_table
    bounds, _ = _rounding_table()
    vals = [0.0, 1.0, 0.125, 0.375, 0.625, 0.875, 0.005, 0.995, 5e-324]
    for x in bounds.tolist():
        lo = hi = x
        for _ in range(3):
            lo, hi = math.nextafter(lo, -1.0), math.nextafter(hi, 2.0)
            vals += [lo, hi]
        vals.append(x)
    rng = random.Random(3)
    vals += [rng.random() for _ in range(20000)]
    assert _low_score_reasons(np.array(vals)) == [f"model.p={s:.2f}" for s in vals]
    odd = [-0.0, -0.3, 1.004, 1.5, float("nan"), 0.5]
    assert _low_score_reasons(np.array(odd)) == [f"model.p={s:.2f}" for s in odd]


def test_whitespace_is_never_a_word_character():
    """_page_dup_keys reads the features' norm (whitespace runs made one space) in place of the
    text: right only because every whitespace character is one [\\W_] matches."""
    import re
    word = re.compile(r"[^\W_]")
    assert not [c for c in range(0x110000) if chr(c).isspace() and (chr(c).isalnum() or word.match(chr(c)))]


def test_page_dup_keys_from_norms():
    """Keys from the features' norms (NFKC-normalised pages) and from the texts (other pages)
    equal dup_key per text."""
    import unicodedata

    from extractor.context import _page_dup_keys
    from extractor.features import normalize_for_rules
    pages = [
        [""], ["a"], ["  Hello,\t\x85World!  ", "", "__init__ -- x", "Straße ΣΟΦΙΑ ς İstanbul"],
        ["日本語の文章です。 これはテスト", "한국어 문장", "emoji 😀\u2028here\x1ftoo", "١٢٣ arabic digits"],
        ["Cafe\u0301 au lait", "\u0301accent first", "ǅ ﬀ"],               # not NFKC: the texts' path
        ["Ｆｕｌｌ ＷＩＤＴＨ", "plain\u2003and\u3000\u00a0wide"], ["x\u2028y\u0085z\x1cw", "…"],
    ]
    for texts in pages:
        norms = [normalize_for_rules(t) for t in texts]
        want = [dup_key(t) for t in texts]
        assert _page_dup_keys(texts, norms) == want
        assert _page_dup_keys(texts) == want
    assert all(unicodedata.is_normalized("NFKC", "\n".join(p)) for p in pages[:4])
    assert not unicodedata.is_normalized("NFKC", "\n".join(pages[4]))


def test_block_keys_with_some_keys_cached():
    """block_keys when some blocks have their key cached already, and when all have."""
    blocks = _blocks(EDGE)
    want = [dup_key(b.text) for b in blocks]
    for b in blocks[::2]:
        block_key(b)
    assert block_keys(blocks) == want
    assert block_keys(blocks) == want
