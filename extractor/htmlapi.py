"""extract(): the HTML path's public entry point.

    page bytes --encoding.decode_html--> str --selectolax--> blocks (html.parse_blocks)
                                             --trafilatura--> main text (the prior)
    HTML_STAGES = [language, features, html_merge, rules, classify, html_decide,
                   html_metadata, html_duplicates, html_orphans, assemble]

The shared stages (pipeline.py) run unchanged; the HTML stages are:
  html_merge     puts the structural features (html_*) and the main-content prior back on each
                 block after the features stage (which rebuilds block.features);
  html_decide    takes the place of the text path's `context` stage: rule decisions are final;
                 a block inside trafilatura's main text is kept unless it sits in a furniture
                 container (class/id token, figcaption, landmark) that is not the article's own
                 wrapper; a block outside it goes (`html.outside_main`, or the furniture kind's
                 reason), unless it is a long, stopword-rich, link-free paragraph inside the
                 article's stretch of the page (`html.rescued`). Without a prior (trafilatura
                 found nothing or failed) the text path's `context` stage decides, and structure
                 removes landmarks and furniture containers.
  html_metadata  the page's own metadata (meta tags, JSON-LD, <title>, <h1>) first; then bylines
                 and dates the rule packs labelled; the headline block is labelled "title" (an
                 <h1> close to the title too: the headline never stays in the body).
  html_duplicates  teasers only (exact repeats inside the main text are the page's own).
  html_orphans   a kept heading whose whole section was removed (the "Related stories" over a
                 removed link list) goes too.
Inside the main text, a mostly-link line goes (`html.link_dense`) unless it is a table cell, a
list item or a link shown as its own address (a source, a reference). Outside it, a whole list
that sits between two blocks of the main text, with few links and no furniture, is kept
(`html.gap_list`: the prior's fast mode sometimes drops a list inside the article).
Only the blocks of the main text and the paragraphs near it that could be rescued go through
the shared stages; the rest of the page is decided by structure (decide_outside) and joins
Result.blocks afterwards, so every block of the page is reported with a reason.
"""
from __future__ import annotations

import dataclasses
import re

from selectolax.lexbor import LexborHTMLParser

from . import context as _context
from . import rules as _rulepacks
from . import html as _html
from . import markdown as _markdown
from . import pipeline
from .api import make_options
from .context import dup_key
from .encoding import decode_html
from .errors import BinaryInputError, EmptyInputError, InputTooLargeError, InputTypeError
from .options import Mode, Options, check_output
from .pipeline import Document
from .segment import segment
from .types import BOILERPLATE, BYLINE, CONTENT, DATE, TITLE, Block, Result

TRAFILATURA_FAST = True          # the prior without trafilatura's own fallback extractors...
PRIOR_RETRY_CHARS = 1000         # ...unless that finds less text than this...
RETRY_MISSED_SHARE = 2.0         # ...and the long link-free paragraphs it left out are this many times more
CANDIDATE_WINDOW = 12            # blocks around the main text that go through the shared stages
BINARY_SAMPLE_CHARS = 20_000     # characters checked for control / replacement characters
# A furniture container holding at least this share of the main text's characters is the
# article's own wrapper (class="post has-comments"), not furniture.
FURNITURE_MAX_MAIN_SHARE = 0.35
# Rescue of blocks trafilatura left out: long paragraphs, few links, near the main text.
RESCUE_MAX_LINK_DENSITY = 0.1
RESCUE_MIN_CHARS = 150          # shorter blocks are never rescued (jusText's "good" starts at 200)
RESCUE_WINDOW = 3                # blocks beyond the first / last main block that may be rescued
GAP_LIST_MAX_ITEMS = 12          # a list the prior left out between two of its blocks: at most this many items
# Furniture kinds removed even inside trafilatura's main text, with their category.
KIND_CATEGORY = {
    "nav": "nav", "breadcrumb": "nav", "footer": "footer", "share": "share", "social": "share",
    "related": "related", "comment": "comments", "promo": "promo", "ad": "ads",
    "newsletter": "newsletter", "cookie": "cookie", "sidebar": "sidebar", "donate": "donation",
    "paywall": "paywall", "caption": "caption",
}
INSIDE_MAIN_KINDS = ("share", "social", "related", "comment", "promo", "ad", "newsletter", "cookie",
                     "donate", "paywall", "nav", "breadcrumb")
