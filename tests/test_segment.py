import random
import re
import unicodedata

import pytest

from extractor import segment as S
from extractor.segment import BLOB_MIN_CHARS, normalize_text, segment, split_sentences

from .conftest import BENCH


def texts(blocks):
    return [b.text for b in blocks]


def test_crlf_cr_and_blank_lines_make_paragraphs():
    bl = segment("one\r\ntwo\r\n\r\nthree\rfour", max_line_chars=1000)
    assert texts(bl) == ["one", "two", "three", "four"]
    assert [b.para for b in bl] == [0, 0, 1, 1]
    assert [b.line for b in bl] == [1, 2, 4, 5]


def test_nbsp_zero_width_and_control_characters():
    bl = segment("a\u00a0b\u200bc\x00d\x07e\tf\u3000g", max_line_chars=1000)
    assert texts(bl) == ["a bcde f g"]


def test_nfc():
    assert texts(segment("Cafe\u0301", max_line_chars=100)) == ["Café"]


def test_blob_without_newlines_is_split_into_sentences():
    blob = " ".join(f"Sentence number {i} says something about the town council and its budget." for i in range(12))
    assert len(blob) > BLOB_MIN_CHARS and "\n" not in blob
    bl = segment(blob, max_line_chars=100_000)
    assert len(bl) == 12
    assert bl[0].text.startswith("Sentence number 0")


def test_short_single_line_is_not_split():
    assert len(segment("Short line. Another one.", max_line_chars=1000)) == 1


def test_very_long_line_is_split():
    line = "word " * 5000
    bl = segment(line, max_line_chars=1000)
    assert all(len(b.text) <= 1000 for b in bl)
    assert sum(len(b.text.split()) for b in bl) == 5000


def test_split_sentences_cjk():
    assert split_sentences("今天天气很好。我们去公园。") == ["今天天气很好。", "我们去公园。"]


def test_split_sentences_danda_and_urdu_full_stop():
    """Scripts without capitals: their sentence end needs no capital after it."""
    assert split_sentences("बजट को मंजूरी दे दी। महापौर ने स्वागत किया।") == ["बजट को मंजूरी दे दी।", "महापौर ने स्वागत किया।"]
    assert split_sentences("بجٹ منظور ہو گیا۔ میئر نے خیر مقدم کیا۔") == ["بجٹ منظور ہو گیا۔", "میئر نے خیر مقدم کیا۔"]


def test_persian_and_emoji_joiners_are_kept():
    """The zero-width non-joiner is spelling in Persian ('سه‌شنبه', Tuesday); the joiner glues an
    emoji sequence. Both stay in the text; a line of nothing else is blank."""
    fa = "شورای شهر روز سه\u200cشنبه بودجه را تصویب کرد."
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467 family"
    assert texts(segment(f"{fa}\n\u200c\u200d\n{family}\u200b", max_line_chars=1000)) == [fa, family]
    assert [b.para for b in segment(f"{fa}\n\u200c\n{family}", max_line_chars=1000)] == [0, 1]


def test_normalize_text_line_separators():
    assert normalize_text("a\u2028b\u2029c") == "a\nb\n\nc"


# --------------------------------------------------------------------------- the fast paths pinned
# segment() and normalize_text() replace regex substitutions and a per-line collapse with a
# code-point table and str.replace; these are the regex definitions they must agree with.

