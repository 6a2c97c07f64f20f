"""Boundary tests of the context and duplicate stages with tiny synthetic blocks."""
from extractor.context import (EXTEND_OWN_SCORE, RESCUE_OWN_SCORE, SANDWICH_MIN_SCORE, context, dup_key, duplicates, keep_main_runs, max_span,
                               viterbi)
from extractor.options import Mode, Options
from extractor.types import Block

LONG = " ".join(["xxxx"] * 60) + "x"     # 300 characters, 60 words (a paragraph)
SHORT = "yy"


def mk(specs):
    """specs: (text, score[, hits]) -> blocks with the features the stages read."""
    out = []
    for i, spec in enumerate(specs):
        text, score = spec[0], spec[1]
        b = Block(index=i, text=text, para=i)
        b.score = score
        b.hits = list(spec[2]) if len(spec) > 2 else []
        b.features = {"jt": "good" if len(text) > 200 else ("short" if len(text) < 70 else "neargood"),
                      "ends_ellipsis": text.endswith(("...", "…")), "ends_terminal": text.endswith((".", "!", "?")),
                      "p1": score, "words": len(text.split()), "cjk": False, "separators": text.count("|"),
                      "bullet": text.startswith(("- ", "• ")), "ends_colon": text.endswith(":"),
                      "commas": text.count(","), "digit_ratio": sum(c.isdigit() for c in text) / max(len(text), 1)}
        out.append(b)
    return out


def _decided(specs):
    """mk(specs) with each block's normalised text and its rule hits decided, after context()."""
    bl = mk(specs)
    for b in bl:
        b.features["norm"] = b.text.casefold()
        if b.hits:
            b.decide("boilerplate", b.hits[0][0], b.hits[0][1])
    context(bl, Options())
    return bl


def test_max_span():
    assert max_span([-1, 2, 3, -10, 4]) == (1, 3, 5)
    assert max_span([-1, -2]) == (0, 0, 0.0)


def test_short_block_between_content_follows_neighbours():
    bl = mk([(LONG, 0.9), (SHORT, 0.3), (LONG, 0.9)])
    assert viterbi(bl, 0.5) == [True, True, True]
    context(bl, Options())
    assert bl[1].kept and bl[1].reason == "context.between_content"


def test_short_block_below_sandwich_floor_goes_even_between_content():
    bl = mk([(LONG, 0.9), (SHORT, SANDWICH_MIN_SCORE[Mode.BALANCED] - 0.01), (LONG, 0.9)])
    context(bl, Options())
    assert not bl[1].kept and bl[1].reason == "context.low_score"


def test_lone_sentence_between_furniture_goes():
    furniture = [("Menu item", 0.1)] * 6
    bl = mk(furniture + [("A sentence-like line in a footer box, fairly short.", 0.6)] + furniture + [(LONG, 0.95)] * 3)
    context(bl, Options())
    assert not bl[6].kept
    assert bl[6].reason in ("context.between_boilerplate", "context.low_score")
    assert all(b.kept for b in bl[-3:])


def test_rule_hits_are_final():
    bl = mk([(LONG, 0.9), ("Donate today", 0.9, [("donation", "donation.appeal")]), (LONG, 0.9)])
    bl[1].decide("boilerplate", "donation", "donation.appeal")
    context(bl, Options())
    assert not bl[1].kept and bl[1].reason == "donation.appeal"


def test_minor_runs_dropped_by_mass_share():
    bl = mk([(LONG, 0.95)] * 5 + [(SHORT, 0.0)] * 3 + [("z" * 40, 0.6)])
    states = [True] * 5 + [False] * 3 + [True]
    assert keep_main_runs(bl, states, 0.5, 0.25) == [True] * 5 + [False] * 4
    assert keep_main_runs(bl, states, 0.5, 0.0) == states


def test_precision_removes_more_than_recall():
    specs = [(LONG, 0.9), ("m" * 60, 0.45), (LONG, 0.9), ("n" * 80, 0.55), ("Footer", 0.1)]
    kept = {}
    for mode in Mode:
        bl = mk(specs)
        context(bl, Options(mode=mode))
        kept[mode] = sum(b.kept for b in bl)
    assert kept[Mode.PRECISION] <= kept[Mode.BALANCED] <= kept[Mode.RECALL]


def test_dup_key_folds_quotes_and_case():
    assert dup_key("Putin’s “outrageous” demands") == dup_key('putin\'s "outrageous" demands')


def test_repeated_headline_removed_as_duplicate_title():
    bl = mk([("Big news headline here", 0.2), (LONG, 0.9), ("Big News Headline Here!", 0.6), (LONG, 0.9)])
    bl[0].decide("title", "title", "meta.title")
    duplicates(bl, "Big news headline here", body_start=1)
    assert bl[2].reason == "duplicate.title" and not bl[2].kept


