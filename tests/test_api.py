import json
import random

import pytest

from extractor import Mode, Options, clean, errors, extract

ARTICLE = (
    "Home\nNews\nSport\nWeather\n\n"
    "Council approves new library budget\n\n"
    "The city council voted on Tuesday to approve a budget for the new central library, ending a debate that had lasted for more than two years.\n\n"
    "Supporters said the building would give students and families a quiet place to work, while critics argued that the money should have gone to road repairs.\n\n"
    "Construction is expected to begin next spring and to take about eighteen months, according to the council's planning office.\n\n"
    "Share this article\nFacebook\nTwitter\n\n© 2024 Example Media. All rights reserved.\n"
)


def test_clean_keeps_body_removes_furniture():
    r = clean(ARTICLE)
    assert "The city council voted on Tuesday" in r.text
    assert "Construction is expected to begin" in r.text
    for furniture in ("Home", "Share this article", "All rights reserved", "Facebook"):
        assert furniture not in r.text
    assert r.title == "Council approves new library budget"
    assert "Council approves" not in r.text
    assert r.language == "en"


def test_paragraphs_separated_by_one_blank_line():
    r = clean(ARTICLE)
    assert "\n\n\n" not in r.text
    assert r.text.count("\n\n") == 2


def test_blocks_cover_every_line_with_labels_and_reasons():
    r = clean(ARTICLE)
    texts = [b.text for b in r.blocks]
    assert texts == [l.strip() for l in ARTICLE.splitlines() if l.strip()]
    for b in r.blocks:
        if not b.kept:
            assert b.reason and b.category
        assert b.cf_label in ("content", "boilerplate", "title", "byline", "date")


def test_stats_count_removed_chars_per_category():
    r = clean(ARTICLE)
    s = r.stats
    assert s["blocks"] == len(r.blocks)
    assert s["removed_blocks"] == sum(1 for b in r.blocks if not b.kept)
    assert sum(c["chars"] for c in s["by_category"].values()) == s["removed_chars"]
    assert s["removed_chars"] == sum(len(b.text) for b in r.blocks if not b.kept)


def test_to_dict_is_json_safe():
    json.dumps(clean(ARTICLE).to_dict())


def test_modes_are_ordered_by_strictness():
    kept = {m: len(clean(ARTICLE, mode=m).text) for m in Mode}
    assert kept[Mode.PRECISION] <= kept[Mode.BALANCED] <= kept[Mode.RECALL]
    assert clean(ARTICLE, mode="recall").mode == "recall"


def test_bad_mode_is_an_options_error():
    with pytest.raises(errors.OptionsError):
        clean(ARTICLE, mode="aggressive")


def test_language_option_skips_detection():
    assert clean(ARTICLE, language="de").language == "de"


@pytest.mark.parametrize("bad", [None, 42, 3.5, ["text"], {"text": "x"}, object()])
def test_wrong_type(bad):
    with pytest.raises(errors.InputTypeError):
        clean(bad)


@pytest.mark.parametrize("empty", ["", "   ", "\n\n\t \r\n", b"", "\u200b\u200b"])
def test_empty(empty):
    with pytest.raises(errors.EmptyInputError):
        clean(empty)


def test_too_large_str_and_bytes():
    big = "word " * 300
    with pytest.raises(errors.InputTooLargeError):
        clean(big, max_bytes=1000)
    with pytest.raises(errors.InputTooLargeError):
        clean(big.encode(), max_bytes=1000)
    assert clean(big, max_bytes=10_000).blocks  # under the limit it is cleaned


def test_multibyte_counts_as_bytes():
    with pytest.raises(errors.InputTooLargeError):
        clean("жжжж " * 100, max_bytes=600)     # 500 chars, 900 bytes


def test_invalid_utf8_bytes_is_decode_error():
    with pytest.raises(errors.DecodeError) as e:
        clean(b"Caf\xe9 au lait is served here every morning.\n")
    assert "utf-8" in e.value.message


def test_utf8_bytes_with_bom():
    r = clean("\ufeffThe council met on Tuesday and approved the budget for the new library after a long debate.".encode("utf-8"))
    assert r.text.startswith("The council")


def test_binary_is_rejected():
    blob = bytes(range(256)) * 20
    with pytest.raises((errors.BinaryInputError, errors.DecodeError)):
        clean(blob)
    with pytest.raises(errors.BinaryInputError):
        clean("\x00\x01\x02\x03\x04\x05 ab" * 200)


def test_never_an_unhandled_exception_for_any_str():
    rng = random.Random(1234)
    alphabet = "aé Ж中\u200b\u00a0\r\n\t|»©×.…!?:-\x00\x07\ufffd\U0001F600"
    for _ in range(300):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        try:
            r = clean(s)
            assert isinstance(r.text, str)
        except errors.ExtractorError:
            pass


