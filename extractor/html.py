"""HTML -> blocks, page metadata and the main-content prior (the HTML path's front stage).

parse_blocks(html)   one selectolax (lexbor) parse, one iterative walk (no recursion: 10,000
                     nested elements are fine): script/style/template/svg/... and hidden elements
                     ([hidden], aria-hidden="true", style display:none / visibility:hidden) are
                     dropped; <noscript> only when the page has text without it. Each block-level
                     element (p, li, h1-h6, td/th, pre, blockquote, figcaption, div text...) gives
                     a Block with kind text|heading|list|table|code|quote and structural features
                     under `html_*` keys (see STRUCTURE_KEYS).
page_metadata(tree)  title, author, date, site name, canonical URL and <html lang> from the meta
                     tags and JSON-LD (cheap: no date guessing over the whole page).
main_prior(blocks, main_text)
                     html_main_share: whether a block is in trafilatura's main text
                     (include_comments=False). A block found verbatim claims one occurrence there
                     (longest first), so a summary, a "highlights" box or a pull quote repeating
                     a sentence of the body does not count twice; short blocks must come next
                     after the last match; the rest get the share of their word 4-grams in what
                     the verbatim blocks left over. html_in_main = share >= IN_MAIN_SHARE.

Class / id tokens: each element's class and id are split into lowercase tokens; a token names a
furniture kind (TOKEN_KINDS) by exact match, a long stem (STEM_KINDS) by substring. A block
records, per kind, the nearest ancestor element carrying it (`html_furniture`: {kind: element
id}), so that the decision stage can ignore a "furniture" wrapper that holds most of the article.
"""
from __future__ import annotations

import bisect
import json
import re
import unicodedata
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from .metadata import strip_site_name
from .segment import JOINERS
from .types import Block

# --- named defaults ------------------------------------------------------------------------------
SHORT_BLOCK_WORDS = 4        # blocks with fewer words are matched in order, near the last match
MAX_OCCURRENCES = 64         # occurrences of a block's text in the main text tried for a free one
SHORT_MATCH_WINDOW = 200     # characters of main text after the last match where a short block may sit
IN_MAIN_SHARE = 0.5           # a block with at least this share of its 4-grams in trafilatura's text
MAX_BLOCK_CHARS = 20_000      # a longer block is cut (a page of text in one <div> with no markup)
MAX_ATTR_CHARS = 2_000        # class / id / style values are read up to this length
META_MAX_CHARS = 500          # metadata values are cut to this length

SKIP_TAGS = frozenset({
    "script", "style", "template", "head", "svg", "math", "iframe", "object", "embed", "canvas",
    "select", "option", "textarea", "input", "button", "-comment", "link", "meta", "video", "audio",
    "map", "dialog",
})
BLOCK_TAGS = frozenset({
    "html", "body", "p", "div", "section", "article", "main", "header", "footer", "nav", "aside",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead",
    "tbody", "tfoot", "tr", "td", "th", "caption", "pre", "blockquote", "figure", "figcaption",
    "form", "fieldset", "legend", "address", "details", "summary", "hr", "center", "menu",
    "noscript", "picture", "hgroup", "search",
})
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
LANDMARK_TAGS = {"nav": "nav", "footer": "footer", "aside": "aside", "header": "header", "menu": "nav"}
LANDMARK_ROLES = {"navigation": "nav", "contentinfo": "footer", "complementary": "aside",
                  "banner": "header", "menu": "nav", "menubar": "nav", "search": "nav",
                  "dialog": "dialog", "alertdialog": "dialog"}
