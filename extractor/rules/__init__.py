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

Speed: trying hundreds of patterns on every line costs more than the rest of the pipeline, so
each rule is indexed by what any match must start with (found by walking the parsed pattern):
a rule whose pattern starts at a word boundary with known literals is tried only on lines that
have a word beginning with one of those literals' first TRIGGER_CHARS characters; a rule with a
required literal elsewhere only on lines containing it; only the rest on every line.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import RulePackError

SHORT_MAX_WORDS = 14                 # "short" scope: blocks of at most this many words
TRIGGER_CHARS = 3                    # index key: the first characters of a rule's literal prefix
MATCH_CACHE_SIZE = 20_000            # per rule set: normalised blocks whose hits are remembered
MAX_PREFIXES = 256                   # a pattern with more literal alternatives is not indexed
SCOPES = ("full", "short", "any")
LANG_INDEPENDENT = "xx"

# A quantified group that itself contains a quantifier: (a+)+, (a|b*)*, (?:x+y)+ ... -> exponential
_NESTED_QUANT = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]")
_BACKREF = re.compile(r"\\[1-9]|\(\?P=")


try:                                                   # the parser of the `re` module
    from re import _constants as _sre_c, _parser as _sre_p
except ImportError:                                    # pragma: no cover - Python < 3.11
    import sre_constants as _sre_c
    import sre_parse as _sre_p

_WORD_CHAR = re.compile(r"\w")
_TOKEN = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")


def _prefixes(items, alts):
    """Extend alternatives [(literal, starts_at_boundary)] along a parsed sequence.
    Returns (alternatives, complete): complete when the whole sequence was literal."""
    for op, av in items:
        if op is _sre_c.LITERAL:
            alts = [(a + chr(av), b) for a, b in alts]
        elif op is _sre_c.AT:
            if av in (_sre_c.AT_BOUNDARY, _sre_c.AT_BEGINNING, _sre_c.AT_BEGINNING_STRING):
                alts = [(a, b or a == "") for a, b in alts]
        elif op is _sre_c.SUBPATTERN:
            new, complete = _prefixes(av[-1], alts)
            if len(new) > MAX_PREFIXES:
                return alts, False
            alts = new
            if not complete:
                return alts, False
        elif op is _sre_c.BRANCH:
            out, complete = [], True
            for branch in av[1]:
                sub, c = _prefixes(branch, alts)
                out.extend(sub)
                complete = complete and c
            if len(out) > MAX_PREFIXES:
                return alts, False
            alts = out
            if not complete:
                return alts, False
        elif (op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT) and av[0] == 0 and all(a == "" for a, _ in alts)
              and _non_word_item(av[2])):
            continue                          # leading optional punctuation: \W{0,3}, \s*, [-–|]*
        elif op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            sub, c = _prefixes(av[2], alts)
            if not c or len(alts) + len(sub) > MAX_PREFIXES:
                return alts, False            # what follows the optional part is unknown
            alts = alts + sub
        else:
            return alts, False
    return alts, True


def _non_word_item(item) -> bool:
    """True when a repeated item can only match non-word characters."""
    item = list(item)
    if len(item) != 1:
        return False
    op, av = item[0]
    if op is _sre_c.IN:
        for iop, iav in av:
            if iop is _sre_c.CATEGORY and iav in (_sre_c.CATEGORY_NOT_WORD, _sre_c.CATEGORY_SPACE):
                continue
            if iop is _sre_c.LITERAL and not _WORD_CHAR.match(chr(iav)):
                continue
            return False
        return True
    return op is _sre_c.LITERAL and not _WORD_CHAR.match(chr(av))


def _starts_with_digit(parsed) -> bool:
    for op, av in parsed:
        if op is _sre_c.AT:
            continue
        if op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT) and av[0] == 0 and _non_word_item(av[2]):
            continue
        if op is _sre_c.IN:
            return all(iop is _sre_c.CATEGORY and iav is _sre_c.CATEGORY_DIGIT or
                       iop is _sre_c.RANGE and chr(iav[0]).isdigit() and chr(iav[1]).isdigit() or
                       iop is _sre_c.LITERAL and chr(iav).isdigit() for iop, iav in av)
        if op is _sre_c.SUBPATTERN:
            return _starts_with_digit(list(av[-1]))
        if op is _sre_c.BRANCH:
            return all(_starts_with_digit(list(b)) for b in av[1])
        if op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT) and av[0] >= 1:
            return _starts_with_digit(list(av[2]))
        if op is _sre_c.LITERAL:
            return chr(av).isdigit()
        return False
    return False