def test_lede_repeated_before_body_drops_first_copy():
    lede = "The lede paragraph of the story, told once as a summary and then again as the body's first paragraph."
    bl = mk([(lede, 0.9), ("Byline", 0.1), (lede, 0.9), (LONG, 0.9)])
    duplicates(bl, None, body_start=2)
    assert not bl[0].kept and bl[0].reason == "duplicate.repeat"
    assert bl[2].kept


def test_pull_quote_repeated_later_drops_second_copy():
    quote = "A memorable sentence from the middle of the article that a designer repeated."
    bl = mk([(LONG, 0.9), (quote, 0.9), (LONG, 0.9), (quote, 0.9)])
    duplicates(bl, None, body_start=0)
    assert bl[1].kept and not bl[3].kept


def test_a_repeat_of_removed_text_keeps_its_only_kept_copy():
    """A sentence first seen in a removed box inside the article ("Read more" and a teaser),
    then as a paragraph further down: that paragraph is the only copy in the output, so it stays."""
    sentence = "The council voted on Monday to rebuild the old bridge over the river within two years."
    bl = mk([(LONG, 0.9), ("Read more", 0.1), (sentence, 0.2), (LONG, 0.9), (sentence, 0.9), (LONG, 0.9)])
    bl[1].decide("boilerplate", "related", "related.links")
    bl[2].decide("boilerplate", "context", "context.low_score")
    duplicates(bl, None, body_start=0)
    assert bl[4].kept and bl[4].reason != "duplicate.repeat"


def test_teaser_with_ellipsis():
    full = "Negotiators reach accord on exchanging over a thousand captives, yet a truce remains elusive."
    bl = mk([("Negotiators reach accord on exchanging over a thousand captives, yet a truce remains...", 0.7), (full, 0.9)])
    duplicates(bl, None, body_start=1)
    assert bl[0].reason == "duplicate.teaser" and bl[1].kept


def test_short_repeats_are_left_alone():
    bl = mk([("Share", 0.3), (LONG, 0.9), ("Share", 0.3)])
    duplicates(bl, None, body_start=1)
    assert all(b.reason is None for b in bl)


SENTENCE = "Officials said the first inspections would begin in the spring, once the meters are in place."


def test_body_interrupted_by_furniture_is_rescued():
    bl = mk([(LONG, 0.95), (LONG, 0.95), ("Share this", 0.01, [("share", "share.button")]),
             (SENTENCE, 0.3)])
    bl[2].decide("boilerplate", "share", "share.button")
    bl[3].features["p1"] = RESCUE_OWN_SCORE[Mode.BALANCED]
    context(bl, Options())
    assert bl[3].kept and bl[3].reason == "context.after_furniture"


def test_no_rescue_across_a_comments_header():
    bl = mk([(LONG, 0.95), (LONG, 0.95), ("Comments", 0.01, [("comments", "comments.section")]),
             (SENTENCE, 0.3)])
    bl[2].decide("boilerplate", "comments", "comments.section")
    bl[3].features["p1"] = 0.99
    context(bl, Options())
    assert not bl[3].kept


def test_sentence_touching_body_continues_it_but_not_below_the_floor():
    for p1, kept in ((EXTEND_OWN_SCORE[Mode.BALANCED], True), (EXTEND_OWN_SCORE[Mode.BALANCED] - 0.01, False)):
        bl = mk([(LONG, 0.95), (LONG, 0.95), (SENTENCE, 0.2)])
        bl[2].features["p1"] = p1
        context(bl, Options())
        assert bl[2].kept is kept
        if kept:
            assert bl[2].reason == "context.continues_body"


def test_sentences_before_the_body_chain_back_to_it():
    """continues_body carries the body on in both directions: three sentences above the kept
    body, each over the floor on its own, all come back, not only the one touching it."""
    bl = mk([("Menu item", 0.02)] * 3 + [(SENTENCE, 0.2)] * 3 + [(LONG, 0.95)] * 3 + [("Menu item", 0.02)] * 3)
    for b in bl[3:6]:
        b.features["p1"] = 0.9
    context(bl, Options())
    assert [b.kept for b in bl[3:6]] == [True] * 3, [b.reason for b in bl[3:6]]
    assert not any(b.kept for b in bl[:3])


def test_no_empty_result_when_blocks_read_as_content():
    # a lone sentence-like block in a sea of furniture: the decoding drops it, the fallback keeps it
    bl = mk([("Menu item", 0.05)] * 8 + [("A sentence that reads as content on its own, alone here.", 0.6)]
            + [("Menu item", 0.05)] * 8)
    context(bl, Options())
    kept = [b for b in bl if b.kept]
    assert [b.reason for b in kept] in ([None], ["context.fallback_own_score"], ["context.fallback_region"])