# class/id token -> furniture kind (whole-token match)
TOKEN_KINDS = {
    "nav": "nav", "navbar": "nav", "navigation": "nav", "menu": "nav", "menubar": "nav",
    "topbar": "nav", "toolbar": "nav", "pagination": "nav", "pager": "nav", "skip": "nav",
    "breadcrumb": "breadcrumb", "breadcrumbs": "breadcrumb", "crumbs": "breadcrumb",
    "footer": "footer", "foot": "footer", "colophon": "footer", "copyright": "footer",
    "share": "share", "sharing": "share", "sharebar": "share", "shares": "share", "addthis": "share",
    "sharethis": "share", "social": "social", "socials": "social", "follow": "social",
    "related": "related", "recommended": "related", "recommendations": "related", "more": "related",
    "trending": "related", "popular": "related", "outbrain": "related", "taboola": "related",
    "comment": "comment", "comments": "comment", "disqus": "comment", "discussion": "comment",
    "respond": "comment", "reply": "comment", "replies": "comment",
    "promo": "promo", "promotion": "promo", "sponsored": "promo", "partner": "promo",
    "ad": "ad", "ads": "ad", "advert": "ad", "adverts": "ad", "advertisement": "ad", "adsense": "ad",
    "dfp": "ad", "banner": "ad", "gpt": "ad", "adslot": "ad", "adunit": "ad",
    "newsletter": "newsletter", "subscribe": "newsletter", "subscription": "newsletter",
    "signup": "newsletter", "optin": "newsletter", "mailchimp": "newsletter",
    "cookie": "cookie", "cookies": "cookie", "consent": "cookie", "gdpr": "cookie",
    "sidebar": "sidebar", "widget": "sidebar", "widgets": "sidebar", "rail": "sidebar",
    "donate": "donate", "donation": "donate", "donations": "donate", "support": "donate",
    "paywall": "paywall", "piano": "paywall", "meter": "paywall", "premium": "paywall",
    "caption": "caption", "credit": "caption", "credits": "caption", "figcaption": "caption",
    "wp-caption-text": "caption",
}
# long, distinctive stems matched inside tokens (compounds such as "socialshare", "relatedposts")
STEM_KINDS = (
    ("breadcrumb", "breadcrumb"), ("newsletter", "newsletter"), ("related", "related"),
    ("sharing", "share"), ("sharebar", "share"), ("socialmedia", "social"), ("comment", "comment"),
    ("cookie", "cookie"), ("sidebar", "sidebar"), ("donat", "donate"), ("paywall", "paywall"),
    ("advert", "ad"), ("navigation", "nav"), ("navbar", "nav"), ("subscri", "newsletter"),
    ("promo", "promo"), ("caption", "caption"),
)
_STEM_KIND = dict(STEM_KINDS)
_STEM_RE = re.compile("|".join(re.escape(stem) for stem, _ in STEM_KINDS))
FURNITURE_KINDS = ("nav", "breadcrumb", "footer", "share", "social", "related", "comment", "promo", "ad",
                   "newsletter", "cookie", "sidebar", "donate", "paywall", "caption")
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WS = re.compile(r"\s+")
# dropped as in segment.py; the zero-width (non-)joiner stays (Persian and Indic spelling, emoji)
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WORD = re.compile(r"\w+")
_EXIT_A = object()




@dataclass(slots=True)
class _Ctx:
    """What a block-level element passes down to the text inside it."""
    tag: str
    eid: int                    # element id (walk order), for grouping and furniture containers
    depth: int
    kind: str                   # text | heading | list | table | code | quote
    level: int                  # heading level
    group: int                  # paragraph group: the list of an <li>, the table of a cell
    landmark: str | None
    role: str | None
    furniture: dict             # furniture kind -> eid of the nearest ancestor carrying it
    in_li: bool = False
    in_cell: bool = False
    header_cell: bool = False
    row: int = -1
    in_pre: bool = False
    in_form: bool = False


@dataclass
class Page:
    """The parsed page: blocks (features under html_* keys) and what the head says."""
    blocks: list[Block] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    elements: int = 0


_KINDS_CACHE: dict[str, frozenset] = {}
KINDS_CACHE_SIZE = 32768         # distinct class/id values remembered (cleared when full)


def class_kinds(value: str) -> frozenset:
    """Furniture kinds named by a class or id attribute value (cached: values repeat a lot)."""
    hit = _KINDS_CACHE.get(value)
    if hit is None:
        if len(_KINDS_CACHE) >= KINDS_CACHE_SIZE:
            _KINDS_CACHE.clear()
        hit = _KINDS_CACHE[value] = frozenset(_class_kinds(value))
    return hit


