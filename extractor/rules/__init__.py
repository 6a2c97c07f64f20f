"""Rule packs: data files, one per category and language, loaded as package data.

Layout: extractor/rules/packs/<category>/<lang>.txt   (lang "xx" = language-independent)

File format, one rule per line (blank lines and lines starting with '#' are ignored):

    <reason>\t<scope>\t<pattern>

- reason: a short stable code, `<category>.<kind>` (e.g. `donation.appeal`, `license.icp`);
  it is what Block.reason shows when this rule removes a block.
- scope: where the pattern must match, on the block's normalised text (NFC, case-folded,
  whitespace folded, stripped):
    full   the whole text matches (re.fullmatch)
    short  found anywhere, but only in blocks of at most SHORT_MAX_WORDS words
    any    found anywhere, in blocks of any length (use only for phrases that never occur in
           article prose: "all rights reserved", an ICP licence number)
- pattern: a Python regular expression, linear-time by construction: no nested quantifiers,
  no backreferences, no lookbehind with quantifiers. load() rejects patterns that break this.

A hit is recorded on the block as (category, reason); the classify stage turns hits into
decisions (see classify.py: which categories are decisive for which block lengths).
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import RulePackError

SHORT_MAX_WORDS = 14                 # "short" scope: blocks of at most this many words
SCOPES = ("full", "short", "any")
LANG_INDEPENDENT = "xx"

# A quantified group that itself contains a quantifier: (a+)+, (a|b*)*, (?:x+y)+ ... -> exponential
_NESTED_QUANT = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]")
_BACKREF = re.compile(r"\\[1-9]|\(\?P=")


@dataclass(frozen=True, slots=True)
class Rule:
    category: str
    lang: str
    reason: str
    scope: str
    pattern: re.Pattern
    source: str          # file:line, for error messages and explain output


def check_pattern(pattern: str) -> None:
    """Raise RulePackError if the pattern could backtrack catastrophically."""
    if _NESTED_QUANT.search(pattern):
        raise RulePackError(f"nested quantifier (catastrophic backtracking risk): {pattern!r}")
    if _BACKREF.search(pattern):
        raise RulePackError(f"backreference not allowed: {pattern!r}")


def parse_pack(text: str, category: str, lang: str, source: str) -> list[Rule]:
    rules, seen = [], set()
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split("\t")
        where = f"{source}:{n}"
        if len(parts) != 3:
            raise RulePackError(f"{where}: expected 'reason<TAB>scope<TAB>pattern', got {raw!r}")
        reason, scope, pat = (p.strip() for p in parts)
        if not reason.startswith(category + ".") and not reason.startswith("meta."):
            raise RulePackError(f"{where}: reason {reason!r} must start with '{category}.'")
        if scope not in SCOPES:
            raise RulePackError(f"{where}: scope {scope!r} not one of {SCOPES}")
        if (scope, pat) in seen:
            raise RulePackError(f"{where}: duplicate rule {pat!r}")
        seen.add((scope, pat))
        check_pattern(pat)
        try:
            rx = re.compile(pat)
        except re.error as e:
            raise RulePackError(f"{where}: pattern does not compile: {e}") from None
        rules.append(Rule(category, lang, reason, scope, rx, where))
    return rules


def _packs_root():
    return resources.files(__package__).joinpath("packs")


def available() -> dict[str, list[str]]:
    """{category: [lang, ...]} of the packs shipped with the package."""
    root = _packs_root()
    out: dict[str, list[str]] = {}
    for cat in sorted(p.name for p in root.iterdir() if p.is_dir()):
        langs = sorted(f.name[:-4] for f in root.joinpath(cat).iterdir() if f.name.endswith(".txt"))
        if langs:
            out[cat] = langs
    return out


_load_lock = threading.Lock()


@lru_cache(maxsize=None)
def load_pack(category: str, lang: str) -> tuple[Rule, ...]:
    f = _packs_root().joinpath(category, f"{lang}.txt")
    if not f.is_file():
        raise RulePackError(f"no rule pack {category}/{lang}.txt (have: {available().get(category, [])})")
    return tuple(parse_pack(f.read_text(encoding="utf-8"), category, lang, f"{category}/{lang}.txt"))


@dataclass(frozen=True)
class RuleSet:
    """All rules that apply to one language: the language's packs plus the language-independent ones."""
    lang: str
    full: tuple[Rule, ...]
    short: tuple[Rule, ...]
    any: tuple[Rule, ...]

    def match(self, norm: str, n_words: int) -> list[Rule]:
        hits = [r for r in self.any if r.pattern.search(norm)]
        if n_words <= SHORT_MAX_WORDS:
            hits += [r for r in self.short if r.pattern.search(norm)]
            hits += [r for r in self.full if r.pattern.fullmatch(norm)]
        return hits


@lru_cache(maxsize=64)
def ruleset(lang: str | None) -> RuleSet:
    """Rules for `lang`: its packs, English packs (English furniture words are everywhere on the
    web) and the language-independent packs."""
    langs = [LANG_INDEPENDENT, "en"]
    if lang and lang not in langs:
        langs.append(lang)
    rules: list[Rule] = []
    with _load_lock:
        for cat, have in available().items():
            for lg in langs:
                if lg in have:
                    rules.extend(load_pack(cat, lg))
    by = {s: tuple(r for r in rules if r.scope == s) for s in SCOPES}
    return RuleSet(lang or "", by["full"], by["short"], by["any"])


def all_rules() -> list[Rule]:
    return [r for cat, langs in available().items() for lg in langs for r in load_pack(cat, lg)]
