"""The HTML path: extract() on synthetic pages; blocks, structure, furniture, markdown, hostile input."""
import pytest

from extractor import errors
from extractor.html import class_kinds, language_hint, parse_blocks
from extractor.htmlapi import extract
from selectolax.lexbor import LexborHTMLParser

BODY = [
    "The city council voted on Tuesday to approve a new budget for public libraries, ending a debate "
    "that had lasted for most of the year and divided residents across several neighbourhoods.",
    "Supporters of the plan said that the extra money would allow branches to stay open in the "
    "evenings and on weekends, when most working families have the time to visit them.",
    "Opponents argued that the council should have spent the money on roads instead, but their "
    "amendment was defeated by a wide margin after a long and sometimes heated discussion.",
    "The new opening hours will take effect in the spring, and the first branches to extend their "
    "hours will be the ones in the districts with the highest number of registered readers.",
]
TITLE = "Council approves library budget after long debate"


def article_page(extra_in_article: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return f"""<!doctype html><html lang="en"><head><title>{TITLE} | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://news.example.org/council-library-budget"></head>
<body>
<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="breadcrumbs"><a href="/">Home</a> › <a href="/local">Local</a></div>
<main><article>
<h1>{TITLE}</h1>
{paras}
<ul><li>Monday to Friday: 9am to 8pm</li><li>Saturday and Sunday: 10am to 6pm</li></ul>
<table><tr><th>District</th><th>Hours</th></tr><tr><td>North</td><td>60</td></tr></table>
<pre>budget = 1_200_000
print(budget)</pre>
{extra_in_article}
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
<div class="donate-box"><p>Support independent local journalism. Make a donation to keep our reporting free for everyone.</p></div>
<aside class="related-articles"><h3>Related stories</h3><ul>
<li><a href="/a">Library opens new reading room in the northern district</a></li>
<li><a href="/b">Budget talks stall over road repairs and school funding</a></li></ul></aside>
</article></main>
<div class="newsletter-signup"><p>Get the best local stories in your inbox every morning. Sign up for our newsletter.</p></div>
<footer><p>© 2024 The Daily Example. All rights reserved.</p><p><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p></footer>
<script>var tracking = "Council approves";</script><style>p {{ color: red }}</style>
</body></html>"""


@pytest.fixture(scope="module")
def result():
    return extract(article_page(), url="https://news.example.org/council-library-budget")


def test_body_is_kept(result):
    for p in BODY:
        assert p in result.text


def test_lists_tables_code_of_the_article_are_kept(result):
    assert "Saturday and Sunday: 10am to 6pm" in result.text
    assert "District" in result.text and "North" in result.text
    assert "print(budget)" in result.text


def test_title_is_metadata_not_body(result):
    assert result.title == TITLE
    assert TITLE not in result.text


def test_metadata(result):
    assert result.site_name == "The Daily Example"
    assert result.byline == "Jane Doe" and result.authors == ("Jane Doe",)
    assert result.date.startswith("2024-03-05")
    assert result.language == "en"
    assert result.url == "https://news.example.org/council-library-budget"


def test_script_and_style_never_become_blocks(result):
    assert not any("tracking" in b.text or "color: red" in b.text for b in result.blocks)


@pytest.mark.parametrize("needle,categories", [
    ("World", {"nav"}),
    ("Share on Facebook", {"share"}),
    ("Make a donation", {"donation"}),
    ("Library opens new reading room", {"related"}),
    ("Sign up for our newsletter", {"newsletter"}),
    ("All rights reserved", {"footer", "license"}),
])
def test_furniture_is_removed_with_a_category(result, needle, categories):
    blocks = [b for b in result.blocks if needle in b.text]
    assert blocks, needle
    for b in blocks:
        assert not b.kept and b.reason, (needle, b.label, b.reason)
        assert b.category in categories, (needle, b.category, b.reason)
    assert needle not in result.text


def test_html_features_on_blocks(result):
    b = next(b for b in result.blocks if b.text == BODY[0])
    f = b.features
    assert f["html_tag"] == "p" and f["html_in_main"] and f["html_link_density"] == 0.0
    nav = next(b for b in result.blocks if b.text == "World")
    assert nav.features["html_landmark"] == "nav" and nav.features["html_in_li"]
    assert nav.features["html_link_density"] == 1.0
    cell = next(b for b in result.blocks if b.text == "North")
    assert cell.kind == "table" and cell.features["html_in_table"]


def test_markdown_output():
    r = extract(article_page(extra_in_article="<h2>What happens next</h2><blockquote>We are delighted.</blockquote>"),
                output="markdown")
    md = r.text
    assert "## What happens next" in md
    assert "- Monday to Friday: 9am to 8pm" in md
    assert "| District | Hours |" in md and "| --- | --- |" in md and "| North | 60 |" in md
    assert "```\nbudget = 1_200_000\nprint(budget)\n```" in md
    assert "> We are delighted." in md
    assert BODY[1] in md
    assert TITLE not in md


def test_bad_output_option():
    with pytest.raises(errors.OptionsError):
        extract(article_page(), output="pdf")


def test_bytes_with_meta_charset():
    html = article_page().replace("<head>", '<head><meta charset="windows-1251">').replace(
        BODY[0], "Городской совет утвердил бюджет библиотек после долгих споров, которые длились почти год.")
    r = extract(html.encode("cp1251"))
    assert "Городской совет утвердил бюджет" in r.text


def test_broken_html():
    html = "<html><body><div><p>" + BODY[0] + "<p>" + BODY[1] + "</span></div></b><table><td>x" + "<p>" + BODY[2]
    r = extract(html)
    assert BODY[0] in r.text and BODY[2] in r.text


def test_deep_nesting_does_not_recurse():
    html = "<html><body>" + "<div>" * 10_000 + "<p>" + BODY[0] + "</p>" + "</div>" * 10_000 + "</body></html>"
    r = extract(html)
    assert isinstance(r.text, str)
    page = parse_blocks(LexborHTMLParser(html))
    assert any(BODY[0] in b.text for b in page.blocks)


def test_huge_attributes():
    big = "x" * 1_000_000
    html = f'<html><body><div class="{big}" id="{big}" style="{big}"><p>{BODY[0]}</p><p>{BODY[1]}</p></div></body></html>'
    r = extract(html)
    assert BODY[0] in r.text


def test_hidden_elements_are_dropped():
    html = ("<html><body><article>" + "".join(f"<p>{p}</p>" for p in BODY)
            + '<p hidden>Hidden paragraph one that must never show up in the output at all.</p>'
            + '<p aria-hidden="true">Hidden paragraph two that must never show up in the output.</p>'
            + '<div style="display: none"><p>Hidden paragraph three that must never show up.</p></div>'
            + "</article></body></html>")
    page = parse_blocks(LexborHTMLParser(html))
    assert not any("Hidden" in b.text for b in page.blocks)


def test_noscript_only_content_is_used():
    html = "<html><body><noscript><p>" + BODY[0] + "</p><p>" + BODY[1] + "</p></noscript></body></html>"
    page = parse_blocks(LexborHTMLParser(html))
    assert any(BODY[0] in b.text for b in page.blocks)
    html2 = "<html><body><p>" + BODY[0] + "</p><noscript><p>Please enable JavaScript to view this.</p></noscript></body></html>"
    page2 = parse_blocks(LexborHTMLParser(html2))
    assert not any("JavaScript" in b.text for b in page2.blocks)


def test_binary_garbage_is_a_clear_error_or_text():
    import random
    rnd = random.Random(3)
    data = bytes(rnd.randrange(256) for _ in range(20_000))
    try:
        r = extract(data)
        assert isinstance(r.text, str)
    except errors.InputError:
        pass


def test_nul_bytes_and_control_characters():
    with pytest.raises(errors.BinaryInputError):
        extract("\x00\x01\x02\x03" * 1000)


def test_wrong_types_and_empty():
    with pytest.raises(errors.InputTypeError):
        extract(12345)
    with pytest.raises(errors.EmptyInputError):
        extract("   ")
    r = extract("<html><body></body></html>")
    assert r.text == ""


def test_too_large():
    from extractor.options import Options
    with pytest.raises(errors.InputTooLargeError):
        extract(b"<p>x</p>" * 100, options=Options(max_bytes=100))


def test_deterministic():
    a = extract(article_page())
    b = extract(article_page())
    assert a.text == b.text and [x.reason for x in a.blocks] == [x.reason for x in b.blocks]


def test_helpers():
    assert class_kinds("post-share socialShare") >= {"share"}
    assert "ad" in class_kinds("ad-slot") and "ad" not in class_kinds("header shadow download")
    assert language_hint("en-US") == "en" and language_hint("zh_Hant") == "zh" and language_hint("x") is None


# --- the main-content prior, link-dense lines, orphan headings --------------------------------

def _prior(html: str, main_text: str) -> list[tuple[str, bool]]:
    from extractor.html import main_prior
    page = parse_blocks(LexborHTMLParser(html))
    feats = page.meta["html_features"]
    main_prior(page.blocks, feats, main_text)
    return [(b.text, f["html_in_main"]) for b, f in zip(page.blocks, feats)]


def test_prior_a_summary_repeating_a_body_sentence_is_not_main():
    # a "key points" box repeats the first sentence; the main text has that sentence once
    html = (f"<div class='summary'><ul><li>{BODY[0]}</li></ul></div>"
            + "".join(f"<p>{p}</p>" for p in BODY))
    got = _prior(html, "\n".join(BODY))
    assert [m for _t, m in got] == [False, True, True, True, True]


def test_prior_a_teaser_made_of_title_and_lede_is_not_main():
    lede = BODY[0][:120] + "..."
    html = (f"<ul><li><a href='/x'>{TITLE}</a> {lede}</li></ul><h2>{TITLE}</h2>"
            + "".join(f"<p>{p}</p>" for p in BODY))
    got = _prior(html, TITLE + "\n" + "\n".join(BODY))
    assert got[0] == (f"{TITLE} {lede}", False)
    assert all(m for _t, m in got[1:])


def test_prior_repeated_lines_are_matched_in_order():
    # a recipe-like page where the same short line repeats under each heading
    html = "".join(f"<h3>Meal {i}</h3><p>Eat every two to three hours</p><p>{BODY[i]}</p>" for i in range(3))
    main = "\n".join(f"Meal {i}\nEat every two to three hours\n{BODY[i]}" for i in range(3))
    assert all(m for _t, m in _prior(html, main))


def test_links_shown_as_addresses_and_table_cells_are_not_link_dense():
    extra = ("<p>Source: </p><p><a href='https://example.org/report.pdf'>https://example.org/report.pdf</a></p>"
             "<table><tr><th>Product</th><th>Price</th></tr>"
             "<tr><td><a href='/p/1'>Reading lamp deluxe</a></td><td>$20</td></tr></table>")
    r = extract(article_page(extra))
    assert "https://example.org/report.pdf" in r.text
    assert "Reading lamp deluxe" in r.text


def test_a_heading_whose_section_was_removed_goes_too():
    extra = ("<h2>Elsewhere in the city</h2><ul>"
             "<li><a href='/c'>Mayor opens a new bridge over the river</a></li>"
             "<li><a href='/d'>School board elects a new chair</a></li></ul>")
    r = extract(article_page(extra))
    if "Mayor opens a new bridge" not in r.text:          # the links went: so did their heading
        assert "Elsewhere in the city" not in r.text
        b = next(b for b in r.blocks if b.text == "Elsewhere in the city")
        assert b.reason == "html.orphan_heading"
    for p in BODY:
        assert p in r.text


def test_teaser_class_is_not_furniture():
    # German CMSs call the article's lede "teaser" (class="article-teaser")
    assert "promo" not in class_kinds("article-teaser")
    assert class_kinds("relatedArticles") >= {"related"} and class_kinds("socialShareBar") >= {"share"}


def test_warm_up_and_a_language_without_packs():
    from extractor.htmlapi import warm_up
    warm_up()
    html = ("<html lang='nl'><body><article>"
            + "".join(f"<p>{p}</p>" for p in BODY) + "</article></body></html>")
    r = extract(html)
    assert r.language == "nl" and BODY[0] in r.text


def _blk(i, text, kind="text", para=None, in_main=True, ld=0.0, furniture=None, landmark=None):
    from extractor.types import Block
    b = Block(index=i, text=text, para=i if para is None else para, kind=kind)
    f = {"html_in_main": in_main, "html_link_density": ld, "html_furniture": furniture or {},
         "html_landmark": landmark, "html_in_table": False, "words": len(text.split())}
    return b, f


def test_gap_list_between_main_blocks_is_marked():
    """A whole list the prior left out between two of its paragraphs is the article's."""
    from extractor.htmlapi import mark_gap_lists
    rows = [_blk(0, BODY[0]), _blk(1, "How severe is it?", "list", para=9, in_main=False),
            _blk(2, "Who can catch it?", "list", para=9, in_main=False), _blk(3, BODY[1]),
            _blk(4, "Related one", "list", para=7, in_main=False, ld=1.0), _blk(5, BODY[2]),
            _blk(6, "Share this", "list", para=8, in_main=False, furniture={"share": 40}), _blk(7, BODY[3]),
            _blk(8, "Trailing item", "list", para=6, in_main=False)]
    blocks, feats = [b for b, _ in rows], [f for _, f in rows]
    mark_gap_lists(blocks, feats, valid={40})
    assert [i for i, f in enumerate(feats) if f.get("html_gap_list")] == [1, 2]


def test_link_dense_spares_list_items_and_cells():
    from extractor.htmlapi import _link_dense
    b, f = _blk(0, "Read more: the budget vote", ld=1.0)
    assert _link_dense(b, f)
    b, f = _blk(0, "Read more: the budget vote", "list", ld=1.0)
    assert not _link_dense(b, f)


def test_html_text_keeps_zero_width_non_joiners():
    """A Persian page: the non-joiners of its words ('سه‌شنبه', Tuesday) stay in the text."""
    from .test_api import FA_BODY
    paras = "".join(f"<p>{p}</p>" for p in FA_BODY)
    html = (f'<html lang="fa" dir="rtl"><head><title>بودجه کتابخانه‌ها</title></head><body>'
            f'<nav><a href="/">خانه</a> <a href="/news">اخبار</a></nav><article><h1>بودجه کتابخانه‌ها</h1>{paras}'
            f'</article><footer>© ۲۰۲۴ کلیه حقوق محفوظ است.</footer></body></html>')
    r = extract(html)
    assert all(p in r.text for p in FA_BODY), r.text