@pytest.mark.parametrize("markup", ["auto", "markdown", "html", "text"])
def test_random_markup_text_never_raises_unhandled(markup):
    """Any str, read with any markup: a Result or an ExtractorError, nothing else."""
    import random
    rng = random.Random(7)
    alphabet = "aé Ж中\n\n\t|»©×.…!?:-[]()*#_`>!<~\\/\"'=0123456789 hthttps:"
    for _ in range(150):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        if rng.random() < 0.3:
            s = "[a](http://x) " * 3 + s                 # enough links for auto to read Markdown
        try:
            assert isinstance(clean(s, options=Options(markup=markup)).text, str)
        except errors.ExtractorError:
            pass


def test_hostile_lines_are_fast_enough_to_finish():
    # Regex bait: long runs that make backtracking patterns explode. These must simply finish.
    for bait in ("a" * 100_000, "| " * 50_000, "© " * 50_000, ("http://" + "a." * 20_000), "." * 100_000,
                 ("share " * 30_000), "-" * 100_000 + "\n" + "x " * 1000):
        clean(bait)
    markdown = Options(markup="markdown")
    for bait in ("[" * 50_000, "**a" * 20_000, "[a](" + "b" * 50_000, "a b c d e f g\n" * 10_000, "* [x](y)\n" * 10_000):
        clean(bait, options=markdown)


def test_markdown_input_comes_out_as_plain_body_text():
    page = "\n".join(["[Skip to content](#main)", "* [Home](https://example.com/)", "* [Sport](https://example.com/s)",
                      "* [Weather](https://example.com/w)", "# Harbour bridge reopens after two years of works",
                      "![The bridge](https://example.com/b.jpg)",
                      "The harbour bridge reopened to traffic on Friday after two years of works that cost "
                      "more than [the city had planned](https://example.com/budget).",
                      "Engineers replaced the deck and the cables, and the bridge now carries a cycle lane "
                      "in both directions, which the **local cycling club** had asked for since 2015.",
                      "Share on [Facebook](https://facebook.com/x) [X](https://x.com/y)"])
    r = clean(page)
    assert r.title == "Harbour bridge reopens after two years of works"
    assert "the city had planned." in r.text and "local cycling club had asked" in r.text
    assert "](" not in r.text and "Home" not in r.text and "Share on" not in r.text
    assert clean(page, options=Options(markup="text")).text != r.text      # read as written: other blocks
    with pytest.raises(errors.OptionsError):
        Options(markup="xml")


HTML_PAGE = ("<!DOCTYPE html><html><head><title>Harbour bridge reopens</title></head><body>"
             "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Harbour bridge reopens</h1>"
             "<p>The harbour bridge reopened to traffic on Friday after two years of works that cost more than "
             "the city had planned.</p><p>Engineers replaced the deck and the cables, and the bridge now carries "
             "a cycle lane in both directions.</p></article><footer>© 2024 Gazette</footer></body></html>")


def test_markdown_output_renders_the_kept_blocks():
    page = "\n".join(["* [Home](https://example.com/)", "* [News](https://example.com/n)", "* [Sport](https://example.com/s)",
                      "# Harbour bridge reopens", "",
                      "The harbour bridge reopened to traffic on Friday after two years of works that cost more than "
                      "[the city had planned](https://example.com/budget).", "", "## What changed", "",
                      "- a new deck of steel and concrete for the whole length of the bridge",
                      "- a cycle lane in both directions, which the local cycling club had asked for",
                      "", "```", "span = 450 m", "lanes = 4", "```", "",
                      "Engineers said the bridge should now last another eighty years with normal maintenance."])
    md = clean(page, output="markdown").text
    assert "## What changed" in md and "- a new deck of steel" in md
    assert "```\nspan = 450 m\nlanes = 4\n```" in md                  # the fenced block, whole
    assert "Home" not in md and "Harbour bridge reopens" not in md       # furniture and the title stay out
    plain = clean(page).text
    assert "## " not in plain and "span = 450 m\nlanes = 4" in plain
    assert clean(HTML_PAGE, output="markdown").text == extract(HTML_PAGE, output="markdown").text
    with pytest.raises(errors.OptionsError):
        clean(page, output="html")


def test_html_given_to_clean_goes_the_html_path():
    r = clean(HTML_PAGE)
    assert r.title == "Harbour bridge reopens"
    assert "The harbour bridge reopened to traffic on Friday" in r.text
    assert "<" not in r.text and "Home" not in r.text and "Gazette" not in r.text
    assert r.text == extract(HTML_PAGE).text
    fragment = "\n".join(["<div class='post'>", "<h2>Harbour bridge reopens</h2>",
                          "<p>The harbour bridge reopened to traffic on Friday after two years of works.</p>",
                          "<p>Engineers replaced the deck and the cables of the old bridge.</p>", "</div>"])
    assert "<" not in clean(fragment).text and "Engineers replaced the deck" in clean(fragment).text
    assert "<p>" in clean(fragment, options=Options(markup="text")).text          # read as written