def reference_normalize_text(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = "".join(ch for ch in text if ch not in S._ZERO_WIDTH_CHARS)
    return S._CONTROL.sub("", S._SPACES.sub(" ", text))


def reference_segment(text, max_line_chars):
    text = unicodedata.normalize("NFC", reference_normalize_text(text))
    raw_lines = text.split("\n")
    if len(raw_lines) == 1 and len(text) > BLOB_MIN_CHARS:
        raw_lines = split_sentences(text)
    out, para, blank_before = [], 0, True
    for lineno, raw in enumerate(raw_lines, 1):
        line = re.sub(" {2,}", " ", raw).strip(" \u200c\u200d")   # spaces and joiners at the ends go
        if not line:
            blank_before = True
            continue
        if blank_before and out:
            para += 1
        blank_before = False
        for piece in S.split_long(line, max_line_chars):
            out.append((len(out), piece, lineno, para))
    return out


def as_tuples(blocks):
    return [(b.index, b.text, b.line, b.para) for b in blocks]


def test_normalize_text_table_agrees_with_the_regexes_on_every_bmp_character():
    bmp = "".join(map(chr, range(0x10000)))
    assert normalize_text(bmp) == reference_normalize_text(bmp)


ODD = "ab \t\u00a0\u1680\u2000\u200a\u202f\u205f\u3000\x00\x08\x0b\x0c\x1f\x7f\x85\x9f\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e" \
      "\r\n\u2028\u2029.!?。 “A” \ud800😀e\u0301"


def test_segment_agrees_with_the_regex_definition_on_random_text():
    rng = random.Random(5)
    for _ in range(500):
        text = "".join(rng.choice(ODD) for _ in range(rng.choice([1, 10, 100, 450, 900])))
        for limit in (1000, 40):
            assert as_tuples(segment(text, max_line_chars=limit)) == reference_segment(text, limit)


@pytest.mark.skipif(not BENCH.is_dir(), reason="bench data (../shared/bench) not available")
def test_segment_agrees_with_the_regex_definition_on_bench_pages():
    for path in sorted(BENCH.glob("*/*/fullpage.txt"))[::3]:
        text = path.read_text(encoding="utf-8")
        assert as_tuples(segment(text, max_line_chars=20_000)) == reference_segment(text, 20_000), path
        assert as_tuples(segment(text, max_line_chars=80)) == reference_segment(text, 80), path


def test_astral_characters_are_kept():
    assert normalize_text("a😀\U0010ffff\U000e0001b") == "a😀\U0010ffff\U000e0001b"


# --------------------------------------------------------------------------- NFC without a scan

def composition_seconds():
    """Code points that can follow another one in a canonical composition: the second of the
    two-character canonical decomposition of every primary composite (one that NFC keeps, not a
    composition exclusion), and Hangul's vowel and trailing jamo."""
    seconds = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))
    for cp in range(0x110000):
        mapping = unicodedata.decomposition(chr(cp))
        if mapping and not mapping.startswith("<") and unicodedata.normalize("NFC", chr(cp)) == chr(cp):
            parts = mapping.split()
            if len(parts) == 2:
                seconds.add(int(parts[1], 16))
    return seconds


def test_nfc_stable_means_combining_class_0_and_quick_check_yes():
    """The definition nfc_stable stands for, on every code point: combining class 0, not NFC_QC=No
    (NFC leaves it alone) and not NFC_QC=Maybe (it composes with nothing before it)."""
    seconds = composition_seconds()
    stable = 0
    for cp in range(0x110000):
        ch = chr(cp)
        if S.nfc_stable(ch):
            stable += 1
            assert unicodedata.combining(ch) == 0 and cp not in seconds, hex(cp)
            assert unicodedata.normalize("NFC", ch) == ch, hex(cp)
    assert stable > 1_000_000                     # (the others are marks, jamo, singletons...)
    # below 256 every character is stable: shared one-character strs cannot mislead the test;
    # _nfc looks up only the code points from NFC_STABLE_BELOW on
    assert S.NFC_STABLE_BELOW >= 256
    assert all(S.nfc_stable(chr(cp)) for cp in range(S.NFC_STABLE_BELOW))
    for ch in "\u0301\u1161\u11a8\u0b3e\u2000\u212b\u0344\u0316":
        assert not S.nfc_stable(ch), hex(ord(ch))


def test_texts_of_nfc_stable_characters_are_nfc():
    rng = random.Random(11)
    pool = [ch for ch in map(chr, range(0x20, 0x30000, 7)) if S.nfc_stable(ch)]
    for _ in range(300):
        text = "".join(rng.choice(pool) for _ in range(rng.choice([1, 2, 10, 200])))
        assert unicodedata.is_normalized("NFC", text)
        assert unicodedata.normalize("NFC", text) is text or text.isascii()


STABLE_ODD = "".join(ch for ch in ODD if S.nfc_stable(ch)) + "éàüßÀ “’” — … 中文 한국어 ПРИВЕТ ½"


