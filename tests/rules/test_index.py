"""The rule index (trigram / substring triggers) must never change which rules hit."""
from pathlib import Path

import pytest

from extractor.features import normalize_for_rules
from extractor import rules
from extractor.rules import index_keys, ruleset

LINES = [
    "Home", "Share this article", "© 2024 Example Media. All rights reserved.", "沪ICP备05050403号-5",
    "Photo: John Smith/Getty Images", "By Jane Doe", "23:35 UTC+8, 2025-05-16", "Read more: the next story",
    "The council voted on Tuesday to approve the budget for the new library after a long debate.",
    "Please disable your ad blocker to continue reading.", "12 comments", "Подписаться на рассылку",
    "Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.", "ok", "ad", "x", "×", "",
]


@pytest.mark.parametrize("lang", ["en", "de", "fr", "ru", "zh", "ja", "pl", None])
def test_indexed_match_equals_brute_force(lang):
    rs = ruleset(lang)
    lines = list(LINES)
    seeds = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
    for f in seeds.glob("*.txt"):
        lines += f.read_text(encoding="utf-8").splitlines()
    for line in lines:
        norm = normalize_for_rules(line)
        n = len(norm.split())
        assert rs.match(norm, n) == rs.match_all(norm, n), line


def test_index_keys_kinds():
    assert index_keys(r"\bshare this\b") == ("word", frozenset({"sha"}))
    assert index_keys(r"^\W{0,3}(?:menu|home)$")[0] == "word"
    assert index_keys(r"icp备\d+")[0] == "substr"
    assert index_keys(r"\d{4}-\d{2}")[0] == "digit"
    assert index_keys(r".*")[0] == "always"


BENCH = Path(__file__).resolve().parents[3] / "shared" / "bench"


@pytest.mark.skipif(not BENCH.is_dir(), reason="needs ../shared/bench")
@pytest.mark.parametrize("lang", ["en", "de", "ru", "zh"])
def test_indexed_match_equals_brute_force_on_real_lines(lang):
    """Index, length bounds, required literals and the combined `full` check never change the
    answer, on lines of real pages (a fixed sample of every set)."""
    rs = ruleset(lang)
    lines = []
    for sub in ("article", "snippets", "sites"):
        for f in sorted((BENCH / sub).glob("*/fullpage.txt"))[::15]:
            lines += f.read_text(encoding="utf-8").splitlines()[:60]
    assert len(lines) > 500
    for line in lines:
        norm = normalize_for_rules(line)
        n = len(norm.split())
        assert rs.match(norm, n) == rs.match_all(norm, n), line


def test_required_literals():
    from extractor.rules import required_literals
    assert required_literals(r"\bsign up for our newsletter\b") == frozenset({"sign up for our newsletter"})
    # a run of items matching few strings gives every string of the run: longer literals
    assert required_literals(r"(?:subscribe|sign up) to our \w+") == frozenset({"subscribe to our ", "sign up to our "})
    assert required_literals(r"^[^•·]{1,40} [•·] [^•·]{1,40}") == frozenset({" • ", " · "})
    assert required_literals(r"©|ⓒ") == frozenset({"©", "ⓒ"})            # rare characters weigh more
    req = required_literals(r"(?:subscribe|sign up)\W+\w+")       # the parser factors out the "s"
    assert req and all(any(lit in t for lit in req) for t in ("subscribe now", "sign up - today"))
    assert required_literals(r"\d+ comments?") == frozenset({" comment"})
    assert required_literals(r"[a-z]+") is None
    assert required_literals(r"(?:ab|cd)") is None            # too short to be worth a check
    assert required_literals(r"(?:ab|cd)", 1) == frozenset({"ab", "cd"})  # ... unless asked for


def test_start_leads():
    from extractor.rules import lead_key, start_leads
    assert start_leads(r"\W{0,3}(?:home|menu)\W{0,3}") == (frozenset({"hom", "men"}), False)
    assert start_leads(r"\W{0,3}\d{1,2}:\d{2}") == (frozenset({"0:0", "00:"}), False)
    assert start_leads(r"\W{0,2}[×x]\W{0,2}") == (frozenset({"x"}), True)   # "×" alone has no word
    assert start_leads(r"\W{0,3}(?:\(c\)|©)") == (frozenset({"c)"}), True)
    assert start_leads(r"[^|]{0,80}\|.*") is None                            # first word unknown
    assert start_leads(r"^\W{0,3}share\b", anchored=False) == (frozenset({"sha"}), False)
    assert start_leads(r"share\b", anchored=False) is None                   # a search, not anchored
    assert lead_key("— 12:30 pm") == "00:" and lead_key("» home") == "hom" and lead_key("» ×") is None


