"""Stage 8, metadata: title, byline / authors and date, taken out of the body.

Title: the headline is a line shortly before the article body (or its first line), of headline
length, not a sentence that runs on; evidence for it: it is repeated further down (a repeated
headline), it shares words with the URL's slug, it is in Title Case, it sits right before the body;
against it: a short name-like line right above a dateline (an author's byline).
The chosen block gets label "title" and never reaches Result.text.

Byline and date: blocks the byline packs hit (`byline.author`, `byline.date`, `byline.source`)
near the top of the article give Result.byline / authors / date.
"""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import unquote, urlsplit

from .context import block_keys
from .types import BOILERPLATE, BYLINE, CONTENT, DATE, TITLE, Block

TITLE_LOOKBACK = 15              # blocks before the body start that may hold the headline
# Further up (a menu, a teaser box or a gallery between headline and body), up to this many
# blocks before the body, a line is a candidate too when at least TITLE_FAR_MIN_SLUG of its
# words (or of the URL slug's, the fewer) are in the URL's slug.
TITLE_FAR_LOOKBACK = 50
TITLE_FAR_MIN_SLUG = 0.6
TITLE_MIN_WORDS = 2
TITLE_MAX_WORDS = 45
PARAGRAPH_MIN_WORDS = 20         # more words than this in two or more sentences: not a headline
FIRST_KEPT_MAX_CHARS = 150       # longer than a headline (_reads_as_paragraph)
TITLE_MIN_SCORE = 2.0            # evidence needed to call a block the headline
TITLE_MIN_ALPHA = 0.5            # a headline is mostly letters (not a dateline or a price)
# evidence weights
EV_REPEATED = 2.5                # the line is repeated on the page
EV_SLUG = 3.0                    # times the share of its words in the URL's slug
EV_TITLECASE = 0.8
EV_NOT_A_SENTENCE = 0.7          # no terminal full stop
EV_FUNCTION_WORDS = 0.4          # has stopwords: a phrase, not a list of section names
EV_MENU = 1.5                    # Title Case words and no stopword at all
EV_NEAR_BODY = 1.5               # within 3 blocks of the body (half within 8)
EV_HEADLINE_LENGTH = 0.5         # 4 to 25 words
EV_LONGEST = 0.6                 # the longest non-sentence candidate
EV_IN_MENU_RUN = 0.7             # a short line between short lines
EV_TOP = 0.8                     # the page's first line of some length that no rule removed
EV_BODY_WORDS = 1.5              # times the share of its words that the body's first blocks use
EV_NO_BODY_WORD = 1.0            # none of its words in them: a section label or another story
BODY_WORDS_BLOCKS = 8            # the body's first kept blocks whose words a headline shares
EV_NAME_OVER_DATE = 3.0          # a short line without function words right above a dateline: a byline
NAME_MAX_WORDS = 4
_LETTER_WORD = re.compile(r"[^\W\d_]{3,}")    # a word of letters only, 3 or more
_BY = re.compile(r"^(?:by|von|par|por|di|door|av|przez|автор:?|автор)\s+", re.I)
_NO_FULL_STOP_SCRIPT = re.compile(r"[\u0e00-\u0eff\u1780-\u17ff]")    # Thai, Lao, Khmer
_MD_HEADING = re.compile(r"^\s*(?:#{1,6}\s+(.+?)(?:\s+#+)?|\*\*([^*]+)\*\*|__([^_]+)__)\s*$")
# A breadcrumb's start: an arrow before the first word ("› Research"), or the home link and up to
# three sections before the headline ("Home : Entertainment : Headline").
_BREADCRUMB_MARK = re.compile(r"^\W{0,2}[›»>→]")
_BREADCRUMB_PREFIX = re.compile(r"^\W{0,2}(?:home|homepage|start|startseite|accueil|inicio|início|главная|strona główna)"
                                r" ?[:>»›/|] ?(?:[^:>»›/|]{1,30} ?[:>»›/|] ?){0,3}", re.I)