def test_segment_agrees_with_the_regex_definition_on_nfc_and_other_text():
    rng = random.Random(6)
    decomposed = ("e\u0301", "\u1100\u1161\u11a8", "\u0b47\u0b3e", "A\u030a", "\u212b", "a\u0316\u0301", "\u2000")
    for _ in range(300):
        text = "".join(rng.choice(STABLE_ODD) for _ in range(rng.choice([1, 10, 100, 450])))
        if rng.random() < 0.5:                       # one character that NFC must see
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(decomposed) + text[at:]
        for limit in (1000, 40):
            assert as_tuples(segment(text, max_line_chars=limit)) == reference_segment(text, limit)


MARKDOWN_PAGE = "\n".join(["* [Home](https://example.com/)", "* [News](https://example.com/news)",
                           "# A headline", "Body text with a [link](https://example.com/a) in it.",
                           "![photo](https://example.com/p.jpg)", "", "Second paragraph."])


def test_markdown_input_is_read_as_what_the_page_shows():
    bl = segment(MARKDOWN_PAGE, max_line_chars=1000, markup="auto")
    assert texts(bl) == ["Home", "News", "A headline", "Body text with a link in it.", "Second paragraph."]
    assert [b.kind for b in bl] == ["list", "list", "heading", "text", "text"]
    assert bl[2].level == 1
    assert [b.line for b in bl] == [1, 2, 3, 4, 7]        # input line numbers; the image line shows nothing
    assert [b.para for b in bl] == [0, 0, 0, 0, 1]


def test_markup_option_forces_either_reading():
    as_text = segment(MARKDOWN_PAGE, max_line_chars=1000, markup="text")
    assert texts(as_text)[0] == "* [Home](https://example.com/)"
    assert texts(segment(MARKDOWN_PAGE, max_line_chars=1000)) == texts(as_text)   # the default: as written
    one_link = "Intro with a [link](https://example.com/).\n**Bold** words"
    assert texts(segment(one_link, max_line_chars=1000, markup="auto"))[0].endswith("[link](https://example.com/).")
    assert texts(segment(one_link, max_line_chars=1000, markup="markdown")) == ["Intro with a link.", "Bold words"]
    with pytest.raises(ValueError):
        segment("x", max_line_chars=10, markup="html")


WRAPPED_PARAS = [
    "The ferry to the outer islands sailed again on Monday, three weeks after a damaged propeller "
    "forced the operator to take its only vessel out of service for repairs at the mainland yard.",
    "Islanders had relied on a small charter boat in the meantime, which could carry passengers but "
    "no cars or freight, and shops on the largest island ran short of fresh food during the second week.",
    "The operator said the repaired vessel had passed its sea trials and that a spare propeller would "
    "now be kept at the harbour, so that a similar failure could be fixed within days rather than weeks.",
]


@pytest.mark.parametrize("width", [50, 72, 80, 100])
def test_hard_wrapped_paragraphs_are_joined_back(width):
    import textwrap
    page = "Ferry service resumes\n\n" + "\n\n".join(textwrap.fill(p, width) for p in WRAPPED_PARAS) + "\n\nShare this"
    bl = segment(page, max_line_chars=1000)
    assert texts(bl) == ["Ferry service resumes", *WRAPPED_PARAS, "Share this"]
    assert [b.para for b in bl] == [0, 1, 2, 3, 4]
    assert [b.line for b in bl][:2] == [1, 3]                # a joined block keeps its first line's number


def test_text_that_is_not_wrapped_keeps_its_lines():
    """Menus, headline lists and verse have short lines, but not where a greedy wrapper breaks."""
    menu = "Home\nNews\nSport\nWeather\nContact us\nAbout"
    headlines = "\n".join(["Council approves new budget for libraries", "Storm closes the coastal road again",
                           "Local team wins the regional final", "New bakery opens on the market square",
                           "School board elects a new chair"])
    verse = "The sea is calm tonight,\nThe tide is full, the moon lies fair\nUpon the straits;\non the French coast the light\nGleams and is gone."
    for text in (menu, headlines, verse):
        assert texts(segment(text, max_line_chars=1000)) == text.split("\n")