def _class_kinds(value: str) -> set[str]:
    value = value[:MAX_ATTR_CHARS]
    low = value.lower()
    if low != value:
        low = _CAMEL.sub("-", value).lower()
    kinds = {k for k in map(TOKEN_KINDS.get, _TOKEN_SPLIT.split(low)) if k}
    # stems inside longer tokens ("socialshare", "relatedposts"); every stem is 5+ characters
    kinds.update(_STEM_KIND[m] for m in _STEM_RE.findall(low))
    return kinds


def _clean_text(text: str) -> str:
    return _WS.sub(" ", text.translate(_ZERO_WIDTH)).strip(" " + JOINERS)


def _clean_pre(text: str) -> str:
    lines = [ln.rstrip() for ln in text.translate(_ZERO_WIDTH).replace("\r\n", "\n").split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def _is_hidden(attrs: dict) -> bool:
    if "hidden" in attrs:
        return True
    if (attrs.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = attrs.get("style")
    if not style:
        return False
    style = style[:MAX_ATTR_CHARS].lower()
    return ("none" in style or "hidden" in style) and bool(_HIDDEN_STYLE.search(style))


def _walk(root, blocks: list[Block], html_feats: list[dict], with_noscript: bool) -> int:
    """Iterative depth-first walk from `root`, appending blocks; returns the elements seen."""
    base = _Ctx("body", 0, 0, "text", 0, 0, None, None, {})
    buf: list[str] = []
    link_chars = 0
    in_a = 0
    cur = base
    n_elem = 0
    groups: dict[int, int] = {}

    def flush(ctx: _Ctx) -> None:
        nonlocal buf, link_chars
        if not buf:
            return
        raw = "".join(buf)
        text = _clean_pre(raw) if ctx.in_pre else _clean_text(raw)
        buf = []
        lc, link_chars = link_chars, 0
        if not text:
            return
        if len(text) > MAX_BLOCK_CHARS:
            text = text[:MAX_BLOCK_CHARS]
        para = groups.setdefault(ctx.group, len(groups))
        blocks.append(Block(index=len(blocks), text=text, para=para, kind=ctx.kind, level=ctx.level))
        f = {
            "html_tag": ctx.tag, "html_heading": ctx.level, "html_in_li": ctx.in_li,
            "html_in_table": ctx.in_cell, "html_header_cell": ctx.header_cell, "html_row": ctx.row,
            "html_link_density": min(lc / max(len(text), 1), 1.0), "html_depth": ctx.depth,
            "html_landmark": ctx.landmark, "html_role": ctx.role, "html_in_form": ctx.in_form,
            "html_furniture": ctx.furniture, "html_eid": ctx.eid,
        }
        for k in ctx.furniture:
            f["html_cls_" + k] = True
        html_feats.append(f)

    # stack items: a node to enter; a _Ctx (the parent's) when leaving a block element;
    # _EXIT_A when leaving a link
    stack: list = list(root.iter(include_text=True))
    stack.reverse()
    while stack:
        node = stack.pop()
        if type(node) is _Ctx:                      # leaving a block element
            if buf:
                flush(cur)
            cur = node
            continue
        if node is _EXIT_A:
            in_a -= 1
            continue
        tag = node.tag
        if tag == "-text":
            t = node.text_content
            if t and (buf or not t.isspace()):
                buf.append(t)
                if in_a:
                    link_chars += len(t.strip())
            continue
        if not tag or tag in SKIP_TAGS or (tag == "noscript" and not with_noscript) or tag[0] == "-":
            continue
        n_elem += 1
        attrs = node.attributes
        if attrs and _is_hidden(attrs):
            continue
        if tag == "br":
            if cur.in_pre:
                buf.append("\n")
            elif buf:
                flush(cur)
            continue
        if tag in ("img", "hr", "wbr"):
            if tag == "hr" and buf:
                flush(cur)
            continue
        children = list(node.iter(include_text=True))
        if tag not in BLOCK_TAGS or (cur.in_cell and tag not in ("td", "th", "tr", "table", "li", "pre")):
            # inline (or block markup inside a table cell: the cell stays one block)
            if tag == "a":
                in_a += 1
                stack.append(_EXIT_A)
            elif tag in BLOCK_TAGS:
                buf.append(" ")
            children.reverse()
            stack.extend(children)
            continue
        # a block-level element: close the running text, open a new context
        if buf:
            flush(cur)
        parent = cur
        eid = n_elem
        furniture = parent.furniture
        landmark, role = parent.landmark, parent.role
        if attrs:
            kinds = frozenset()
            v = attrs.get("class")
            if v:
                kinds = class_kinds(v)
            v = attrs.get("id")
            if v:
                kinds = kinds | class_kinds(v)
            r = attrs.get("role")
            if r:
                r = r.strip().lower()
                role = r
                if r in LANDMARK_ROLES:
                    landmark = LANDMARK_ROLES[r]
            if kinds:
                furniture = dict(furniture)
                for k in kinds:
                    furniture[k] = eid
        if tag in LANDMARK_TAGS:
            landmark = LANDMARK_TAGS[tag]
        if tag == "figcaption":
            furniture = {**furniture, "caption": eid}
        kind, level = parent.kind, parent.level
        group = eid
        ctx = _Ctx(tag, eid, parent.depth + 1, kind, level, group, landmark, role, furniture,
                   parent.in_li, parent.in_cell, parent.header_cell, parent.row, parent.in_pre,
                   parent.in_form)
        if tag in HEADINGS:
            ctx.kind, ctx.level = "heading", HEADINGS[tag]
        elif tag == "pre":
            ctx.kind, ctx.in_pre = "code", True
        elif ctx.kind in ("code", "heading"):
            pass
        elif tag in ("td", "th"):
            ctx.kind, ctx.in_cell, ctx.header_cell = "table", True, tag == "th"
            ctx.group = parent.group
        elif tag == "tr":
            ctx.row = eid
            ctx.group = parent.group
        elif tag in ("table", "thead", "tbody", "tfoot"):
            ctx.group = parent.group if tag != "table" else eid
        elif tag in ("li", "dt", "dd"):
            ctx.kind, ctx.in_li = "list", True
            ctx.group = parent.eid if parent.tag in ("ul", "ol", "dl", "menu") else eid
        elif tag == "blockquote":
            ctx.kind = "quote"
        if tag == "form":
            ctx.in_form = True
        if ctx.in_li and tag not in ("li", "dt", "dd", "ul", "ol", "dl"):
            ctx.group = parent.group
        stack.append(parent)                         # exit marker: restore the parent context
        children.reverse()
        stack.extend(children)
        cur = ctx
    flush(cur)
    return n_elem


def parse_blocks(tree: LexborHTMLParser) -> Page:
    """The page's blocks, with html_* features in a parallel list (see html_features)."""
    page = Page()
    root = tree.body or tree.root
    if root is None:
        return page
    feats: list[dict] = []
    page.elements = _walk(root, page.blocks, feats, with_noscript=False)
    if not page.blocks:                           # a page whose only content is in <noscript>
        feats = []
        page.elements = _walk(root, page.blocks, feats, with_noscript=True)
    page.meta["html_features"] = feats
    return page


# --- the main-content prior --------------------------------------------------------------------

_JOINERS = dict.fromkeys(map(ord, JOINERS), None)


def _tokens(text: str) -> list[str]:
    """The words of a text for matching blocks to the main text: casefolded, without zero-width
    (non-)joiners, which trafilatura's text leaves out ("سه‌شنبه" there is "سهشنبه")."""
    return _WORD.findall(text.casefold().translate(_JOINERS))


def _free_occurrence(joined: str, key: str, claimed: list, start: int) -> tuple[int, int] | None:
    """The first occurrence of `key` in `joined` from `start` that overlaps no claimed span."""
    at = joined.find(key, start)
    tries = 0
    while at >= 0 and tries < MAX_OCCURRENCES:
        e = at + len(key) - 1
        k = bisect.bisect_left(claimed, (at, -1))
        if (k == 0 or claimed[k - 1][1] <= at) and (k == len(claimed) or claimed[k][0] >= e):
            return at, e
        at = joined.find(key, at + 1)
        tries += 1
    return None


def main_prior(blocks: list[Block], feats: list[dict], main_text: str | None) -> float:
    """Set html_main_share and html_in_main on each block's html feature dict.

    Blocks of 4 or more words: 1.0 when found verbatim (as a run of words) at an occurrence in
    `main_text` that no longer block claimed, else the share of their word 4-grams in the text
    that verbatim blocks did not claim. Shorter blocks: 1.0 when they come next after the last
    match and equal a whole line of `main_text` (or, in a table cell, list item, heading or
    code, appear as a run of words there), else 0.
    Returns the coverage: the words of the in-main blocks over the words of `main_text`.
    """
    if not main_text:
        for f in feats:
            f["html_main_share"], f["html_in_main"] = 0.0, False
        return 0.0
    line_keys = {" ".join(_tokens(ln)) for ln in main_text.splitlines()}
    joined = " " + " ".join(_tokens(main_text)) + " "
    toks_of = [_tokens(b.text) for b in blocks]
    # 1. Blocks of SHORT_BLOCK_WORDS or more words found verbatim claim an occurrence in the main
    #    text, longest first (later blocks first among equals: a standfirst or a "highlights" box
    #    that repeats a sentence comes before the body that has it). A block left without a free
    #    occurrence repeats text that another block already accounts for: it is not the main text.
    spans: dict[int, tuple[int, int]] = {}
    fuzzy: list[int] = []
    verbatim: list[tuple[int, int, str]] = []
    for i, bt in enumerate(toks_of):
        if len(bt) >= SHORT_BLOCK_WORDS:
            key = " " + " ".join(bt) + " "
            if key in joined:
                verbatim.append((-len(key), -i, key))
            else:
                fuzzy.append(i)
    claimed: list[tuple[int, int]] = []          # sorted, non-overlapping
    claimed_blocks: list[int] = []                # sorted indices of the blocks with a claim
    for _neg, neg_i, key in sorted(verbatim):
        i = -neg_i
        # a repeated text: the first free occurrence after the claim of the block before it
        k = bisect.bisect_left(claimed_blocks, i)
        anchor = spans[claimed_blocks[k - 1]][1] if k else 0
        got = _free_occurrence(joined, key, claimed, anchor)
        if got is None and anchor:
            got = _free_occurrence(joined, key, claimed, 0)
        if got is not None:
            bisect.insort(claimed, got)
            bisect.insort(claimed_blocks, i)
            spans[i] = got
    # 2. In page order: short blocks (a heading, a list item, a cell) must come next after the
    #    last match in the main text.
    pos = 0                     # where the last matched block ended in `joined`
    for i, (b, f) in enumerate(zip(blocks, feats)):
        bt = toks_of[i]
        n = len(bt)
        share = 0.0
        if n >= SHORT_BLOCK_WORDS:
            sp = spans.get(i)
            if sp is not None:
                share = 1.0
                if sp[0] >= pos:
                    pos = sp[1]
        elif n:
            key = " " + " ".join(bt) + " "
            at = joined.find(key, pos, pos + SHORT_MATCH_WINDOW + len(key))
            if at >= 0 and (key[1:-1] in line_keys or (pos > 0 and (
                    f["html_in_table"] or f["html_in_li"] or b.kind in ("heading", "code")))):
                share = 1.0
                pos = at + len(key) - 1
        f["html_main_share"] = share
    if fuzzy:
        # Blocks that are not verbatim in the main text (markup split or joined its lines): the
        # share of their 4-grams in what the verbatim blocks left over, so that a summary or a
        # teaser that repeats the article's sentences does not count as the article.
        parts, last = [], 0
        for s, e in claimed:
            if s > last:
                parts.append(joined[last:s])
            last = max(last, e)
        parts.append(joined[last:])
        grams = set()
        for part in parts:
            toks = part.split()
            grams.update(tuple(toks[i:i + 4]) for i in range(len(toks) - 3))
        for i in fuzzy:
            bt = toks_of[i]
            n = len(bt)
            feats[i]["html_main_share"] = sum(tuple(bt[j:j + 4]) in grams for j in range(n - 3)) / (n - 3)
    covered = 0
    for bt, f in zip(toks_of, feats):
        f["html_in_main"] = f["html_main_share"] >= IN_MAIN_SHARE
        if f["html_in_main"]:
            covered += len(bt)
    return covered / max(joined.count(" ") - 1, 1)


# --- page metadata ---------------------------------------------------------------------------

_LANG_CODE = re.compile(r"^[a-z]{2,3}$")


def _meta_value(text: str | None) -> str | None:
    if not text:
        return None
    v = _clean_text(unicodedata.normalize("NFC", text))[:META_MAX_CHARS]
    return v or None


def language_hint(value: str | None) -> str | None:
    """'en-US' -> 'en', 'zh_Hant' -> 'zh'; None for anything that is not a language code."""
    if not value:
        return None
    code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return code if _LANG_CODE.match(code) and code not in ("und", "mul", "xx", "zxx") else None


def _ld_items(tree: LexborHTMLParser) -> list[dict]:
    items: list[dict] = []
    for node in tree.css('script[type="application/ld+json"]'):
        raw = node.text(deep=True) or ""
        if not raw.strip() or len(raw) > 500_000:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        todo = [data]
        while todo and len(items) < 50:
            d = todo.pop()
            if isinstance(d, list):
                todo.extend(d[:50])
            elif isinstance(d, dict):
                items.append(d)
                g = d.get("@graph")
                if isinstance(g, list):
                    todo.extend(g[:50])
    return items


def _ld_name(v) -> str | None:
    if isinstance(v, str):
        return v
    if isinstance(v, dict):
        n = v.get("name")
        return n if isinstance(n, str) else None
    if isinstance(v, list):
        names = [n for n in (_ld_name(x) for x in v[:10]) if n]
        return ", ".join(names) if names else None
    return None


ARTICLE_TYPES = ("Article", "NewsArticle", "BlogPosting", "Report", "ScholarlyArticle", "TechArticle",
                 "WebPage", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle")


def page_metadata(tree: LexborHTMLParser) -> dict:
    """title, authors/byline, date, site_name, url (canonical) and language_hint from the head."""
    m: dict[str, str] = {}
    for node in tree.css("meta"):
        a = node.attributes
        key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
        val = a.get("content")
        if key and val and key not in m:
            m[key] = val
    out: dict = {}
    ld = [d for d in _ld_items(tree) if any(t in str(d.get("@type", "")) for t in ARTICLE_TYPES)]
    site = _meta_value(m.get("og:site_name") or m.get("application-name"))
    title_tag = tree.css_first("title")
    raw_title = _meta_value(m.get("og:title") or m.get("twitter:title")
                            or next((d.get("headline") for d in ld if isinstance(d.get("headline"), str)), None)
                            or (title_tag.text() if title_tag is not None else None))
    h1 = tree.css_first("h1")
    h1_text = _meta_value(h1.text(deep=True)) if h1 is not None else None
    if raw_title:
        title = strip_site_name(raw_title, site)
        # the page's own headline wins when it is the title without decoration
        if h1_text and h1_text.casefold() in raw_title.casefold() and len(h1_text) >= 0.5 * len(title):
            title = h1_text
        out["title"] = title
    elif h1_text:
        out["title"] = h1_text
    author = m.get("author") or m.get("article:author") or m.get("dc.creator") or m.get("sailthru.author")
    if not author:
        author = next((_ld_name(d.get("author")) for d in ld if d.get("author")), None)
    author = _meta_value(author)
    if author and not author.startswith(("http://", "https://")):
        out["byline"] = author
        out["authors"] = tuple(a.strip() for a in re.split(r",| and | & ", author) if a.strip())[:10]
    date = (m.get("article:published_time") or m.get("datepublished") or m.get("date")
            or m.get("dc.date") or m.get("dc.date.issued") or m.get("pubdate") or m.get("publishdate")
            or next((d.get("datePublished") for d in ld if isinstance(d.get("datePublished"), str)), None))
    if not date:
        t = tree.css_first("time[datetime]")
        date = t.attributes.get("datetime") if t is not None else None
    if _meta_value(date):
        out["date"] = _meta_value(date)
    if site:
        out["site_name"] = site
    canon = tree.css_first('link[rel="canonical"]')
    href = canon.attributes.get("href") if canon is not None else None
    if not href:
        href = m.get("og:url")
    if href and href.strip().startswith(("http://", "https://")):
        out["url"] = href.strip()[:META_MAX_CHARS]
    html = tree.css_first("html")
    lang = language_hint(html.attributes.get("lang") or html.attributes.get("xml:lang")) if html is not None else None
    lang = lang or language_hint(m.get("og:locale") or m.get("content-language") or m.get("language"))
    if lang:
        out["language_hint"] = lang
    return out