_DATE_HINT = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
# An interview's or transcript's speaker label: one letter and a colon ("Q:", "A:", "F:", "В:",
# "问："). A headline's label is a word or an acronym ("Exclusive:", "US:").
_SPEAKER_LABEL = re.compile(r"^\W{0,2}[^\W\d_]\s?[:：]")


def slug_words(url: str | None) -> set[str]:
    if not url:
        return set()
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return set()
    return _letter_words(path)


def _letter_words(text: str) -> set[str]:
    """The text's words of 3 or more letters, case folded (a URL slug's, a line's)."""
    return {w.casefold() for w in _LETTER_WORD.findall(text)}


def _title_evidence(b: Block, i: int, body_start: int, repeats: dict[str, int], slug: set[str],
                    blocks: list[Block], longest: int, keys: list[str], top: int) -> float:
    """How much a block looks like the page's headline (named weights below). keys: block_key()
    of every block, top: _top_line(blocks) (both computed once per page by find_title)."""
    f = b.features
    if not (TITLE_MIN_WORDS <= f["words"] <= TITLE_MAX_WORDS) or f["ends_colon"]:
        return -1.0
    if b.hits or f["url"] or f["email"] or f["separators"] >= 2 or f["alpha_ratio"] < TITLE_MIN_ALPHA:
        return -1.0
    if f["bullet"] or _BREADCRUMB_MARK.match(b.text):   # "* Dates may change", "2) item", "› Research"
        return -1.0
    if _SPEAKER_LABEL.match(b.text):     # "Q: What made you start?": an interview's first question
        return -1.0
    key = keys[i]
    if _runs_on(f) and repeats.get(key, 0) <= 1:
        return -1.0                       # a lede; a headline with its deck in one block is repeated
    ev = 0.0
    sentence = f["ends_terminal"] and not b.text.rstrip().endswith(("?", "!"))
    if repeats.get(key, 0) > 1:
        # a sentence repeated as a paragraph of the body is a lede shown twice, not a headline
        end = body_start + TITLE_LOOKBACK
        in_body = any(k == key and x.label == CONTENT for x, k in zip(blocks[i + 1:end], keys[i + 1:end]))
        ev += EV_REPEATED / 2 if (sentence and in_body) else EV_REPEATED
    if i == top:
        ev += EV_TOP
    if slug:
        ev += EV_SLUG * _slug_share(b.text, slug)
    if f["caps_word_ratio"] >= 0.6:
        ev += EV_TITLECASE
    if not sentence:
        ev += EV_NOT_A_SENTENCE
    if f["sentences"] > 2:
        ev -= EV_NOT_A_SENTENCE + 0.3
    if f["stop_density"] >= 0.1 or f["cjk"]:
        ev += EV_FUNCTION_WORDS
    elif f["words"] >= 4 and f["caps_word_ratio"] >= 0.9:
        ev -= EV_MENU                     # "Politics Foreign Affairs Culture": a menu, not a headline
    dist = body_start - i
    ev += EV_NEAR_BODY if 0 <= dist <= 3 else (EV_NEAR_BODY / 2 if 0 <= dist <= 8 else 0.0)
    if 4 <= f["words"] <= 25:
        ev += EV_HEADLINE_LENGTH
    if f["words"] >= 4 and f["words"] == longest:
        ev += EV_LONGEST
    if (f["words"] <= NAME_MAX_WORDS and f["stop_density"] < 0.1 and i + 1 < len(blocks)
            and any(r == "byline.date" for _, r in blocks[i + 1].hits)):
        ev -= EV_NAME_OVER_DATE           # "Jane Roe" over "Monday 10:00PM": who wrote it, not what
    prev_short = i > 0 and blocks[i - 1].features["jt"] == "short"
    # a byline or dateline under a headline is short too, but it makes no menu of the headline
    next_short = (i + 1 < len(blocks) and blocks[i + 1].features["jt"] == "short"
                  and not _byline_hit(blocks[i + 1]))
    if prev_short and next_short and f["words"] <= 8:
        ev -= EV_IN_MENU_RUN
    return ev