def test_wrapped_markdown_keeps_its_list_items_and_code():
    import textwrap
    page = "\n".join([textwrap.fill(WRAPPED_PARAS[0], 60), "* [Home](https://example.com/) and an item",
                      "* [News](https://example.com/n)", "```", "x = 1  # a code line of some length here", "y = 2",
                      "```", textwrap.fill(WRAPPED_PARAS[1], 60), textwrap.fill(WRAPPED_PARAS[2], 60),
                      "[Share](https://example.com/s)"])
    bl = segment(page, max_line_chars=1000, markup="auto")
    assert texts(bl)[0] == WRAPPED_PARAS[0]
    assert "Home and an item" in texts(bl) and "News" in texts(bl)
    assert "x = 1 # a code line of some length here\ny = 2" in texts(bl)           # a fenced block: one block
    # a paragraph's short last line is where it ends, blank line or not
    assert texts(bl)[-3:] == [*WRAPPED_PARAS[1:], "Share"]


def test_wrapped_markdown_after_a_code_block():
    """A closing fence followed by a blank line closes the code block for the wrap detection too."""
    import textwrap
    page = "\n".join(["```", "x = 1", "```", "", *[textwrap.fill(p, 60) + "\n" for p in WRAPPED_PARAS],
                      "[Home](https://example.com/) [News](https://example.com/n) [Sport](https://example.com/s)"])
    lines = S._lines(page)
    assert S._wrap_width(lines, markdown=True) is not None
    assert texts(segment(page, max_line_chars=1000, markup="markdown"))[1:4] == WRAPPED_PARAS


def test_no_bench_input_reads_as_markdown_or_hard_wrapped():
    """The dev inputs are visible text, one block per line: none may be taken for Markdown or for
    wrapped text (their outputs would change)."""
    if not BENCH.exists():
        pytest.skip("bench not available")
    from extractor import mdinput
    for f in sorted(BENCH.glob("*/*/*.txt")):
        if f.name == "gold.txt":
            continue
        lines = S._lines(S._nfc(*S._normalize_text(f.read_text(encoding="utf-8"))))
        assert not mdinput.looks_like_markdown(lines), f
        assert S._wrap_width(lines, markdown=True) is None and S._wrap_width(lines, markdown=False) is None, f


def test_double_encoded_json_text_is_decoded_first():
    import json
    page = "Home\nNews\n\nA headline\n\nA paragraph – “quoted” 😀 and a\ttab.\r\nLast line \\ with a backslash."
    twice = json.dumps(page)[1:-1]                  # what a pipeline that encodes twice sends
    assert "\n" not in twice
    assert texts(segment(twice, max_line_chars=1000)) == texts(segment(page, max_line_chars=1000))
    assert S.unescape_double_encoded(json.dumps(page, ensure_ascii=False)[1:-1]) == page.replace("\r\n", "\n")


@pytest.mark.parametrize("text", [
    r"one \n two \n only two escapes",                      # too few
    "a real newline\nand literal \\n \\n \\n escapes",      # has a newline: not double-encoded
])
def test_text_that_is_not_double_encoded_is_left_alone(text):
    assert S.unescape_double_encoded(text) == text


@pytest.mark.parametrize("lines, n, fields", [
    (["Title: A headline | Site", "URL Source: https://a.example/x", "Published Time: 2025-01-02",
      "Markdown Content:", "Body text."], 4,
     {"title": "A headline | Site", "url": "https://a.example/x", "date": "2025-01-02"}),
    (["URL Source: https://a.example/x", "Warning: This page maybe requiring CAPTCHA", "Text Content:", "Body."], 3,
     {"url": "https://a.example/x"}),
    (["Title: The Old Man and the Sea", "Author: Ernest Hemingway", "Body."], 0, {}),     # no URL Source
    (["Title: A", "Title: B", "URL Source: https://a.example/x"], 0, {}),                 # a key twice: no header
    (["Body first.", "Title: A", "URL Source: https://a.example/x", "Markdown Content:"], 0, {}),  # not at the start
    (["URL Source: https://a.example/x"], 0, {}),                                         # one key only
])
def test_reader_header(lines, n, fields):
    blocks = segment("\n".join(lines), max_line_chars=1000)
    assert S.reader_header(blocks) == (n, fields)


def test_no_bench_input_starts_with_a_reader_header():
    """The dev inputs are a page's visible text: none may lose its first lines to the header rule."""
    if not BENCH.exists():
        pytest.skip("bench not available")
    for f in sorted(BENCH.glob("*/*/*.txt")):
        if f.name != "gold.txt":
            assert S.reader_header(segment(f.read_text(encoding="utf-8")[:5000], max_line_chars=5000))[0] == 0, f