OUTSIDE_KIND_ORDER = ("nav", "breadcrumb", "footer", "share", "social", "related", "comment", "promo",
                      "ad", "newsletter", "cookie", "sidebar", "donate", "paywall", "caption")
LANDMARK_CATEGORY = {"nav": "nav", "footer": "footer", "aside": "sidebar", "dialog": "promo"}
# A block inside the main text that is mostly link text ("Read more: ...", a related headline).
LINK_DENSE = 0.7
LINK_DENSE_MAX_WORDS = 40
ORPHAN_MAX_WORDS = 12            # a heading of at most this many words may label a section
TITLE_H1_OVERLAP = 0.6           # an <h1> sharing this share of its words with the title is the headline
HTML_SCORE_WEIGHT = 0.8
# When the blocks matching trafilatura's text hold less than this share of it, the page keeps its
# text where the walk does not look (scripts, templates, hidden or odd markup): the prior's own
# text becomes the blocks.
PRIOR_MIN_COVERAGE = 0.5          # block.score = this * main share + (1 - this) * text score


# --- stages -----------------------------------------------------------------------------------

def html_merge(doc: Document) -> None:
    for b, f in zip(doc.blocks, doc.meta["html_features"]):
        b.features.update(f)


def _valid_furniture(blocks: list[Block]) -> set[int]:
    """Element ids of furniture containers that do not hold the bulk of the main text."""
    total = sum(len(b.text) for b in blocks if b.features.get("html_in_main"))
    held: dict[int, int] = {}
    for b in blocks:
        if b.features.get("html_in_main"):
            for eid in set(b.features["html_furniture"].values()):
                held[eid] = held.get(eid, 0) + len(b.text)
    ids = {eid for b in blocks for eid in b.features["html_furniture"].values()}
    limit = FURNITURE_MAX_MAIN_SHARE * total
    return {eid for eid in ids if not total or held.get(eid, 0) < limit}


def _furniture_kind(b: Block, valid: set[int], kinds) -> str | None:
    fur = b.features["html_furniture"]
    for k in kinds:
        eid = fur.get(k)
        if eid is not None and eid in valid:
            return k
    return None


def html_decide(doc: Document) -> None:
    blocks = doc.blocks
    valid = _valid_furniture(blocks)
    has_prior = doc.meta.get("html_has_prior", False)
    if not has_prior:
        pipeline.context(doc)
    main_idx = [b.index for b in blocks if b.features.get("html_in_main")]
    lo = (main_idx[0] - RESCUE_WINDOW) if main_idx else 0
    hi = (main_idx[-1] + RESCUE_WINDOW) if main_idx else -1
    for pos, b in enumerate(blocks):
        f = b.features
        share = f.get("html_main_share", 0.0)
        if has_prior:
            b.score = HTML_SCORE_WEIGHT * share + (1 - HTML_SCORE_WEIGHT) * b.score
        if b.hits:
            continue                                     # rule decisions are final
        landmark = f.get("html_landmark")
        if not has_prior:
            kind = _furniture_kind(b, valid, OUTSIDE_KIND_ORDER)
            if b.kept and kind in INSIDE_MAIN_KINDS:
                b.decide(BOILERPLATE, KIND_CATEGORY[kind], f"html.{kind}")
            elif b.kept and landmark in LANDMARK_CATEGORY and landmark != "aside":
                b.decide(BOILERPLATE, LANDMARK_CATEGORY[landmark], f"html.landmark_{landmark}")
            continue
        if f.get("html_in_main"):
            kind = _furniture_kind(b, valid, INSIDE_MAIN_KINDS)
            if kind:
                b.decide(BOILERPLATE, KIND_CATEGORY[kind], f"html.{kind}")
            elif _link_dense(b, f):
                b.decide(BOILERPLATE, "related", "html.link_dense")
            else:
                b.decide(CONTENT, None, None)
            continue
        kind = _furniture_kind(b, valid, OUTSIDE_KIND_ORDER)
        if f.get("html_gap_list"):
            b.decide(CONTENT, None, "html.gap_list")
        elif kind is None and lo <= b.index <= hi and f.get("jt") == "good" and _rescuable(b, f, valid):
            b.decide(CONTENT, None, "html.rescued")
        else:
            _decide_furniture(b, kind, landmark)
    if has_prior and main_idx and not any(b.kept for b in blocks):
        # never empty where trafilatura found text: fall back to its main text
        for b in blocks:
            if b.features.get("html_in_main") and b.label == BOILERPLATE:
                b.decide(CONTENT, None, "html.main_fallback")
    kept = [i for i, b in enumerate(blocks) if b.kept]
    doc.spans = [(kept[0], kept[-1] + 1)] if kept else []
    doc.body_start = kept[0] if kept else 0


