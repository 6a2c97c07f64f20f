"""The rule index (trigram / substring triggers) must never change which rules hit."""
from pathlib import Path

import pytest

from extractor.features import normalize_for_rules
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