@pytest.mark.parametrize("text, html", [
    ("<?xml version='1.0'?>\n<!-- saved page -->\n<html lang='en'><body><p>x</p></body></html>", True),
    ("  <HEAD><title>t</title></HEAD>", True),
    ("<div><p>one</p><p>two</p><br><span>three</span></div>", True),
    ("<div><p>one</p></div> and text", False),                   # too few tags for a fragment
    ("< Back to overview\nA sentence of the article <b>with</b> <i>some</i> <em>inline</em> <a href=x>tags</a>.", False),
    ("Text first, then <p>tags</p> <p>in</p> <p>the</p> <p>middle</p>.", False),
    ("<<< Previous | Next >>>", False),
    # visible text with leftover markup at its top: its lines would run together as HTML
    ("<img src='a.gif'><img src='b.gif'>\n<noscript><img src='c.gif'></noscript><iframe src='x'></iframe>\n"
     "Home\nNews\nSport\nA headline\nA paragraph of the article.\nAnother paragraph.\nShare this", False),
])
def test_looks_like_html(text, html):
    from extractor.api import looks_like_html
    assert looks_like_html(text) is html


def test_no_bench_input_looks_like_html():
    """The dev inputs are visible text: none may go the HTML path (their outputs would change)."""
    from extractor.api import looks_like_html

    from .conftest import BENCH
    if not BENCH.exists():
        pytest.skip("bench not available")
    for f in sorted(BENCH.glob("*/*/*.txt")):
        if f.name != "gold.txt":
            assert not looks_like_html(f.read_text(encoding="utf-8")), f


def test_options_object():
    o = Options(mode="precision", language="EN ")
    assert o.mode is Mode.PRECISION and o.language == "en"
    with pytest.raises(errors.OptionsError):
        Options(max_bytes=0)
    assert clean(ARTICLE, options=o).mode == "precision"


def test_input_checks_count_as_the_regex_and_the_encoding_do():
    """check_text's fast counts: control and replacement characters as the regex over the
    sample counts them, UTF-8 size as the encoding measures it (tight limits included)."""
    import re

    from extractor.api import _bad_char_count, _utf8_size_over
    bad = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")
    rng = random.Random(7)
    alphabet = "ab \t\n\r\x0b\x0c\x00\x08\x0e\x1f\x7f\x85é€Ж中\ufffd\ud800\U0001F600"
    for _ in range(500):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        assert _bad_char_count(s) == len(bad.findall(s))
        size = len(s.encode("utf-8", "surrogatepass"))
        for limit in (0, 1, len(s), size - 1, size, size + 1, 4 * len(s)):
            assert _utf8_size_over(s, limit) == (size > limit)


def test_stats_equal_a_block_by_block_count():
    """pipeline.stats, keys and their order included, equals counting block by block."""
    from extractor.pipeline import stats
    from extractor.types import Block
    rng = random.Random(5)
    for _ in range(200):
        blocks = []
        for i in range(rng.randrange(0, 30)):
            b = Block(index=i, text="x" * rng.randrange(0, 50))
            b.label = rng.choice(["content", "boilerplate", "title", "byline", "date"])
            b.category = None if b.label == "content" else rng.choice([None, "nav", "share", "byline", "context"])
            blocks.append(b)
        by = {}
        for b in blocks:
            if not b.kept:
                c = by.setdefault(b.category or b.label, {"blocks": 0, "chars": 0})
                c["blocks"] += 1
                c["chars"] += len(b.text)
        want = {"blocks": len(blocks), "removed_blocks": sum(not b.kept for b in blocks),
                "chars": sum(len(b.text) for b in blocks),
                "removed_chars": sum(len(b.text) for b in blocks if not b.kept),
                "by_category": dict(sorted(by.items()))}
        got = stats(blocks)
        assert got == want and list(got) == list(want) and list(got["by_category"]) == list(want["by_category"])


FA_BODY = ["شورای شهر روز سه\u200cشنبه بودجه جدید کتابخانه\u200cهای عمومی را پس از ماه\u200cها بحث تصویب کرد.",
           "شهردار گفت این تصمیم کتاب\u200cهای بیشتر و ساعات کاری طولانی\u200cتری را برای همه محله\u200cها به همراه دارد.",
           "برخی از اعضای مخالف معتقدند که بودجه هنوز کافی نیست و برخی شعبه\u200cها ممکن است تعطیل شوند."]


def test_persian_text_keeps_its_zero_width_non_joiners():
    """The non-joiner is Persian spelling ('سه‌شنبه', Tuesday): the body comes back as written."""
    r = clean("\n".join(["خانه", "اخبار", "ورزش", "تماس با ما", *FA_BODY, "© ۲۰۲۴ کلیه حقوق محفوظ است."]))
    assert r.language == "fa"
    assert r.text == "\n".join(FA_BODY)