def test_fallback_keeps_the_pages_best_region_not_every_block():
    # an article the model scores under the threshold throughout (.3-.45), then a tail of teasers
    # and a comment form whose stage-1 scores are high but whose page-level scores are far lower
    body = [("A paragraph of the article that the model was unsure about, with several clauses. " * 3, s)
            for s in (0.35, 0.42, 0.3, 0.45, 0.38)]
    tail = [("Celebrity teaser: a star steps out in a bold outfit at a premiere, fans react online.", 0.06)] * 8
    bl = mk([("Menu", 0.02)] * 3 + body + [("More", 0.01, [("nav", "nav.menu")])] + tail)
    for b in bl[9:]:
        b.features["p1"] = 0.8                         # reads as content on its own stage-1 score
    bl[8].decide("boilerplate", "nav", "nav.menu")
    context(bl, Options())
    assert [b.kept for b in bl[3:8]] == [True] * 5
    assert all(b.reason == "context.fallback_region" for b in bl[3:8])
    assert not any(b.kept for b in bl[9:]) and not any(b.kept for b in bl[:3])


def _thin_body_page(lede_words: int):
    """Menu, one sure line of lede_words words, then an article the model scored under the
    threshold throughout (.3-.45), then furniture."""
    lede = " ".join(["word"] * (lede_words - 1)) + " end."
    body = [("A paragraph of the article that the model was unsure about, with several clauses. " * 3, s)
            for s in (0.35, 0.42, 0.3, 0.45, 0.38)]
    return mk([("Menu", 0.02)] * 3 + [(lede, 0.95)] + [("Menu item", 0.02)] * 3 + body + [("Menu", 0.02)] * 3)


def test_a_thin_body_gets_the_pages_best_region_back():
    """The decoding kept one short line (under THIN_BODY_WORDS words) of a page whose article the
    model scored low throughout: the article is the page's best region relative to its own
    scores, as when nothing at all was kept."""
    from extractor.context import THIN_BODY_WORDS
    bl = _thin_body_page(THIN_BODY_WORDS - 1)
    context(bl, Options())
    assert bl[3].kept
    assert [b.kept for b in bl[7:12]] == [True] * 5
    assert all(b.reason == "context.fallback_region" for b in bl[7:12])
    assert not any(b.kept for b in bl[:3] + bl[12:])


def test_a_body_of_thin_body_words_is_left_as_decoded():
    from extractor.context import THIN_BODY_WORDS
    bl = _thin_body_page(THIN_BODY_WORDS)
    context(bl, Options())
    assert [b.kept for b in bl] == [False] * 3 + [True] + [False] * 11


def test_fallback_region_needs_a_page_with_some_signal():
    from extractor.context import FALLBACK_MIN_THRESHOLD, FALLBACK_RELATIVE, SWITCH_COST_BY_MODE, fallback_region
    low = FALLBACK_MIN_THRESHOLD / FALLBACK_RELATIVE * 0.9
    bl = mk([("Menu item", 0.01)] * 3 + [("Some words here.", low)] + [("Menu item", 0.01)] * 3)
    fallback_region(bl, Mode.BALANCED, SWITCH_COST_BY_MODE[Mode.BALANCED])
    assert all(b.reason != "context.fallback_region" for b in bl)


def _reference_viterbi(cost_c, cost_b, switch_cost):
    """The decoding as first written (min() of the two ways into each state): viterbi must give
    the same states, ties included."""
    n = len(cost_c)
    c, bb = cost_c[0], cost_b[0]
    back_c, back_b = [False] * n, [False] * n
    for i in range(1, n):
        from_c_c, from_b_c = c, bb + switch_cost
        from_c_b, from_b_b = c + switch_cost, bb
        nc = min(from_c_c, from_b_c) + cost_c[i]
        back_c[i] = from_c_c <= from_b_c
        nb = min(from_c_b, from_b_b) + cost_b[i]
        back_b[i] = from_c_b < from_b_b
        c, bb = nc, nb
    state = c <= bb
    out = [False] * n
    for i in range(n - 1, -1, -1):
        out[i] = state
        state = back_c[i] if state else back_b[i]
    return out


def _reference_state_costs(blocks, threshold):
    """_state_costs as first written (a rule hit's cost set block by block)."""
    import numpy as np

    from extractor.context import BARRIER_CATEGORIES, BARRIER_WEIGHT, LENGTH_WEIGHT_EXP, P_FLOOR, RULE_HIT_P
    from extractor.model import logit
    w = np.power(np.maximum(np.array([len(b.text) for b in blocks], dtype=float), 1.0), LENGTH_WEIGHT_EXP)
    score = np.minimum(np.maximum(np.array([b.score for b in blocks], dtype=float), 1e-4), 1 - 1e-4)
    p = 1.0 / (1.0 + np.exp(-(np.log(score / (1 - score)) - logit(threshold))))
    for i, b in enumerate(blocks):
        if b.hits and not all(cat == "byline" for cat, _ in b.hits):
            p[i] = RULE_HIT_P
            if any(cat in BARRIER_CATEGORIES for cat, _ in b.hits):
                w[i] = max(w[i], BARRIER_WEIGHT)
    p = np.minimum(np.maximum(p, P_FLOOR), 1 - P_FLOOR)
    return (-w * np.log(p)).tolist(), (-w * np.log(1 - p)).tolist()