_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _words(text: str) -> set[str]:
    """A line's words for the overlap with the body: letters-only words of 3 or more (case
    folded), and each CJK character on its own (a CJK run is one \\w+ "word")."""
    cjk = _CJK_CHAR.findall(text)
    return set(cjk) if cjk else _letter_words(text)


def _body_words(blocks: list[Block], body_start: int) -> tuple[int, set[str], set[str]]:
    """Once per page: the index of the body's first kept block, the words of the body's first
    BODY_WORDS_BLOCKS kept blocks, and those of the BODY_WORDS_BLOCKS after the first one (for
    a candidate that is that first block: it does not count its own words; no other candidate
    is in the body). (-1, set(), set()) without a kept block."""
    kept: list[tuple[int, set[str]]] = []
    for b in blocks[body_start:]:
        if b.kept:
            kept.append((b.index, _words(b.text)))
            if len(kept) > BODY_WORDS_BLOCKS:
                break
    if not kept:
        return -1, set(), set()
    return (kept[0][0], set().union(*(w for _, w in kept[:BODY_WORDS_BLOCKS])),
            set().union(*(w for _, w in kept[1:])))


def _body_word_evidence(text: str, used: set[str]) -> float:
    """EV_BODY_WORDS times the share of the line's words that the body uses (`used`: the words
    of its first kept blocks, other than the line itself), or -EV_NO_BODY_WORD when none is: a
    headline is about what its article says; a section label or another story's headline is not."""
    words = _words(text)
    if not words:
        return 0.0
    if not used:                        # no body besides the line itself: no evidence either way
        return 0.0
    share = len(words & used) / len(words)
    return EV_BODY_WORDS * share if share else -EV_NO_BODY_WORD


def _slug_share(text: str, slug: set[str]) -> float:
    """The share of the line's words (or of the slug's, the fewer) that are in the URL's slug."""
    words = _letter_words(text)
    return len(words & slug) / min(len(words), len(slug)) if words else 0.0


def _byline_hit(b: Block) -> bool:
    return any(cat == "byline" for cat, _ in b.hits)


def _top_line(blocks: list[Block]) -> int:
    """The index of the page's first line of some length that no rule removed (-1: none)."""
    return next((j for j, x in enumerate(blocks) if not x.hits and x.features["jt"] != "short"), -1)


def _runs_on(f: dict) -> bool:
    """Several sentences of more than a headline's length (PARAGRAPH_MIN_WORDS): a lede or a
    standfirst, even when it ends on "!" or "?"."""
    return f["sentences"] >= 2 and f["words"] > PARAGRAPH_MIN_WORDS


def _reads_as_paragraph(b: Block) -> bool:
    """The body's first kept block is not its headline when it reads as a paragraph: jusText
    calls it good, it ends a sentence (not a question or an exclamation), or it is written in a
    script without a full stop (Thai, Lao, Khmer: no sentence ever ends) and is longer than a
    headline (FIRST_KEPT_MAX_CHARS): such a lede would otherwise be taken for the title and
    leave the text. (Not for every script: a long unpunctuated first block elsewhere is a tag
    line or a standfirst more often than a lede; measured on the CV article set.)"""
    f = b.features
    if f["jt"] == "good" or _runs_on(f):
        return True
    if f["sentences"] >= 1 and f["ends_terminal"] and not b.text.rstrip().endswith(("?", "!")):
        return True
    return f["chars"] > FIRST_KEPT_MAX_CHARS and _NO_FULL_STOP_SCRIPT.search(b.text) is not None