_ADDRESS = re.compile(r"^(?:\[\d{1,3}\]\s*)?(?:https?://|www\.|[\w.+-]+@[\w-]+\.)\S+$", re.I)


def _link_dense(b: Block, f: dict) -> bool:
    """Mostly link text inside the main text: a "Read more" line, a related headline. Not a
    table cell (data that links), a list item (the prior already weighed the list's links: what
    it kept of a list is the article's) nor a link shown as its own address (a reference, a
    source)."""
    return (f["html_link_density"] >= LINK_DENSE and f["words"] <= LINK_DENSE_MAX_WORDS
            and b.kind not in ("code", "list") and not f["html_in_table"] and not _ADDRESS.match(b.text))


def _rescuable(b: Block, f: dict, valid: set[int]) -> bool:
    """Could this block outside the main text be a paragraph trafilatura missed?"""
    return (len(b.text) >= RESCUE_MIN_CHARS and f["html_link_density"] <= RESCUE_MAX_LINK_DENSITY
            and b.kind in ("text", "quote") and f.get("html_landmark") is None
            and _furniture_kind(b, valid, OUTSIDE_KIND_ORDER) is None)


def mark_gap_lists(blocks: list[Block], feats: list[dict], valid: set[int]) -> None:
    """A whole list that the prior left out between two of its blocks (the list of a paragraph
    that says "two questions:"): every block of the run between the two main blocks is an item
    of one list, with few links and no furniture or landmark -> html_gap_list."""
    n = len(blocks)
    i = 0
    while i < n:
        if feats[i]["html_in_main"]:
            i += 1
            continue
        j = i
        while j < n and not feats[j]["html_in_main"]:
            j += 1
        if 0 < i and j < n and j - i <= GAP_LIST_MAX_ITEMS:
            run = range(i, j)
            para = blocks[i].para
            if all(blocks[k].kind == "list" and blocks[k].para == para
                   and feats[k]["html_link_density"] <= RESCUE_MAX_LINK_DENSITY
                   and feats[k]["html_landmark"] is None
                   and not any(e in valid for e in feats[k]["html_furniture"].values()) for k in run):
                for k in run:
                    feats[k]["html_gap_list"] = True
        i = j


def decide_outside(b: Block, valid: set[int]) -> None:
    """A block far from the main text (never seen by the shared stages): furniture or outside."""
    kind = _furniture_kind(b, valid, OUTSIDE_KIND_ORDER)
    landmark = b.features.get("html_landmark")
    b.score = 0.0
    b.cf_label = BOILERPLATE
    _decide_furniture(b, kind, landmark)