def test_viterbi_equals_the_reference_decoding():
    import random

    from extractor.context import _state_costs
    rng = random.Random(11)
    hits = [[], [], [], [("nav", "nav.menu")], [("byline", "byline.author")], [("comments", "comments.header")]]
    for _ in range(300):
        bl = mk([(rng.choice([SHORT, LONG, "z" * rng.randrange(1, 120)]),
                  rng.choice([rng.random(), 0.5, 0.0, 1.0]), rng.choice(hits)) for _ in range(rng.randrange(1, 40))])
        for thr, switch in ((0.5, 12.0), (0.36, 8.0), (0.62, 0.0)):
            costs = _state_costs(bl, thr)
            assert costs == _reference_state_costs(bl, thr)
            assert viterbi(bl, thr, switch) == _reference_viterbi(*costs, switch)


def test_content_runs():
    from extractor.context import _true_runs
    assert _true_runs([]) == []
    assert _true_runs([False, False]) == []
    assert _true_runs([True]) == [(0, 1)]
    assert _true_runs([True, True, False, True, False, False, True, True]) == [(0, 2), (3, 4), (6, 8)]


def test_list_items_under_a_removed_lead_in_go_with_it():
    lead = ("Comments will be removed if they:", 0.1, [("comments", "comments.policy")])
    items = [("contain insults or threats against other readers;", 0.6),
             ("advertise goods or services;", 0.6),
             ("are written in capitals only.", 0.6)]
    bl = mk([(LONG, 0.95), (LONG, 0.95), lead, *items, (LONG, 0.95)])
    bl[2].decide("boilerplate", "comments", "comments.policy")
    context(bl, Options())
    assert [b.reason for b in bl[3:6]] == ["context.list_of_removed"] * 3
    assert not any(b.kept for b in bl[2:6])
    assert bl[6].kept                                 # the paragraph after the list is not an item


ARTICLE = ("The central bank changed its exchange rates again on Monday, the third change in a week, and "
           "traders expect more of the same before the end of the month. ") * 2
RATES = [("100 US dollars - 798.98", 0.05), ("100 euros - 1034.52", 0.3), ("10 roubles - 2.48", 0.05)]


def _page(lead_in, items, after):
    return _decided([(ARTICLE, 0.95), (ARTICLE, 0.95), lead_in, *items, after])


def test_list_items_under_a_kept_lead_in_stay_with_it():
    """Table rows under the article's own "...are as follows:" read as furniture one by one; the
    kept lead-in says what they are. Ended by the page's furniture (a rule hit): rows with digits."""
    lead = ("On Tuesday the central bank set the following official rates:", 0.9)
    bl = _page(lead, RATES, ("© 2012 The Daily Example", 0.02, [("license", "license.copyright")]))
    assert bl[2].kept
    assert [b.reason for b in bl[3:6]] == ["context.list_of_kept"] * 3 and all(b.kept for b in bl[3:6])
    # a list of words ended by the article going on (a kept paragraph)
    words = [("slows down ageing,", 0.2), ("helps the heart,", 0.1), ("calms the stomach,", 0.2)]
    bl = _page(("Scientists have studied tea for centuries. We now know that it:", 0.9), words, (ARTICLE, 0.95))
    assert all(b.kept for b in bl[3:6]) and bl[6].kept


def test_no_list_under_a_kept_lead_in_without_a_clear_end():
    lead = ("On Tuesday the central bank set the following official rates:", 0.9)
    # the run fades out at the end of the page
    bl = mk([(ARTICLE, 0.95), (ARTICLE, 0.95), lead, *RATES])
    context(bl, Options())
    assert not any(b.reason == "context.list_of_kept" for b in bl)
    # headlines under a promotional lead-in, ended by a share button: no rows, no list
    heads = [("Five habits of happy people", 0.1), ("Why sleep matters more than you think", 0.1),
             ("The best walks in the hills this autumn", 0.1)]
    bl = _page(("Join us on an exciting journey:", 0.9), heads, ("Share", 0.02, [("share", "share.button")]))
    assert not any(b.kept for b in bl[3:6])
    # one item is no list
    bl = _page(lead, RATES[:1], ("© 2012 The Daily Example", 0.02, [("license", "license.copyright")]))
    assert not bl[3].kept


