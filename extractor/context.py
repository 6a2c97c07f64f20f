"""Stages 6-7, context and duplicates: final labels from the neighbourhood of each block.

context:
  1. viterbi(): a two-state (content / furniture) decoding of the whole page with length-weighted
     costs and a switch cost; rule hits count as furniture, comment and related-list headers as
     barriers. keep_main_runs() then drops content runs far smaller than the main one.
  2. Final labels: kept blocks below the threshold are `context.between_content` (sandwich floor
     per mode) or go as `context.low_score`; dropped blocks go as `context.between_boilerplate`
     or `context.low_score`. rescue_after_furniture() brings back sentences that only furniture
     separates from the body, or that touch it; keep_lists_of_kept() keeps the items and table
     rows under a kept lead-in ("...the following rates:"); drop_lists_of_removed() and drop_comment_zone()
     take the items of a removed list lead-in and the comments between comment furniture;
     drop_poll_options() the question and answers under a poll heading; drop_related_cards() the
     cards under a related heading that repeat one furniture line;
     when the decoding keeps nothing, or a body of fewer than THIN_BODY_WORDS words, the page's
     best region relative to its own scores is its article (`context.fallback_region`); a page
     never comes out empty while some block reads as content on its own
     (`context.fallback_own_score`); what a fallback keeps between comment markers goes again
     as `comments.zone`, a run of teasers as `related.teaser_run`. The same fallbacks refill
     the body when the metadata stage took a kept block for the headline (refill_thin_body).
  max_span() (maximum subarray over block_value) gives the heuristic span the model reads.
duplicates:
  - a block equal to the title (after normalisation) is a repeated headline (`duplicate.title`);
  - a block repeated later: the earlier copy goes when it is before the article body (a lede
    shown twice), otherwise the later copy goes (`duplicate.repeat`);
  - a teaser ending in "..." / "…" whose text starts a later or earlier block (`duplicate.teaser`).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from itertools import islice, repeat

from .model import logit
from .options import Mode, Options
from .segment import OTHER_SENTENCE_ENDS
from .types import BOILERPLATE, CONTENT, NUMBER_HIT, Block

LENGTH_WEIGHT_EXP = 0.6          # value weight = chars ** this
RULE_HIT_VALUE = -0.9            # per weight unit, for a block a rule removed
BARRIER_CATEGORIES = frozenset({"comments", "related"})
BARRIER_VALUE = -40.0            # absolute value of a comments / related header
SANDWICH_MIN_SCORE = {Mode.PRECISION: 0.35, Mode.BALANCED: 0.15, Mode.RECALL: 0.05}
OUTSIDE_KEEP_SCORE = {Mode.PRECISION: 1.01, Mode.BALANCED: 0.97, Mode.RECALL: 0.85}
SWITCH_COST = 6.0                # cost of changing state between neighbouring blocks (viterbi)
SWITCH_COST_BY_MODE = {Mode.PRECISION: 12.0, Mode.BALANCED: 9.0, Mode.RECALL: 8.0}
RESCUE_OWN_SCORE = {Mode.PRECISION: 1.01, Mode.BALANCED: 0.7, Mode.RECALL: 0.6}
EXTEND_OWN_SCORE = {Mode.PRECISION: 1.01, Mode.BALANCED: 0.4, Mode.RECALL: 0.3}   # a sentence right next to body
FALLBACK_OWN_SCORE = True        # never empty when some block reads as content on its own
EXTEND_CHAIN = True              # a block kept by these rules can carry the body on to the next
RESCUE_MAX_GAP = 4               # rule-removed blocks between a rescued paragraph and the body
RUN_SHARE_BY_MODE = {Mode.PRECISION: 0.3, Mode.BALANCED: 0.0, Mode.RECALL: 0.0}   # CV: balanced .1 -> 0 raised all four dev sets
START_FURNITURE_BONUS = 0.0      # a page may open with its article (partly cleaned input)
RULE_HIT_P = 0.03                # content probability a rule hit stands for in decoding
BARRIER_WEIGHT = 12.0            # minimum weight of a comments / related header
LIST_ITEM_ENDS = (";", "；")      # drop_lists_of_removed: how a list item under a lead-in ends
LIST_MAX_ITEMS = 40
LIST_MIN_ITEMS = 2               # fewer items after a removed lead-in: not a list, left alone
LIST_ITEM_MAX_CHARS = 400
KEPT_LIST_MAX_ITEMS = 60         # keep_lists_of_kept: the most items under one lead-in
KEPT_LIST_MAX_HEADER = 2         # keep_lists_of_kept: kept short blocks (a table's header row) before the items
KEPT_LIST_ITEM_MAX_WORDS = 25    # keep_lists_of_kept: a list item or a table row, not a paragraph
KEPT_LIST_ROWS_SHARE = 2 / 3     # keep_lists_of_kept: items with digits (table rows) a run ended by furniture needs
CARD_MIN_REPEATS = 3             # drop_related_cards: copies of the card furniture a list needs
CARD_MAX_ITEMS = 2               # drop_related_cards: the most blocks of one card
# drop_related_cards: furniture an ad server or a layout puts between ANY blocks, the article's
# own paragraphs included ("Advertisement", "Story continues below"): it marks no card
CARD_FURNITURE_NOT = frozenset({"widget.ad", "widget.continue"})
POLL_MAX_OPTIONS = 12           # drop_poll_options: the most answers a poll can have
POLL_MIN_OPTIONS = 2
POLL_OPTION_MAX_WORDS = 12
POLL_QUESTION_MAX_WORDS = 40
COMMENT_MARKER_REASONS = frozenset({"comments.action", "comments.signature"})
ZONE_MIN_MARKERS = 3             # drop_comment_zone: markers a page needs to have a comment zone
ZONE_SPAN = 25                   # drop_comment_zone: the most blocks between two markers of one zone
TEASER_RUN_MIN_BLOCKS = 6        # drop_teaser_runs: teaser-shaped blocks a run needs to be a list
TEASER_RUN_WORDS = (12, 40)      # drop_teaser_runs: a teaser's length in words (headline + standfirst)
TEASER_STRICT_SHARE = 2 / 3      # drop_teaser_runs: share of a run that must end on no mark at all
DATELINE_TEASER_MIN_BLOCKS = 3   # drop_teaser_runs: headline + "CITY: lede" teasers in a row that make a list
DATELINE_TEASER_MIN_WORDS = 12
FALLBACK_RELATIVE = 0.3          # fallback_region: threshold as a share of the page's best score
FALLBACK_MIN_THRESHOLD = 0.1     # below this the page has no region worth keeping this way
THIN_BODY_WORDS = 40             # a kept body shorter than this (words; CJK by characters / 1.7) is
                                 # a decoding that missed the article, not an article: the fallbacks run
P_FLOOR = 0.01                   # scores are clipped to [P_FLOOR, 1 - P_FLOOR] in decoding


def block_value(b: Block) -> float:
    w = max(len(b.text), 1) ** LENGTH_WEIGHT_EXP
    if b.hits:
        return _hit_value(b.hits, w)
    return (b.score - 0.5) * 2.0 * w


def _hit_value(hits: list[tuple[str, str]], w: float) -> float:
    """block_value() of a block with these rule hits and length weight w."""
    cats = {cat for cat, _ in hits}
    if not BARRIER_CATEGORIES.isdisjoint(cats):
        return BARRIER_VALUE
    if cats == _BYLINE_ONLY:
        return -0.1 * w
    return RULE_HIT_VALUE * w


_BYLINE_ONLY = {"byline"}        # the categories of a block that only byline rules hit


_WEIGHT_TABLE = None             # [n] = max(n, 1) ** LENGTH_WEIGHT_EXP, replaced by a longer one on demand


def _length_weights(lengths):
    """max(n, 1) ** LENGTH_WEIGHT_EXP of each length (an int array), by Python's float power
    (what block_value computes), read from a table (a new, longer one when a longer block comes:
    the swap is atomic, so threads need no lock)."""
    import numpy as np
    global _WEIGHT_TABLE
    table = _WEIGHT_TABLE
    top = int(lengths.max()) if len(lengths) else 0
    if table is None or top >= len(table):
        size = max(top + 1, 4096, 0 if table is None else 2 * len(table))
        table = _WEIGHT_TABLE = np.array([max(n, 1) ** LENGTH_WEIGHT_EXP for n in range(size)])
    return table.take(lengths)


def block_values(blocks: list[Block], scores, hit) -> list[float]:
    """block_value() of every block, given the blocks' scores (an array equal to their b.score)
    and whether each has a rule hit: one vectorised expression for the blocks without hits (the
    weights of the table are the very floats block_value computes)."""
    import numpy as np
    lengths = np.fromiter([len(b.text) for b in blocks], dtype=np.int64, count=len(blocks))
    weights = _length_weights(lengths)
    values = ((scores - 0.5) * 2.0 * weights).tolist()
    for i in np.flatnonzero(hit).tolist():
        values[i] = _hit_value(blocks[i].hits, float(weights[i]))
    return values


def max_span(values: list[float], lo: int = 0, hi: int | None = None) -> tuple[int, int, float]:
    """Kadane: the [start, end) of values[lo:hi] with the largest sum (empty span: (lo, lo, 0))."""
    hi = len(values) if hi is None else hi
    best, best_s, best_e = 0.0, lo, lo
    cur, cur_s = 0.0, lo
    for i, v in enumerate(islice(values, lo, hi), lo):
        if cur <= 0:
            cur, cur_s = v, i
        else:
            cur += v
        if cur > best:
            best, best_s, best_e = cur, cur_s, i + 1
    return best_s, best_e, best


def _state_costs(blocks: list[Block], threshold: float) -> tuple[list[float], list[float]]:
    """Per block, the cost of calling it content and of calling it furniture (see viterbi), for
    the whole page at once."""
    import numpy as np
    n = len(blocks)
    w = np.power(np.maximum(np.fromiter([len(b.text) for b in blocks], dtype=float, count=n), 1.0), LENGTH_WEIGHT_EXP)
    score = np.minimum(np.maximum(np.fromiter([b.score for b in blocks], dtype=float, count=n), 1e-4), 1 - 1e-4)
    p = 1.0 / (1.0 + np.exp(-(np.log(score / (1 - score)) - logit(threshold))))
    furniture, barriers = _hit_furniture(blocks)
    if furniture:
        p[furniture] = RULE_HIT_P
        if barriers:                    # np.maximum: the same value as max(w[i], BARRIER_WEIGHT)
            w[barriers] = np.maximum(w[barriers], BARRIER_WEIGHT)
    p = np.minimum(np.maximum(p, P_FLOOR), 1 - P_FLOOR)
    return (-w * np.log(p)).tolist(), (-w * np.log(1 - p)).tolist()


def _hit_furniture(blocks: list[Block]) -> tuple[list[int], list[int]]:
    """The indices of the blocks whose rule hits make them clear furniture in decoding (a hit
    other than a byline one), and of those among them that are comments / related headers."""
    furniture, barriers = [], []
    for i, b in enumerate(blocks):
        hits = b.hits
        if hits:
            cats = {cat for cat, _ in hits}
            if cats != _BYLINE_ONLY:
                furniture.append(i)
                if not BARRIER_CATEGORIES.isdisjoint(cats):
                    barriers.append(i)
    return furniture, barriers


def viterbi(blocks: list[Block], threshold: float, switch_cost: float = SWITCH_COST) -> list[bool]:
    """Two-state (content / furniture) decoding of the whole page.

    Each block's score, re-centred so that the mode's threshold sits at 0.5, gives the cost of
    each state, weighted by the block's length (chars ** LENGTH_WEIGHT_EXP, so a long paragraph
    speaks louder than a menu item); changing state costs `switch_cost`. A short block between
    content blocks therefore follows them unless it is clearly furniture, and a lone sentence-like
    line in the page's furniture does not open an article. Rule hits count as clear furniture;
    comment and related-list headers as stronger still.
    """
    n = len(blocks)
    if not n:
        return []
    cost_c, cost_b = _state_costs(blocks, threshold)
    # Forward pass: c / bb are the cheapest costs of the page so far ending in content /
    # furniture; back_c[i] / back_b[i] whether that path came from the content state. The
    # branches take the same minimum as min(stay, switch) (ties: the first, staying in content
    # for back_c; switching from content for back_b) with the same float additions.
    c, bb = cost_c[0], cost_b[0] + START_FURNITURE_BONUS
    back_c, back_b = [False], [False]
    for cc, cb in zip(islice(cost_c, 1, None), islice(cost_b, 1, None)):
        b_to_c, c_to_b = bb + switch_cost, c + switch_cost
        if c <= b_to_c:
            nc = c + cc
            back_c.append(True)
        else:
            nc = b_to_c + cc
            back_c.append(False)
        if c_to_b < bb:
            bb = c_to_b + cb
            back_b.append(True)
        else:
            bb = bb + cb
            back_b.append(False)
        c = nc
    state = c <= bb
    out = [False] * n
    for i in range(n - 1, -1, -1):
        out[i] = state
        state = back_c[i] if state else back_b[i]
    return out


def keep_main_runs(blocks: list[Block], states: list[bool], threshold: float, share: float) -> list[bool]:
    """Drop content runs whose mass is below `share` of the largest run's: the article is one
    main region; a sentence-like teaser box far from it is furniture. Mass = sum over the run of
    (score - threshold) * chars ** LENGTH_WEIGHT_EXP."""
    if share <= 0:                      # nothing can fall below the share: no masses needed
        return states
    runs = [(start, end, sum((blocks[j].score - threshold) * max(len(blocks[j].text), 1) ** LENGTH_WEIGHT_EXP
                             for j in range(start, end) if not blocks[j].hits))
            for start, end in _true_runs(states)]
    if len(runs) < 2:
        return states
    best = max(m for _, _, m in runs)
    out = list(states)
    for s, e, m in runs:
        if m < share * best:
            for j in range(s, e):
                out[j] = False
    return out


def rescue_after_furniture(blocks: list[Block], threshold: float, mode: Mode) -> None:
    """Two ways a sentence the decoding dropped is still body (both need a block that reads as a
    sentence on its own: ends with terminal punctuation, not short, no rule hit):
    - `context.after_furniture`: its stage-1 score is >= RESCUE_OWN_SCORE and only blocks the
      rules removed (a share bar, an ad label) separate it from kept body: body interrupted by
      furniture, not the start of the page's tail. Never across a comments or related-links
      header: what follows those is their list.
    - `context.continues_body`: its stage-1 score is >= EXTEND_OWN_SCORE and it touches kept body.
    """
    n = len(blocks)
    rescue_score, extend_score = RESCUE_OWN_SCORE[mode], EXTEND_OWN_SCORE[mode]
    # forwards, then backwards: a chain of sentences before the body is reached from its end
    for i in [*range(n), *range(n - 1, -1, -1)]:
        b = blocks[i]
        if b.label != BOILERPLATE or b.hits:        # (a kept block is not BOILERPLATE)
            continue
        f = b.features
        if not f["ends_terminal"] or f["jt"] == "short":
            continue
        p1 = f.get("p1", 0.0)
        for step in (-1, 1):
            j, gap, barrier = i + step, 0, False
            while 0 <= j < n and blocks[j].hits and gap < RESCUE_MAX_GAP:
                barrier = barrier or any(cat in BARRIER_CATEGORIES for cat, _ in blocks[j].hits)
                j, gap = j + step, gap + 1
            if not (0 <= j < n and blocks[j].label == CONTENT and (blocks[j].reason is None or EXTEND_CHAIN)):
                continue
            if gap and not barrier and p1 >= rescue_score:
                b.decide(CONTENT, None, "context.after_furniture")
                break
            if not gap and p1 >= extend_score:
                b.decide(CONTENT, None, "context.continues_body")
                break


def keep_lists_of_kept(blocks: list[Block]) -> None:
    """`context.list_of_kept`: a kept sentence that announces a list ("The new rates are:",
    "Final standings after 36 races:") and the short blocks under it. List items and table rows
    read as furniture on their own (short, digits, no full stop); the sentence says what they are.
    The items: the blocks right after the lead-in (or after up to KEPT_LIST_MAX_HEADER kept short
    blocks, a table's header row) that only the score removed (no rule hit), each of at most
    KEPT_LIST_ITEM_MAX_WORDS words and LIST_ITEM_MAX_CHARS characters, up to KEPT_LIST_MAX_ITEMS.
    At least LIST_MIN_ITEMS of them, and the run must end where the article goes on (a kept block)
    or the page's furniture starts (a rule hit): a run that fades out into the page is no list.
    The mirror of drop_lists_of_removed."""
    n = len(blocks)
    i = 0
    while i < n:
        b = blocks[i]
        if (b.label != CONTENT or b.hits or b.features["words"] < 3
                or not b.text.rstrip().endswith((":", "\uff1a"))):
            i += 1
            continue
        j = i + 1
        while (j < n and j - i <= KEPT_LIST_MAX_HEADER and blocks[j].label == CONTENT
               and blocks[j].features["words"] <= KEPT_LIST_ITEM_MAX_WORDS):
            j += 1
        start = j
        while j < n and j - start < KEPT_LIST_MAX_ITEMS and _unkept_list_item(blocks[j]):
            j += 1
        items = blocks[start:j]
        rows = sum(x.features["digit_ratio"] > 0 for x in items)        # items with digits
        if len(items) >= LIST_MIN_ITEMS and j < n and (
                blocks[j].label == CONTENT or (blocks[j].hits and rows >= KEPT_LIST_ROWS_SHARE * len(items))):
            for k in range(start, j):
                blocks[k].decide(CONTENT, None, "context.list_of_kept")
        i = max(j, i + 1)


def _unkept_list_item(b: Block) -> bool:
    """A block that only the score or the decoding removed, of a list item's length; or a bare
    number (a table cell, a list's numbering: _bare_number)."""
    if b.hits:
        return _bare_number(b)
    return (b.label == BOILERPLATE and b.category == "context"
            and b.features["words"] <= KEPT_LIST_ITEM_MAX_WORDS and len(b.text) <= LIST_ITEM_MAX_CHARS)


def _bare_number(b: Block) -> bool:
    """A block removed only because it is a bare number (rule `widget.number`: "203", "(5)")."""
    return b.label == BOILERPLATE and b.hits == [NUMBER_HIT]


def keep_numbers_in_body(blocks: list[Block]) -> None:
    """`context.number_in_body`: a bare number between two kept blocks is the article's own, a
    step number of a recipe or a cell of a table cut one per line, not a counter (those sit under
    teasers and share buttons). The rule `widget.number` removes every bare number; this gives
    back the ones the kept text surrounds."""
    for i in range(1, len(blocks) - 1):
        b = blocks[i]
        if b.hits and _bare_number(b) and blocks[i - 1].label == CONTENT and blocks[i + 1].label == CONTENT:
            b.decide(CONTENT, None, "context.number_in_body")


def drop_lists_of_removed(blocks: list[Block]) -> None:
    """`context.list_of_removed`: a rule removed a lead-in that announces a list ("Comments will
    be removed if they:", "Permitted uses:"), so the list items under it go with it: the blocks
    right after it that end with ';' (LIST_ITEM_ENDS), up to LIST_MAX_ITEMS, and the item that
    closes such a run with '.'. Items must be list-sized (at most LIST_ITEM_MAX_CHARS)."""
    n = len(blocks)
    for i, b in enumerate(blocks):
        if not b.hits or b.label != BOILERPLATE or not b.text.rstrip().endswith(":"):
            continue
        cats = {cat for cat, _ in b.hits}
        if cats == _BYLINE_ONLY:
            continue
        j, items = i + 1, 0
        while j < n and items < LIST_MAX_ITEMS:
            t = blocks[j].text.rstrip()
            if len(t) > LIST_ITEM_MAX_CHARS or blocks[j].hits:
                break
            if t.endswith(LIST_ITEM_ENDS):
                items += 1
            elif items >= 1 and t.endswith("."):
                items += 1
                j += 1
                break
            else:
                break
            j += 1
        if items >= LIST_MIN_ITEMS:
            for k in range(i + 1, j):
                if blocks[k].label != BOILERPLATE or blocks[k].category == "context":
                    blocks[k].decide(BOILERPLATE, b.category, "context.list_of_removed")


def drop_poll_options(blocks: list[Block]) -> None:
    """`widget.poll_option`: a reader poll under its heading (a `widget.poll` rule hit: "Poll",
    "Опрос", "Sonda"), in one or two blocks its question (a block with a "?"), then its answers:
    short blocks (at most POLL_OPTION_MAX_WORDS words) that do not end a sentence with '.', '!'
    or ':', or that a `widget.poll` rule hit (a tally: "(41%, 1,680 votes)"), up to
    POLL_MAX_OPTIONS. With a question and at least POLL_MIN_OPTIONS answers, question and answers
    go with the heading: answer lines read like short sentences and can otherwise be kept as
    body when the poll sits next to it. Article text ends its sentences, so it stops the run."""
    n = len(blocks)
    for i, b in enumerate(blocks):
        if not b.hits or ("widget", "widget.poll") not in b.hits:
            continue
        q = next((j for j in range(i + 1, min(i + 3, n)) if ("?" in blocks[j].text or "？" in blocks[j].text)
                  and not blocks[j].hits and blocks[j].features["words"] <= POLL_QUESTION_MAX_WORDS), None)
        if q is None:
            continue
        j = q + 1
        while j < n and j - q <= POLL_MAX_OPTIONS:
            o = blocks[j]
            if o.hits:
                if ("widget", "widget.poll") not in o.hits:
                    break
            elif o.features["words"] > POLL_OPTION_MAX_WORDS or o.text.rstrip().endswith((".", "!", ":", "。", "！")):
                break
            j += 1
        if j - q - 1 < POLL_MIN_OPTIONS:
            continue
        for k in range(q, j):
            if not blocks[k].hits:
                blocks[k].decide(BOILERPLATE, "widget", "widget.poll_option")


def drop_comment_zone(blocks: list[Block]) -> None:
    """`comments.zone`: reader comments interleaved with their furniture. On a page with at
    least ZONE_MIN_MARKERS comment markers (a rule hit of COMMENT_MARKER_REASONS: a signature
    line, "Report abuse", a rating), a kept block between two consecutive markers at most
    ZONE_SPAN blocks apart is a comment (or a reply), not article body: the article comes before
    the first marker."""
    marks = [i for i, b in enumerate(blocks)
             if b.hits and any(r in COMMENT_MARKER_REASONS for _, r in b.hits)]
    if len(marks) < ZONE_MIN_MARKERS:
        return
    for a, z in zip(marks, marks[1:]):
        if z - a > ZONE_SPAN:
            continue
        for b in blocks[a + 1:z]:
            if b.label == CONTENT and not b.hits:
                b.decide(BOILERPLATE, "comments", "comments.zone")


_CLOSERS = "\"'”’»)」』]"
_SENTENCE_ENDS = tuple(".!?。！？…;；:：" + OTHER_SENTENCE_ENDS)


def _teaser_end(b: Block) -> int:
    """2: teaser-shaped: headline-and-standfirst length (TEASER_RUN_WORDS), and no sentence ends
    it: no terminal mark, colon or semicolon, also not inside closing quotes or brackets (a
    teaser may end on a quoted phrase, "... her 'special edition'"). Not CJK (its word count is
    an estimate), not a bullet item, not a table row (separators, or a row of terms: three commas
    or more). 1: the same but for a final '?' or '!' (a teaser may end on a question: "Are the
    pair back together?"). 0: neither."""
    f = b.features
    lo, hi = TEASER_RUN_WORDS
    if not (lo <= f["words"] <= hi and not f["cjk"] and not f["bullet"] and f["separators"] < 2
            and f["commas"] < 3):
        return 0
    end = b.text.rstrip().rstrip(_CLOSERS)
    if not end.endswith(_SENTENCE_ENDS):
        return 2
    return 1 if end.endswith(("?", "!", "？", "！")) else 0


# a dateline in capitals after the first words of a block: "... return home NEW DELHI: Their ..."
_MID_DATELINE = re.compile(r"[a-z0-9’'\")] [A-Z][A-Z.\-]+(?: [A-Z][A-Z.\-]+){0,2}: [A-Z]")


def _dateline_teaser(b: Block) -> bool:
    """A headline run on into the first words of its story, dateline included ("Deportees return
    home NEW DELHI: Their dream ..."): a story's own first paragraph starts with its dateline,
    a teaser has the headline before it. (A quote after the colon is a source speaking: "... told
    the BBC: \"We ...\"".)"""
    t = b.text
    return (b.features["words"] >= DATELINE_TEASER_MIN_WORDS and ": " in t
            and _MID_DATELINE.search(t, 15) is not None)


def _drop_as_teasers(run: list[Block]) -> None:
    for b in run:
        if b.label == CONTENT:
            b.decide(BOILERPLATE, "related", "related.teaser_run")


def drop_teaser_runs(blocks: list[Block]) -> None:
    """`related.teaser_run`: a list of story teasers, each a headline run on into its standfirst
    ("Star shows off new look at premiere Wore a red gown"), TEASER_RUN_MIN_BLOCKS or more in a
    row, with at most a few that end on a question or an exclamation among them.
    Body paragraphs end their last sentence; a list of teasers is long lines that never do.
    The kept blocks of such a run are removed (the model often keeps them: they are long and
    read as prose). Bullet items and table rows are not teaser-shaped, and a shorter run (a few
    sub-headings) is left alone. A run of DATELINE_TEASER_MIN_BLOCKS headlines that each run on
    into their story's dateline and first words (_dateline_teaser) is such a list too."""
    # runs of teaser-shaped lines, or lines ending on '?'/'!' among them: TEASER_RUN_MIN_BLOCKS
    # strictly teaser-shaped ones or more, these at least TEASER_STRICT_SHARE of the run (a list
    # of teasers may hold questions, a post whose lines all exclaim is not one)
    ends = [_teaser_end(b) for b in blocks]
    for s, e in _true_runs([x > 0 for x in ends]):
        strict = ends[s:e].count(2)
        if strict >= TEASER_RUN_MIN_BLOCKS and strict >= TEASER_STRICT_SHARE * (e - s):
            _drop_as_teasers(blocks[s:e])
    for s, e in _true_runs([_dateline_teaser(b) for b in blocks]):
        if e - s >= DATELINE_TEASER_MIN_BLOCKS:
            _drop_as_teasers(blocks[s:e])


def drop_related_cards(blocks: list[Block]) -> None:
    """`related.card`: under a related-posts heading (a `related` rule hit: "You may also like",
    "Read also"), a list of cards, each an item followed by the same furniture line (its share
    bar, its "Read more" button): the heading, then that furniture line CARD_MIN_REPEATS or more
    times, at most CARD_MAX_ITEMS blocks apart with no other rule hit in between. The kept items
    of the run go with their heading: a card holding a quote or a standfirst reads as prose, and
    the decoding keeps it. The article never sits between two copies of its own share bar under
    a related heading; the run ends at the first gap that breaks the rhythm. Ad slots and
    "continues below" lines (CARD_FURNITURE_NOT) are neither a card's furniture nor a break in
    the rhythm: they sit between an article's own paragraphs as often as between cards."""
    n = len(blocks)
    for i, b in enumerate(blocks):
        if not b.hits or not any(cat == "related" for cat, _ in b.hits):
            continue
        # the first furniture line after the heading, within one card's length
        j = next((j for j in range(i + 1, min(i + 2 + CARD_MAX_ITEMS, n)) if _card_furniture(blocks[j])), None)
        if j is None:
            continue
        key = blocks[j].features.get("norm")
        if not key:
            continue
        marks, k = [j], j + 1
        while k < n and k - marks[-1] <= CARD_MAX_ITEMS + 1:
            x = blocks[k]
            if _card_furniture(x):
                if x.features.get("norm") != key:
                    break
                marks.append(k)
            k += 1
        if len(marks) < CARD_MIN_REPEATS:
            continue
        for x in blocks[i + 1:marks[-1]]:
            if not x.hits and x.label == CONTENT:
                x.decide(BOILERPLATE, "related", "related.card")


def _card_furniture(b: Block) -> bool:
    """A rule hit that can be a card's furniture line (drop_related_cards)."""
    return bool(b.hits) and not any(reason in CARD_FURNITURE_NOT for _, reason in b.hits)


def fallback_region(blocks: list[Block], mode: Mode, switch_cost: float) -> None:
    """`context.fallback_region`: the decoding kept nothing, yet the page has an article whose
    blocks all scored under the threshold (a site unlike those the model learned from). Decode
    again with the threshold at FALLBACK_RELATIVE of the page's best block score: the region
    that scores best relative to the rest of the page is its article, and the page's tail of
    teasers and comment forms, far below, stays out (keeping every block that reads as content
    on its own stage-1 score, the last resort below, brings them all back)."""
    # blocks that rules or the comment zone removed stay out (their category is not "context")
    free = [not b.hits and b.category == "context" for b in blocks]
    top = max((b.score for b, ok in zip(blocks, free) if ok), default=0.0)
    thr = FALLBACK_RELATIVE * top
    if thr < FALLBACK_MIN_THRESHOLD:
        return
    states = viterbi(blocks, thr, switch_cost)
    for b, st, ok in zip(blocks, states, free):
        if st and ok and b.score >= SANDWICH_MIN_SCORE[mode] * FALLBACK_RELATIVE:
            b.decide(CONTENT, None, "context.fallback_region")


def context(blocks: list[Block], opts: Options, threshold: float | None = None) -> list[tuple[int, int]]:
    """Final labels from the page-level decoding; returns the content runs as (start, end)."""
    mode = opts.mode
    thr = opts.threshold if threshold is None else threshold
    switch_cost = SWITCH_COST_BY_MODE.get(mode, SWITCH_COST)
    states = viterbi(blocks, thr, switch_cost)
    states = keep_main_runs(blocks, states, thr, RUN_SHARE_BY_MODE[mode])
    _decide_by_states(blocks, states, thr, mode)
    rescue_after_furniture(blocks, thr, mode)
    keep_lists_of_kept(blocks)
    keep_numbers_in_body(blocks)
    drop_lists_of_removed(blocks)
    drop_poll_options(blocks)
    drop_related_cards(blocks)
    drop_comment_zone(blocks)
    drop_teaser_runs(blocks)
    refill_thin_body(blocks, opts, thr)
    return _true_runs(states)


def refill_thin_body(blocks: list[Block], opts: Options, threshold: float | None = None) -> None:
    """When nothing is kept, or a body shorter than THIN_BODY_WORDS (the decoding found no article
    or only a line of it, or the metadata stage took the only kept block for the headline), the
    fallbacks: the page's best region relative to its own scores (fallback_region, which adds to
    what is kept), less reader comments and teaser lists, else every block that reads as content
    on its own."""
    if not FALLBACK_OWN_SCORE or sum(b.features["words"] for b in blocks if b.label == CONTENT) >= THIN_BODY_WORDS:
        return
    mode = opts.mode
    thr = opts.threshold if threshold is None else threshold
    fallback_region(blocks, mode, SWITCH_COST_BY_MODE.get(mode, SWITCH_COST))
    drop_comment_zone(blocks)           # a region of reader comments is not the article
    drop_teaser_runs(blocks)            # nor is a list of story teasers
    if CONTENT not in [b.label for b in blocks]:                               # still nothing
        # The decoding found no article region, yet some blocks read as content on their
        # own (their page-level score, or the model's stage-1 score of the block and its
        # neighbours, is over the threshold): an empty result would lose them all. Keep
        # those (`context.fallback_own_score`).
        for b in blocks:
            if not b.hits and b.label == BOILERPLATE and max(b.score, b.features.get("p1", 0.0)) >= thr:
                b.decide(CONTENT, None, "context.fallback_own_score")
        drop_comment_zone(blocks)       # what the last resort brought back between comment markers


def _decide_by_states(blocks: list[Block], states: list[bool], thr: float, mode: Mode) -> None:
    """The label of every block without rule hits from the decoding's state and its own score
    (b.decide inlined: three attribute stores per block)."""
    sandwich, outside = SANDWICH_MIN_SCORE[mode], OUTSIDE_KEEP_SCORE[mode]
    for b, st in zip(blocks, states):
        if b.hits:
            continue                                 # rule decisions are final
        s = b.score
        own = s >= thr
        if st:
            if own:
                b.label, b.category, b.reason = CONTENT, None, None
            elif s >= sandwich:
                b.label, b.category, b.reason = CONTENT, None, "context.between_content"
            else:
                b.label, b.category, b.reason = BOILERPLATE, "context", "context.low_score"
        elif own and s >= outside:
            b.label, b.category, b.reason = CONTENT, None, "context.sure_outside_main"
        else:
            b.label, b.category, b.reason = (BOILERPLATE, "context",
                                             "context.between_boilerplate" if own else "context.low_score")


def _true_runs(states: list[bool]) -> list[tuple[int, int]]:
    """[start, end) of each run of True in states (list.index scans in C, one call per edge)."""
    seq = [*states, False]
    runs, end = [], 0
    try:
        while True:
            start = seq.index(True, end)
            end = seq.index(False, start)
            runs.append((start, end))
    except ValueError:                               # no True from `end` on
        return runs


# --- duplicates ------------------------------------------------------------------------------
_PUNCT = re.compile(r"[\W_]+")
TEASER_MIN_CHARS = 25            # a teaser prefix shorter than this is not evidence
DUP_MIN_CHARS = 12               # shorter repeats ("Share", "Home") are left to the rules


def dup_key(text: str) -> str:
    return _PUNCT.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def block_key(b: Block) -> str:
    """dup_key(b.text), computed once per block: classify, metadata and duplicates all ask for it.
    Cached in b.features["_dup_key"] (the features stage rebuilds the dict; a block's text never
    changes)."""
    k = b.features.get("_dup_key")
    if k is None:
        k = b.features["_dup_key"] = dup_key(b.text)
    return k


_ALNUM_STATE = None              # per code point: 0 not yet seen, 1 alphanumeric, 2 not (lazy)


def _alnum(cps):
    """str.isalnum() of each code point (what regex \\w means, less "_"), from a lazily filled
    table: each distinct code point is asked once per process."""
    import numpy as np
    global _ALNUM_STATE
    if _ALNUM_STATE is None:
        _ALNUM_STATE = np.zeros(0x110000, dtype=np.uint8)
    state = _ALNUM_STATE.take(cps)               # take: half the cost of fancy indexing here
    unseen = state == 0
    if unseen.any():
        for cp in np.unique(cps[unseen]).tolist():
            _ALNUM_STATE[cp] = 1 if chr(cp).isalnum() else 2
        state = _ALNUM_STATE.take(cps)
    return state == 1


def _page_dup_keys(texts: list[str], norms: list[str] | None = None) -> list[str] | None:
    """dup_key() of each text, for a whole page at once (None when a text holds a newline, the
    separator used here): NFKC and casefold of the joined text, then with numpy each run of
    non-alphanumeric characters inside a line is cut to its first character, made a space, and
    dropped at the start of a line; one str.replace drops it at the end of a line (what
    `_PUNCT.sub(" ", ...).strip()` does to each text: a run of [\\W_] characters becomes one
    space, which strip removes at the ends).

    norms: the texts' features "norm" (features.normalize_for_rules: NFC, casefold, whitespace
    runs to one space, stripped) when the caller has them. When the page is NFKC-normalised
    already, they stand for the casefolded NFKC text and save the NFKC and casefold passes: a
    text equal to its NFKC form is its NFC form too (NFKC output is in NFC), so its norm is
    its casefold with whitespace runs made one space and stripped; every whitespace character
    is a [\\W_] one (none is alphanumeric, tests/test_classify.py checks all code points), so
    that only shortens runs of [\\W_] characters or drops ones at the ends, which
    `_PUNCT.sub(" ", ...).strip()` makes one space or removes all the same."""
    import numpy as np
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:          # a text has a newline of its own
        return None
    if norms is not None and unicodedata.is_normalized("NFKC", joined):
        # (NFKC-normalised joined text: each text is, "\n" being a starter that composes with
        # nothing.)
        cps = np.frombuffer("\n".join(norms).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    else:
        # NFKC of each text, joined: the same as NFKC of the joined text, and only the texts
        # with characters to change are rewritten (for the rest normalize returns the text
        # itself after its quick check).
        cps = _casefold_code_points("\n".join(map(unicodedata.normalize, repeat("NFKC"), texts)))
    nl = cps == 10
    if np.count_nonzero(nl) != len(texts) - 1:
        return None
    alnum = _alnum(cps)
    keep = alnum | nl
    spaced = np.where(keep, cps, np.uint32(32))
    keep[1:] |= alnum[:-1]                             # a run's first character, after a letter
    text = spaced[keep].tobytes().decode("utf-32-le", "surrogatepass").replace(" \n", "\n")
    return (text[:-1] if text.endswith(" ") else text).split("\n")


def _casefold_code_points(text: str):
    """The code points of text.casefold(): by the features stage's per-character table when every
    character has an entry there (casefold maps one character at a time, without context), else
    by str.casefold."""
    import numpy as np
    from .features import _FOLD
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    folded = _FOLD.take(cps)
    if folded.all():
        return folded
    return np.frombuffer(text.casefold().encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def block_keys(blocks: list[Block]) -> list[str]:
    """block_key() of every block, computed for the whole page at once (the same keys as
    dup_key per block, tests/test_classify.py), from the blocks' features "norm" when the page is
    NFKC-normalised (see _page_dup_keys; the features stage sets "norm" from the block's text,
    which never changes)."""
    feats = [b.features for b in blocks]
    missing = [f for f in feats if "_dup_key" not in f]
    if not missing:                                  # all cached already (later stages)
        return [f["_dup_key"] for f in feats]
    if len(missing) == len(feats):                   # the usual first call: all keys are new
        norms = [f.get("norm") for f in feats]
        keys = _page_dup_keys([b.text for b in blocks], None if None in norms else norms)
        if keys is not None and len(keys) == len(feats):
            for f, k in zip(feats, keys):
                f["_dup_key"] = k
            return keys
    return [block_key(b) for b in blocks]


def duplicates(blocks: list[Block], title: str | None, body_start: int) -> None:
    title_key = dup_key(title) if title else None
    keys = block_keys(blocks)
    _repeats(blocks, keys, title_key, body_start)
    _teasers(blocks, keys)


def _repeats(blocks: list[Block], keys: list[str], title_key: str | None, body_start: int) -> None:
    """duplicate.title and duplicate.repeat. Only a key that occurs twice or is the title's can
    decide anything, so only the blocks with such keys are visited (in page order, as the
    decisions depend on it)."""
    watched = {k for k, c in Counter(keys).items() if c > 1 and len(k) >= DUP_MIN_CHARS}
    if title_key and len(title_key) >= DUP_MIN_CHARS:
        watched.add(title_key)
    if not watched:
        return
    first_seen: dict[str, int] = {}
    for i in [i for i, k in enumerate(keys) if k in watched]:
        b, k = blocks[i], keys[i]
        if title_key and k == title_key and b.label != "title":
            b.decide(BOILERPLATE, "duplicate", "duplicate.title")
            continue
        if k in first_seen:
            j = first_seen[k]
            first = blocks[j]
            if j < body_start and b.kept:
                # the lede shown before the body, then as its first paragraph: drop the first copy
                if first.kept or first.label == BOILERPLATE:
                    first.decide(BOILERPLATE, "duplicate", "duplicate.repeat")
            elif b.kept and first.kept:
                # a later copy goes only while an earlier one stays: the text is never lost
                b.decide(BOILERPLATE, "duplicate", "duplicate.repeat")
        else:
            first_seen[k] = i


def _teasers(blocks: list[Block], keys: list[str]) -> None:
    """duplicate.teaser: "Some sentence that goes on..." when another block starts with the same
    text. The keys that could start with such a text are listed when one is met."""
    long_keys = None
    for i in [i for i, b in enumerate(blocks) if b.features.get("ends_ellipsis")]:
        b = blocks[i]
        stem = dup_key(b.text.rstrip(" .…"))
        if len(stem) < TEASER_MIN_CHARS:
            continue
        if long_keys is None:
            long_keys = [(j, k) for j, k in enumerate(keys) if len(k) >= TEASER_MIN_CHARS]
        if any(j != i and k != stem and k.startswith(stem) for j, k in long_keys):
            b.decide(BOILERPLATE, "duplicate", "duplicate.teaser")