@lru_cache(maxsize=None)
def index_keys(pattern: str) -> tuple[str, frozenset]:
    """How to find candidate lines for a pattern: ("word", {3-char token prefixes}),
    ("substr", {required literals}) or ("always", {})."""
    try:
        parsed = _sre_p.parse(pattern)
    except Exception:
        return "always", frozenset()
    alts, _ = _prefixes(list(parsed), [("", False)])
    if not alts or len(alts) > MAX_PREFIXES:
        return ("digit", frozenset()) if _starts_with_digit(list(parsed)) else ("always", frozenset())
    if all(b and len(a) >= TRIGGER_CHARS and all(_WORD_CHAR.match(c) for c in a[:TRIGGER_CHARS]) for a, b in alts):
        return "word", frozenset(a[:TRIGGER_CHARS] for a, _ in alts)
    if all(len(a) >= 2 for a, _ in alts):
        # a prefix of a required literal is required too: a few short keys instead of many long ones
        return "substr", frozenset(a[:TRIGGER_CHARS] for a, _ in alts)
    if _starts_with_digit(list(parsed)):
        return "digit", frozenset()
    return "always", frozenset()


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


class RuleSet:
    """All rules that apply to one language: the language's packs plus the language-independent
    ones, indexed by trigger (see the module docstring).

    A block's candidate rules come from its set of character trigrams (one set operation); a long
    block only meets `any`-scope rules."""

    def __init__(self, lang: str, rules: list[Rule]):
        self.lang = lang
        self.rules = tuple(rules)
        # scope "short"/"full" rules (tried on short blocks) and scope "any" rules, separately
        self.short_keys: dict[str, list[int]] = {}
        self.any_keys: dict[str, list[int]] = {}
        self.short_always: list[int] = []
        self.any_always: list[int] = []
        self.short_digit: list[int] = []
        self.any_digit: list[int] = []
        for i, r in enumerate(self.rules):
            kind, keys = index_keys(r.pattern.pattern)
            is_any = r.scope == "any"
            if kind in ("word", "substr"):
                table = self.any_keys if is_any else self.short_keys
                for k in keys:
                    table.setdefault(k, []).append(i)
            elif kind == "digit":
                (self.any_digit if is_any else self.short_digit).append(i)
            else:
                (self.any_always if is_any else self.short_always).append(i)
        self._short_keyset = frozenset(k for k in self.short_keys if len(k) >= TRIGGER_CHARS)
        self._any_keyset = frozenset(k for k in self.any_keys if len(k) >= TRIGGER_CHARS)
        self._tiny_any = tuple(sorted((k, tuple(v)) for k, v in self.any_keys.items() if len(k) < TRIGGER_CHARS))
        self._tiny_short = tuple(sorted((k, tuple(v)) for k, v in self.short_keys.items() if len(k) < TRIGGER_CHARS))
        self.match = lru_cache(maxsize=MATCH_CACHE_SIZE)(self._match)

    def candidates(self, norm: str, short: bool) -> list[int]:
        has_digit = bool(_DIGIT.search(norm))
        cand = set(self.any_always)
        if has_digit:
            cand.update(self.any_digit)
        n = TRIGGER_CHARS
        grams = {norm[i:i + n] for i in range(len(norm) - n + 1)}
        if len(norm) < n:
            grams.add(norm)
        for g in grams & self._any_keyset:
            cand.update(self.any_keys[g])
        for k, idx in self._tiny_any:              # keys shorter than TRIGGER_CHARS
            if k in norm:
                cand.update(idx)
        if short:
            cand.update(self.short_always)
            if has_digit:
                cand.update(self.short_digit)
            for g in grams & self._short_keyset:
                cand.update(self.short_keys[g])
            for k, idx in self._tiny_short:
                if k in norm:
                    cand.update(idx)
        return sorted(cand)

    def _match(self, norm: str, n_words: int) -> tuple[Rule, ...]:
        """The rules that hit this normalised block (match() is this behind a bounded cache:
        menus and footers repeat across pages, and the answer depends on nothing else)."""
        short = n_words <= SHORT_MAX_WORDS
        hits = []
        for i in self.candidates(norm, short):
            r = self.rules[i]
            if r.scope == "any" or r.scope == "short":
                if r.pattern.search(norm):
                    hits.append(r)
            elif r.pattern.fullmatch(norm):
                hits.append(r)
        return tuple(hits)

    def match_all(self, norm: str, n_words: int) -> list[Rule]:
        """The same answer as match(), without the index (for tests of the index)."""
        short = n_words <= SHORT_MAX_WORDS
        return tuple(r for r in self.rules if (r.pattern.search(norm) if r.scope == "any" else
                     (short and (r.pattern.fullmatch(norm) if r.scope == "full" else r.pattern.search(norm)))))


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
    return RuleSet(lang or "", rules)


def all_rules() -> list[Rule]:
    return [r for cat, langs in available().items() for lg in langs for r in load_pack(cat, lg)]