def test_no_list_after_a_removed_block_without_colon_or_with_one_item():
    lead = ("Comments will be removed if they:", 0.1, [("comments", "comments.policy")])
    bl = mk([(LONG, 0.95), lead, ("contain insults or threats against other readers;", 0.6), (LONG, 0.95)])
    bl[1].decide("boilerplate", "comments", "comments.policy")
    context(bl, Options())
    assert bl[2].reason != "context.list_of_removed"
    no_colon = ("Share this", 0.1, [("share", "share.button")])
    bl = mk([(LONG, 0.95), no_colon, ("first point of the article;", 0.6), ("second point;", 0.6), (LONG, 0.95)])
    bl[1].decide("boilerplate", "share", "share.button")
    context(bl, Options())
    assert all(b.reason != "context.list_of_removed" for b in bl)


def _comment_page(n_comments):
    sig = ("- Reader, Town, 1/2/2012 10:0{}", 0.05, [("comments", "comments.signature")])
    report = ("Report abuse", 0.05, [("comments", "comments.action")])
    specs = [(LONG, 0.95)] * 4 + [("Comments (9)", 0.01, [("comments", "comments.section")])]
    for k in range(n_comments):
        specs += [("I think the council is wrong about this and said so at the meeting. " * 3, 0.8),
                  (sig[0].format(k), sig[1], sig[2]), report]
    bl = mk(specs)
    for b in bl:
        if b.hits:
            b.decide("boilerplate", "comments", b.hits[0][1])
    return bl


def test_comments_between_their_furniture_go():
    from extractor.context import drop_comment_zone
    bl = _comment_page(4)
    for b in bl:
        if not b.hits:
            b.decide("content", None, None)          # as if the decoding had kept them all
    drop_comment_zone(bl)
    assert all(b.kept for b in bl[:4])               # the article before the comments stays
    comments = [b for b in bl[5:] if not b.hits]
    assert comments[0].kept                          # only the header before it: no evidence
    assert [b.reason for b in comments[1:]] == ["comments.zone"] * 3
    # and through the whole context stage, none of those comments survives
    bl = _comment_page(4)
    context(bl, Options())
    assert all(b.kept for b in bl[:4])
    assert not any(b.kept for b in [b for b in bl[5:] if not b.hits][1:])


def test_no_comment_zone_with_too_few_markers():
    bl = mk([(LONG, 0.95), ("Report abuse", 0.05, [("comments", "comments.action")]), (LONG, 0.95),
             ("Report abuse", 0.05, [("comments", "comments.action")]), (LONG, 0.95)])
    for b in bl:
        if b.hits:
            b.decide("boilerplate", "comments", "comments.action")
    from extractor.context import drop_comment_zone
    drop_comment_zone(bl)
    assert all(b.reason != "comments.zone" for b in bl)


def test_a_long_reply_between_two_signatures_goes_but_not_across_a_wide_gap():
    from extractor.context import ZONE_SPAN, drop_comment_zone
    sig = ("Reader on May 1, 2019 at 9:00 am said:", 0.05, [("comments", "comments.signature")])
    reply = ("A long reply paragraph that reads like prose, with a few clauses and a full stop.", 0.9)
    specs = [(LONG, 0.95)] * 3 + [sig, sig, reply, sig] + [reply] * 6 + [sig] + [reply] * (ZONE_SPAN + 1) + [sig]
    bl = mk(specs)
    for b in bl:
        b.decide("boilerplate", "comments", "comments.signature") if b.hits else b.decide("content", None, None)
    drop_comment_zone(bl)
    assert all(b.kept for b in bl[:3])
    assert not bl[5].kept and all(not b.kept for b in bl[7:13])          # replies between signatures
    assert all(b.kept for b in bl[14:14 + ZONE_SPAN + 1])                # markers too far apart


def test_a_fallback_does_not_bring_back_replies_between_comment_markers():
    """A page whose article scores under the threshold everywhere goes to the fallbacks; the
    replies of its comment thread (between signatures) must stay out, as they do when the
    decoding keeps the article in the first place."""
    sig = ("Reader on May 1, 2019 at 9:00 am said:", 0.02, [("comments", "comments.signature")])
    reply = ("A reply that reads like prose, with a few clauses, and ends with a full stop.", 0.35)
    body = ("An article paragraph that reads like prose, with a few clauses and a full stop. " * 3, 0.4)
    specs = [body] * 4 + [("Comments", 0.02, [("comments", "comments.section")])]
    for _ in range(4):
        specs += [sig, reply, reply]
    specs += [sig]
    bl = _decided(specs)
    assert any(b.kept for b in bl[:4])                                  # the article, by a fallback
    assert not any(b.kept for b in bl[5:]), [(b.text[:20], b.reason) for b in bl[5:] if b.kept]