def _lead_key_reference(text):
    """lead_key() as first defined: one regex search for the first word character on."""
    import re
    m = re.search(r"\w.{0,%d}" % (rules.LEAD_CHARS - 1), text, re.S)
    if m is None:
        return None
    key = m.group()
    return key if key.isalpha() else re.sub(r"\d", "0", key)


def test_lead_key_equals_reference():
    """The fast path (a block starting with a word character) gives the regex's key, for every
    code point as the first character, followed by letters, digits, CJK, spaces or nothing."""
    tails = ["", "ab", "1x", "中文字", " » z", "٣٤ab", "_ "]
    for cp in range(0, 0x110000, 7):
        c = chr(cp)
        if 0xD800 <= cp <= 0xDFFF:
            continue
        for tail in tails[cp % 3::3] + [""]:
            assert rules.lead_key(c + tail) == _lead_key_reference(c + tail), (hex(cp), tail)
    for text in ["", " ", "»", "— 12:30 pm", "_x", "２０２４年", "Ⅻ chapter", "¹²³", "  home", "ß"]:
        assert rules.lead_key(text) == _lead_key_reference(text), text


@pytest.mark.parametrize("lang", ["en", "ru", "zh", None])
def test_candidate_ids_sorted_and_from_every_source(lang):
    """candidate_ids() is sorted without repeats and holds the lead's rules and the rules of
    every literal the block contains (remembered lead keys give the same answer twice)."""
    rs = ruleset(lang)
    for plan in (rs._short, rs._long):
        for line in LINES + ["©2024 all rights reserved", "» 12 comments", "× close"]:
            norm = normalize_for_rules(line)
            for _ in range(2):
                ids = list(plan.candidate_ids(norm))
                assert ids == sorted(set(ids))
                assert set(plan.lead_ids(rules.lead_key(norm))) <= set(ids)
                if plan.automaton is not None:
                    for _, found in plan.automaton.iter(norm):
                        assert set(found) <= set(ids)


def test_languages_without_packs_share_one_rule_set():
    """A detector can return any of dozens of codes: those without packs of their own get the
    no-language set (the same rules), not a copy each (a copy is about 10 MB)."""
    assert ruleset("sw") is ruleset(None) is ruleset("en") is ruleset("xx") is ruleset("")
    de = ruleset("de")
    assert de is not ruleset(None) and de is ruleset("de")
    for line in ["Teilen", "Lesen Sie auch: die Fortsetzung", "Alle Rechte vorbehalten"]:
        norm = normalize_for_rules(line)
        assert de.match(norm, len(norm.split())) == de.match_all(norm, len(norm.split()))


def test_danish_and_norwegian_pages_get_each_others_packs():
    """The stopword vote gives Norwegian text "da" (the two share most stopwords); their furniture
    differs by a letter or two, so each language's set holds both packs."""
    for lang in ("da", "no"):
        for line in ["Les også: Strømprisen stiger igjen", "Læs også: Elprisen stiger igen"]:
            norm = normalize_for_rules(line)
            assert {r.category for r in ruleset(lang).match(norm, len(norm.split()))} == {"related"}, (lang, line)
    norm = normalize_for_rules("Läs också: Elpriset stiger igen")      # Swedish stays Swedish
    assert not ruleset("da").match(norm, len(norm.split())) and ruleset("sv").match(norm, len(norm.split()))


def test_czech_and_slovak_pages_get_each_others_packs():
    """A Slovak page of menu lines and a few paragraphs is often detected as Czech: each language's
    set holds both packs, so its read-also links and share buttons still go."""
    for lang in ("cs", "sk"):
        for line, cat in [("Čítajte aj: Ceny energií opäť rastú", "related"), ("Čtěte také: Ceny energií opět rostou", "related"),
                          ("Zdieľať", "share"), ("Sdílet", "share")]:
            norm = normalize_for_rules(line)
            assert {r.category for r in ruleset(lang).match(norm, len(norm.split()))} == {cat}, (lang, line)
    norm = normalize_for_rules("Čítajte aj: Ceny energií opäť rastú")      # Polish gets neither
    assert not ruleset("pl").match(norm, len(norm.split()))


def test_clear_match_caches_empties_the_built_sets_and_builds_none():
    """speed.py clears the remembered answers before each pass; that must neither leave an answer
    behind nor build the rule sets of languages the process never met."""
    de = ruleset("de")
    norm = normalize_for_rules("Teilen")
    de.match(norm, 1)
    assert de.match.cache_info().currsize >= 1
    built = rules._ruleset.cache_info().currsize
    rules.clear_match_caches()
    assert de.match.cache_info().currsize == 0
    assert rules._ruleset.cache_info().currsize == built