def _decide_furniture(b: Block, kind: str | None, landmark: str | None) -> None:
    """A block outside the main text that is not kept: its furniture kind (class / id / role
    tokens), else its landmark, else plain `html.outside_main`."""
    if kind:
        b.decide(BOILERPLATE, KIND_CATEGORY[kind], f"html.{kind}")
    elif landmark in LANDMARK_CATEGORY:
        b.decide(BOILERPLATE, LANDMARK_CATEGORY[landmark], f"html.landmark_{landmark}")
    else:
        b.decide(BOILERPLATE, "context", "html.outside_main")


def html_metadata(doc: Document) -> None:
    blocks = doc.blocks
    title = doc.meta.get("title")
    if title:
        key = dup_key(title)
        words = set(key.split())
        found = False
        for b in blocks:
            if b.label in (CONTENT, BOILERPLATE) and dup_key(b.text) == key:
                b.decide(TITLE, "title", "meta.title")
                found = True
                break
        for b in blocks:
            # the page's headline (an <h1> close to the title) never stays in the body
            if b.kept and b.kind == "heading" and b.level == 1:
                bw = set(dup_key(b.text).split())
                if bw and len(bw & words) / len(bw) >= TITLE_H1_OVERLAP:
                    if found:
                        b.decide(BOILERPLATE, "duplicate", "duplicate.title")
                    else:
                        b.decide(TITLE, "title", "meta.title")
                        found = True
    for b in blocks:
        if b.label == BYLINE and not doc.meta.get("byline"):
            doc.meta["byline"] = b.text
        if b.label == DATE and not doc.meta.get("date"):
            doc.meta["date"] = b.text
        if b.label in (BYLINE, DATE):
            b.category = b.category or "byline"


def html_duplicates(doc: Document) -> None:
    """Teasers only: a kept block ending in "..." whose text starts another kept block
    (`duplicate.teaser`); the headline was handled by html_metadata. Exact repeats stay: inside
    trafilatura's main text they are the page's own (recipes, result lists, listings repeat
    lines), and the text path's lede-repeat logic needs a body start the HTML path does not have."""
    kept = [b for b in doc.blocks if b.kept]
    keys = [dup_key(b.text) for b in kept]
    long_keys = [k for k in keys if len(k) >= _context.TEASER_MIN_CHARS]
    for b, k in zip(kept, keys):
        if not b.features.get("ends_ellipsis"):
            continue
        stem = dup_key(b.text.rstrip(" .…"))
        if len(stem) >= _context.TEASER_MIN_CHARS and any(o != k and o.startswith(stem) for o in long_keys):
            b.decide(BOILERPLATE, "duplicate", "duplicate.teaser")


def html_orphans(doc: Document) -> None:
    """A kept heading whose section was all removed introduces furniture ("Related articles",
    "More on this topic"): it goes too (`html.orphan_heading`, the category of what it
    introduced). Its section runs to the next heading of the same or a higher level; a heading
    with kept text before that boundary, or with nothing after it at all, stays."""
    blocks = doc.meta.get("html_all_blocks") or doc.blocks
    n = len(blocks)
    nxt = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        nxt[i] = i if blocks[i].kept else nxt[i + 1]
    for i, b in enumerate(blocks):
        if not b.kept or b.kind != "heading" or b.features.get("words", 0) > ORPHAN_MAX_WORDS:
            continue
        j = nxt[i + 1]
        if j == i + 1:
            continue                                   # text follows directly
        gap = blocks[i + 1:j]
        if j < n and not any(g.kind == "heading" and 0 < g.level <= b.level for g in blocks[i + 1:j + 1]):
            continue                                   # the section goes on with kept text
        removed = [g for g in gap if g.label == BOILERPLATE and g.category != "duplicate"]
        if removed:
            b.decide(BOILERPLATE, removed[0].category, "html.orphan_heading")


HTML_STAGES = [
    pipeline.language, pipeline.features, html_merge, pipeline.rules, pipeline.classify,
    html_decide, html_metadata, html_duplicates, html_orphans, pipeline.assemble,
]


# --- entry point ------------------------------------------------------------------------------