# a list of story teasers: each line a headline run on into its standfirst, no sentence ends
TEASERS = [
    "Pop singer steps out in a sequinned jumpsuit at the awards after party Turned heads on the red carpet",
    "Former footballer opens a bakery in his home town with his brother Queues formed around the block by noon",
    "TV chef reveals the one ingredient she never cooks without Says her grandmother taught her the trick",
    "Actor shaves off his famous beard for a new role in a period drama Fans barely recognised him at the airport",
    "Reality star and her fiance show off their new puppy on a beach walk Couple were all smiles in the sunshine",
    "Comedian announces a surprise tour of small theatres next spring Tickets go on sale on Friday 'for fans only'",
    "Model swaps the catwalk for the classroom as she starts a nursing degree Wants to give something back",
]


def test_a_run_of_teasers_is_removed_even_when_the_model_keeps_it():
    bl = mk([(LONG + ".", 0.95)] + [(t, 0.9) for t in TEASERS])
    context(bl, Options())
    assert bl[0].kept
    assert all(not b.kept and b.reason == "related.teaser_run" and b.category == "related" for b in bl[1:])


def test_a_fallback_does_not_bring_back_a_run_of_teasers():
    """A page whose article scores under the threshold everywhere goes to the fallbacks; the
    page's best region relative to its own scores can hold the teaser list below the article
    (as high as the article itself): the list goes again, as when the decoding keeps it."""
    body = [("An article paragraph that reads like prose, with a few clauses and a full stop. " * 3, s)
            for s in (0.3, 0.42, 0.35, 0.4)]
    teasers = [(t, 0.4) for t in TEASERS * 2]
    bl = _decided(body + [("More", 0.01, [("nav", "nav.menu")])] + teasers)
    assert all(b.kept and b.reason == "context.fallback_region" for b in bl[:4])
    assert not any(b.kept for b in bl[5:]), [(b.text[:20], b.reason) for b in bl[5:] if b.kept]
    assert all(b.reason == "related.teaser_run" for b in bl[5:])


def test_a_short_run_of_unfinished_lines_is_not_a_teaser_list():
    bl = mk([(LONG + ".", 0.95)] + [(t, 0.9) for t in TEASERS[:5]] + [(LONG + ".", 0.95)])
    context(bl, Options())
    assert all(b.kept for b in bl)


def test_paragraphs_that_end_their_sentences_are_not_teasers():
    bl = mk([(LONG + ".", 0.95)] + [(t + ".", 0.9) for t in TEASERS] + [(t + "!", 0.9) for t in TEASERS])
    context(bl, Options())
    assert all(b.kept for b in bl)


def test_a_teaser_may_end_on_a_quoted_phrase_but_not_on_a_quoted_sentence():
    from extractor.context import _teaser_end
    b = mk([("Singer talks about the making of her new album and the song she calls her 'special edition'", 0.9),
            ("Singer talks about the making of her new album and says it is 'the best thing I have done.'", 0.9)])
    assert _teaser_end(b[0]) == 2 and _teaser_end(b[1]) != 2


def test_bullet_items_and_table_rows_are_not_teasers():
    bullets = [("- " + t, 0.9) for t in TEASERS]
    rows = [(" | ".join(t.split()[:4]) + " | " + " ".join(t.split()[4:]), 0.9) for t in TEASERS]
    terms = [(f"{n} Module {n}: wiring diagrams, measuring exercises, sensors, ignition and engine control units", 0.9)
             for n in range(10, 17)]
    for specs in (bullets, rows, terms):
        bl = mk([(LONG + ".", 0.95)] + specs)      # (a body beside them: an empty page falls back)
        context(bl, Options())
        assert all(b.kept for b in bl)


DATELINE_TEASERS = [
    "Flood barriers hold as river peaks LONDON: The new flood barriers held overnight as the river reached its highest level",
    "Port strike ends after two weeks HAMBURG: Dock workers returned to work on Monday after the union accepted a new offer",
    "Rail line reopens after landslide ZURICH: Trains are running again on the mountain line that was closed by a landslide",
]


def test_a_run_of_headlines_running_into_their_datelines_is_a_teaser_list():
    bl = mk([(LONG + ".", 0.95)] + [(t, 0.9) for t in DATELINE_TEASERS])
    context(bl, Options())
    assert bl[0].kept and all(b.reason == "related.teaser_run" for b in bl[1:])