def find_title(blocks: list[Block], body_start: int, url: str | None) -> int | None:
    if not blocks:
        return None
    keys = block_keys(blocks)
    repeats = Counter(keys)              # counted in C; an empty key is no evidence
    repeats.pop("", None)
    slug = slug_words(url)
    lo = max(0, body_start - TITLE_LOOKBACK)
    # up to the first kept block, which may itself be the headline unless it reads as a sentence
    first_kept = next((i for i in range(lo, min(body_start + 1, len(blocks))) if blocks[i].kept), body_start)
    cands = [i for i in range(lo, min(first_kept + 1, len(blocks)))
             if not (i == first_kept and blocks[i].kept and _reads_as_paragraph(blocks[i]))]
    if slug:
        far = max(0, body_start - TITLE_FAR_LOOKBACK)
        stop = next((i for i in range(far, lo) if blocks[i].kept), lo)      # not past kept text
        cands = [i for i in range(far, stop) if _slug_share(blocks[i].text, slug) >= TITLE_FAR_MIN_SLUG] + cands
    longest = max((blocks[i].features["words"] for i in cands
                   if not blocks[i].features["ends_terminal"] and not blocks[i].hits), default=0)
    best, best_ev = None, TITLE_MIN_SCORE
    top = _top_line(blocks) if cands else -1
    first_body, body_words, later_body_words = _body_words(blocks, body_start) if cands else (-1, set(), set())
    for i in cands:
        ev = _title_evidence(blocks[i], i, body_start, repeats, slug, blocks, longest, keys, top)
        if ev > -1.0 and first_body >= 0:
            ev += _body_word_evidence(blocks[i].text, later_body_words if i == first_body else body_words)
        if ev > best_ev:
            best, best_ev = i, ev
    if best is not None:                   # a repeated headline: its first copy is the headline
        best = next(i for i in cands if keys[i] == keys[best])
    return best


def title_text(text: str) -> str:
    """The headline as Result.title gives it: without the markers of a Markdown heading ("## ")
    or a bold line ("**...**") that partly cleaned input carries, and without a breadcrumb glued
    before it ("Home : Entertainment : "); the text itself otherwise."""
    m = _MD_HEADING.match(text)
    text = next(g for g in m.groups() if g).strip() if m else text
    crumbs = _BREADCRUMB_PREFIX.match(text)
    if crumbs and len(text[crumbs.end():].split()) >= TITLE_MIN_WORDS + 1:
        return text[crumbs.end():].strip()
    return text


def metadata(blocks: list[Block], body_start: int, url: str | None) -> dict:
    meta: dict = {"title": None, "byline": None, "authors": (), "date": None}
    t = find_title(blocks, body_start, url)
    if t is not None:
        tb = blocks[t]
        tb.decide(TITLE, "title", "meta.title")
        meta["title"] = title_text(tb.text)
    for b in [b for b in blocks if b.label == BYLINE or b.label == DATE]:   # most blocks: neither
        if b.label == BYLINE and meta["byline"] is None:
            meta["byline"] = b.text
            name = _BY.sub("", b.text).strip()
            if name and len(name.split()) <= 8 and not _DATE_HINT.search(name):
                meta["authors"] = tuple(a.strip() for a in re.split(r",| and | und | et | y | i ", name) if a.strip())
        if b.label == DATE and meta["date"] is None:
            meta["date"] = b.text
        b.category = b.category or "byline"
    return meta


_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // ")


def strip_site_name(title: str, site: str | None) -> str:
    """'Headline | Site' -> 'Headline' (the site part: the site name, or a short last part)."""
    for sep in _TITLE_SEPARATORS:
        if sep in title:
            head, _, tail = title.rpartition(sep)
            if site and tail.strip().casefold() == site.casefold():
                return head.strip()
            if site and head.strip().casefold() == site.casefold():
                return tail.strip()
            if len(tail.split()) <= 3 and len(head.split()) >= 3:
                return head.strip()
    return title.strip()


__all__ = ["metadata", "find_title", "CONTENT", "BOILERPLATE"]