def main_text(html: str, url: str | None, blocks: list[Block], feats: list[dict]) -> tuple[str | None, float | None]:
    """trafilatura's main text (include_comments=False, fast: without its readability/jusText
    fallbacks, which cost a third of its time and which our own stages stand in for), or None
    when it finds nothing or fails; and main_prior's coverage when the retry check already set
    the prior of `blocks` for that text (else None)."""
    coverage = None
    text = _trafilatura(html, url, TRAFILATURA_FAST)
    if TRAFILATURA_FAST and len(text or "") < PRIOR_RETRY_CHARS:
        # Little text while the page has more in long, link-free paragraphs that it left out:
        # the case trafilatura's fallback extractors are for; pay for them here only.
        coverage = _html.main_prior(blocks, feats, text)
        missed = sum(len(b.text) for b, f in zip(blocks, feats)
                     if not f["html_in_main"] and len(b.text) >= RESCUE_MIN_CHARS
                     and f["html_link_density"] <= RESCUE_MAX_LINK_DENSITY)
        if missed > RETRY_MISSED_SHARE * len(text or ""):
            full = _trafilatura(html, url, False)
            if len(full or "") > len(text or ""):
                text, coverage = full, None
    return (text or None), (coverage if text else None)


def _trafilatura(html: str, url: str | None, fast: bool) -> str | None:
    try:
        from trafilatura import bare_extraction
        doc = bare_extraction(html, url=url, include_comments=False, with_metadata=False, fast=fast)
    except Exception:          # a peer library's failure is "no prior", never our crash
        return None
    return getattr(doc, "text", None) if doc is not None else None


_BINARY_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")


def check_html(html: str, opts: Options) -> None:
    """Empty, too large or binary input -> InputError (a regex count: HTML pages are long)."""
    if not html or html.isspace():
        raise EmptyInputError("input is empty")
    if len(html) > opts.max_bytes:
        raise InputTooLargeError(f"input is over the size limit of {opts.max_bytes} bytes")
    sample = html[:BINARY_SAMPLE_CHARS]
    bad = len(_BINARY_CHARS.findall(sample))
    if bad / len(sample) > opts.binary_ratio:
        raise BinaryInputError(f"input looks binary: {bad} of {len(sample)} characters are control or replacement characters")


def _empty_result(opts: Options, meta: dict) -> Result:
    return Result(text="", title=meta.get("title"), byline=meta.get("byline"),
                  authors=tuple(meta.get("authors") or ()), date=meta.get("date"),
                  language=meta.get("language_hint"), mode=opts.mode.value,
                  url=opts.url or meta.get("url"), site_name=meta.get("site_name"),
                  stats=pipeline.stats([]))