def test_paragraphs_that_open_on_their_dateline_or_quote_a_source_are_not_teasers():
    body = ["LONDON: The new flood barriers held overnight as the river reached its highest level in forty years.",
            "The engineer in charge told the BBC: \"We are relieved, but the next tide is the real test for the town.\"",
            "A spokesman for the council told ITV: \"Everyone who left their home last night can return this morning.\"",
            "A resident who spent the night in the school hall told the BBC: \"We were lucky this time, so very lucky.\""]
    bl = mk([(LONG + ".", 0.95)] + [(t, 0.9) for t in body])
    context(bl, Options())
    assert all(b.kept for b in bl)
    two = mk([(LONG + ".", 0.95)] + [(t, 0.9) for t in DATELINE_TEASERS[:2]] + [(LONG + ".", 0.95)])
    context(two, Options())
    assert all(b.kept for b in two)


def test_a_teaser_list_may_hold_questions_but_a_post_of_exclamations_is_not_one():
    mixed = TEASERS + ["Singer hits back at critics of her new look on social media Says she has never felt better"]
    mixed[2] = "Are the couple back together after the split? Pair spotted at a restaurant in the city?"
    mixed[4] = "Can the stars of the show still surprise us after ten seasons on the small screen!"
    bl = mk([(LONG + ".", 0.95)] + [(t, 0.9) for t in mixed])
    context(bl, Options())
    assert all(b.reason == "related.teaser_run" for b in bl[1:])
    # mostly exclamations: a chatty post, not a list (only 6 of 12 lines end on no mark)
    chatty = [t + "!" for t in TEASERS[:6]] + TEASERS[:6]
    bl = mk([(LONG + ".", 0.95)] + [(t, 0.9) for t in chatty])
    context(bl, Options())
    assert all(b.kept for b in bl)


POLL = [("widget", "widget.poll")]


def _poll_page(question, answers, tally=True):
    body = "The council met on Monday and voted to rebuild the old bridge over the river, a project that will take two years. " * 2
    specs = [(body, 0.95), (body, 0.95), ("Reader poll", 0.3, POLL), (question, 0.7)]
    specs += [(a, 0.7) for a in answers]
    if tally:
        specs.append(("Total votes: 412", 0.1, POLL))
    specs.append((body, 0.95))
    bl = mk(specs)
    for b in bl:
        if b.hits:
            b.decide("boilerplate", "widget", "widget.poll")
    context(bl, Options())
    return bl


def test_a_polls_question_and_answers_go_with_its_heading():
    bl = _poll_page("Should the bridge be rebuilt?", ["Yes, as soon as possible", "No, build a new one", "I do not know"])
    assert [b.reason for b in bl[3:7]] == ["widget.poll_option"] * 4
    assert not any(b.kept for b in bl[2:8])
    assert bl[0].kept and bl[1].kept and bl[8].kept


def test_sentences_after_a_poll_heading_are_not_answers():
    # an article that discusses a poll: its sentences end with a full stop, so no answer run
    bl = _poll_page("Who asked the question?", ["The council asked it in March.", "Most people answered yes."], tally=False)
    assert all(b.reason != "widget.poll_option" for b in bl)
    # a heading with answers but no question is left alone too
    bl = _poll_page("Bridge works", ["Yes, as soon as possible", "No, build a new one"])
    assert all(b.reason != "widget.poll_option" for b in bl)


def test_a_page_whose_only_region_is_its_comments_keeps_its_short_article():
    """An open thread: a one-paragraph post the page-level scores put far under the threshold,
    then reader comments that score higher, yet under it. The decoding keeps nothing, the
    fallback region keeps the comments (the page's best region relative to its own scores),
    the comment zone removes them again, and the post, which reads as content on its own
    (stage-1 score), is kept by the last resort instead of an empty result."""
    intro = "Our quarterly open thread: ask us anything about our research in the comments below. " * 2
    specs = [(intro, 0.1), ("Comments (4)", 0.01, [("comments", "comments.section")])]
    for k in range(4):                                # each comment between its signature and its button
        specs += [(f"- Reader, Town, 1/2/2012 10:0{k}", 0.05, [("comments", "comments.signature")]),
                  ("I think the council is wrong about this and said so at the meeting. " * 3, 0.4),
                  ("Report abuse", 0.05, [("comments", "comments.action")])]
    bl = mk(specs)
    bl[0].features["p1"] = 0.8                        # the post alone reads as content
    for b in bl:
        if b.hits:
            b.decide("boilerplate", "comments", b.hits[0][1])
    context(bl, Options())
    assert bl[0].kept and bl[0].reason == "context.fallback_own_score"
    assert not any(b.kept for b in [b for b in bl[2:] if not b.hits][1:])


SHARE_BAR = ("Whatsapp Facebook Pinterest Save", 0.02, [("share", "share.networks")])


CARD_BODY = "The council met on Monday and voted to rebuild the old bridge over the river, a project that will take two years. " * 2


def _cards_page(heading_hits, n_cards=4):
    quote = "Courage is not the absence of fear but the will to go on when the road is long and the night is dark. " * 2
    specs = [(CARD_BODY, 0.95), SHARE_BAR, (CARD_BODY, 0.95), ("You may also like", 0.05, heading_hits)]
    for _ in range(n_cards):
        specs += [SHARE_BAR, (quote, 0.9)]
    return _decided(specs)


def test_cards_under_a_related_heading_go_with_it():
    bl = _cards_page([("related", "related.links")])
    cards = [b for b in bl[4:] if not b.hits]
    assert [b.reason for b in cards[:-1]] == ["related.card"] * 3
    assert not any(b.kept for b in cards[:-1])
    assert bl[0].kept and bl[2].kept                  # the article and its own share bar above


def test_ad_slots_between_article_paragraphs_are_no_card_furniture():
    """An inline "Read more" link, then the article goes on with an ad slot after every second
    paragraph: the ad label repeats in the card rhythm, but the paragraphs are the article."""
    ad = ("Advertisement", 0.02, [("widget", "widget.ad")])
    specs = [(CARD_BODY, 0.95), (CARD_BODY, 0.95), ("Read more", 0.05, [("related", "related.links")]), ad]
    for _ in range(3):
        specs += [(CARD_BODY, 0.9), (CARD_BODY, 0.9), ad]
    bl = _decided(specs)
    paragraphs = [b for b in bl[4:] if not b.hits]
    assert len(paragraphs) == 6 and all(b.kept for b in paragraphs)
    assert all(b.reason != "related.card" for b in bl)


def test_repeated_furniture_without_a_related_heading_is_no_card_list():
    bl = _cards_page([("widget", "widget.ad")])       # an ad label, not a related heading
    assert all(b.reason != "related.card" for b in bl)
    bl = _cards_page([("related", "related.links")], n_cards=1)     # one card: no rhythm
    assert all(b.reason != "related.card" for b in bl)


def test_a_body_left_empty_by_the_headline_is_refilled_by_the_fallbacks():
    """The decoding kept one block, and the metadata stage took it for the headline: the
    metadata stage refills the body with the fallbacks (here the page's best region relative to
    its own scores) instead of returning an empty text."""
    from extractor import pipeline
    specs = [("Menu", 0.02), ("Racing calendar for the season", 0.9)]
    specs += [(f"Round {k}: {k + 9} March - the old harbour circuit", 0.35) for k in range(1, 7)]
    specs += [("Imprint", 0.02), ("Privacy", 0.02)]
    bl = mk(specs)
    for b in bl:
        b.features.update({"chars": len(b.text), "url": False, "email": False, "alpha_ratio": 0.8,
                           "caps_word_ratio": 0.2, "stop_density": 0.2, "sentences": 0, "norm": b.text.casefold()})
        if b.index == 1:                              # what the decoding left: this block alone
            b.decide("content", None, None)
        else:
            b.decide("boilerplate", "context", "context.low_score")
    doc = pipeline.Document(text="", options=Options())
    doc.blocks, doc.body_start = bl, 1
    pipeline.metadata(doc)
    assert doc.meta["title"] == "Racing calendar for the season" and bl[1].label == "title"
    rounds = [b for b in bl if b.text.startswith("Round")]
    assert all(b.kept and b.reason == "context.fallback_region" for b in rounds)
    assert not bl[0].kept and not bl[-1].kept


NUMBER = [("widget", "widget.number")]


def test_a_bare_number_between_kept_blocks_is_the_articles_own():
    """A recipe's step numbers, cut one per line, stay between the kept steps; a count under a
    removed teaser stays removed."""
    step = "Heat the oven and grease a round cake pan, then stir the flour and the sugar together. "
    bl = _decided([(ARTICLE, 0.95), ("2", 0.1, NUMBER), (step * 2, 0.95), ("3", 0.1, NUMBER), (step * 2, 0.95)])
    assert [b.kept for b in bl] == [True] * 5
    assert bl[1].reason == bl[3].reason == "context.number_in_body"
    bl = _decided([(ARTICLE, 0.95), (ARTICLE, 0.95), ("Coach says the team will fight on", 0.1), ("203", 0.1, NUMBER),
                   ("Share", 0.02, [("share", "share.button")]), (ARTICLE, 0.95)])
    assert not bl[3].kept and bl[3].reason == "widget.number"


def test_numbers_of_a_table_under_a_kept_lead_in_stay_with_it():
    """A standings table cut one cell per line, the article going on after it: its number cells are
    list items like its names."""
    lead = ("After the last race of the season, the final standings of the championship were:", 0.9)
    cells = [("Smith", 0.1), ("36", 0.02, NUMBER), ("Jones", 0.1), ("30", 0.02, NUMBER), ("Brown", 0.1), ("28", 0.02, NUMBER)]
    bl = _page(lead, cells, (ARTICLE, 0.95))
    assert all(b.kept for b in bl[3:9]), [(b.text, b.reason) for b in bl]