def extract(html: str | bytes, *, url: str | None = None, mode: Mode | str = Mode.BALANCED,
            encoding: str | None = None, output: str = "text", options: Options | None = None,
            store=None, site: str | None = None) -> Result:
    """Extract the article of an HTML page; return the body and metadata as a Result.

    html: the page as str, or bytes (decoded from the BOM, `encoding` (e.g. the HTTP charset),
    <meta charset>, then charset detection; see encoding.py). output: "text" or "markdown"
    (headings, lists, tables and code as Markdown). Raises extractor.errors.InputError
    subclasses for input that cannot be extracted (wrong type, empty, too large, binary).

    store, site: as for clean(): with a template store and a site (`site`, else the URL's
    registrable domain) the site's template lines are removed (reason `template.site`), by the
    same decision as on the text path, before the page decoding (`html_decide`). The store is
    only read here.
    """
    check_output(output)
    opts = options or make_options(mode, None, url, None)
    if isinstance(html, (bytes, bytearray, memoryview)):
        if len(html) > opts.max_bytes:
            raise InputTooLargeError(f"input is over the size limit of {opts.max_bytes} bytes")
        html, _enc = decode_html(bytes(html), encoding)
    elif not isinstance(html, str):
        raise InputTypeError(f"extract() takes str or bytes, not {type(html).__name__}")
    check_html(html, opts)
    if "\x00" in html:
        html = html.replace("\x00", "")
    tree = LexborHTMLParser(html)
    meta = _html.page_metadata(tree)
    page = _html.parse_blocks(tree)
    del tree
    blocks, feats = page.blocks, page.meta["html_features"]
    prior, coverage = main_text(html, opts.url, blocks, feats)
    if not blocks and prior:
        # nothing the walk could read, but trafilatura found text: take it as the blocks
        blocks = segment(prior, max_line_chars=opts.max_line_chars)
        feats = [_plain_features() for _ in blocks]
    if not blocks:
        return _empty_result(opts, meta)
    if coverage is None or feats is not page.meta["html_features"]:
        coverage = _html.main_prior(blocks, feats, prior)
    if prior and coverage < PRIOR_MIN_COVERAGE:
        blocks = segment(prior, max_line_chars=opts.max_line_chars)
        feats = [_plain_features() for _ in blocks]
        _html.main_prior(blocks, feats, prior)
    for b, f in zip(blocks, feats):
        b.features = f
    valid = _valid_furniture(blocks)
    # The shared stages see the blocks of the main text and the paragraphs near it that could be
    # rescued; the rest is decided by structure alone (furniture or outside the article either way).
    if prior:
        main_pos = [i for i, f in enumerate(feats) if f["html_in_main"]]
        lo, hi = main_pos[0] - RESCUE_WINDOW, main_pos[-1] + RESCUE_WINDOW
        mark_gap_lists(blocks, feats, valid)
        cand = [i for i, (b, f) in enumerate(zip(blocks, feats))
                if f["html_in_main"] or f.get("html_gap_list")
                or (lo <= i <= hi and _rescuable(b, f, valid))]
    else:
        cand = list(range(len(blocks)))
    chosen = set(cand)
    for i, b in enumerate(blocks):
        if i not in chosen:
            decide_outside(b, valid)
    meta["html_features"] = [feats[i] for i in cand]
    meta["html_has_prior"] = prior is not None
    meta["html_all_blocks"] = blocks
    from .model import shipped_model
    doc = Document(text=prior or "", options=opts, blocks=[blocks[i] for i in cand], meta=meta,
                   model=shipped_model())
    stages = HTML_STAGES
    if store is not None:
        from . import templates
        meta["template_stats"] = templates.site_stats(store, opts.url or url, site)
        stages = templates.stages(HTML_STAGES)
        if len(cand) < len(blocks):
            templates.mark_outside([b for i, b in enumerate(blocks) if i not in chosen],
                                   meta["template_stats"], opts.mode)
    result = pipeline.run(doc, stages)
    if len(cand) < len(blocks):
        result = dataclasses.replace(result, blocks=tuple(blocks), stats=pipeline.stats(blocks))
    return _markdown.as_output(result, output)


def warm_up() -> None:
    """Do the one-time loading now rather than on the first pages that need it: the rule sets of
    every language with packs (each is parsed and indexed on first use, ~0.2 s), the language
    detector's profiles (~0.6 s) and the block model. For a long-running process (a service, a
    batch job, a benchmark's warm-up); extract() works the same without it."""
    from . import language as _language
    from .model import shipped_model
    for lg in (None, *sorted(_rulepacks.pack_languages())):
        _rulepacks.ruleset(lg)
    _language._langdetect_factory()
    _language._vote_table()
    shipped_model()
    try:                            # trafilatura's jusText stoplists (~1 s, on its first fallback)
        from trafilatura import external as _tx
        if getattr(_tx, "JT_STOPLIST", None) is None:
            _tx.jt_stoplist_init()
    except Exception:               # noqa: BLE001 - a peer library's internals may move
        pass


def _plain_features() -> dict:
    return {"html_tag": "p", "html_heading": 0, "html_in_li": False, "html_in_table": False,
            "html_header_cell": False, "html_row": -1, "html_link_density": 0.0, "html_depth": 0,
            "html_landmark": None, "html_role": None, "html_in_form": False, "html_furniture": {},
            "html_eid": 0}
