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

Speed: trying hundreds of patterns on every line would cost more than the rest of the pipeline,
so a block meets only the rules it could match (RuleSet, tests/rules/test_index.py checks the
answer equals trying every rule):
- every rule's length bounds (match_width) are checked first;
- `full` rules (short blocks only): those with a literal are selected like the other rules
  (below); those without one are gated by one alternation of them, tried on each short block,
  and tried one by one only when it fullmatches;
- other rules: a literal one of which every match must contain (required_literals: the most
  selective found by walking the parsed pattern; else index_keys: the first TRIGGER_CHARS
  characters of its literal prefixes) goes into an Aho-Corasick automaton (pyahocorasick), which
  finds in one C-level pass the rules whose literal the block contains; rules with neither are
  tried on every block (or on blocks with a digit, when they start with one).
"""
from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from operator import itemgetter

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
_SECOND = itemgetter(1)


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


@lru_cache(maxsize=None)
def match_width(pattern: str) -> tuple[int, int]:
    """(shortest, longest) text a match of the pattern can span, in characters (the `re`
    parser's own bounds; unbounded -> a huge number). A `full` rule cannot match a block of
    another length, and no rule can match a block shorter than its shortest match: the cheapest
    filter there is, tried before any regex."""
    try:
        lo, hi = _sre_p.parse(pattern).getwidth()
    except Exception:
        return 0, 1 << 62
    return int(lo), int(hi)


REQUIRED_MIN_CHARS = 3               # a required literal shorter than this is not worth a check


def _required(items) -> frozenset | None:
    """A set of literals of which every match of the parsed sequence contains at least one (the
    most selective found: longest shortest member), or None. Walks literal runs, mandatory
    groups, repeats with a minimum of one, and alternations (the union of each branch's set)."""
    best: frozenset | None = None

    def offer(cand):
        nonlocal best
        if cand and (best is None or (min(map(len, cand)), -len(cand)) > (min(map(len, best)), -len(best))):
            best = cand

    run = ""
    for op, av in items:
        if op is _sre_c.LITERAL:
            run += chr(av)
            continue
        offer(frozenset({run}) if run else None)
        run = ""
        if op is _sre_c.SUBPATTERN:
            offer(_required(av[-1]))
        elif op is _sre_c.BRANCH:
            sets = [_required(b) for b in av[1]]
            if all(sets):
                offer(frozenset().union(*sets))
        elif op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT) and av[0] >= 1:
            offer(_required(av[2]))
    offer(frozenset({run}) if run else None)
    return best


@lru_cache(maxsize=None)
def required_literals(pattern: str) -> frozenset | None:
    """Literals one of which is in every text the pattern matches (None: no useful set; patterns
    with inline flags are not analysed). Checked with `in` before the regex runs."""
    try:
        if re.compile(pattern).flags & (re.IGNORECASE | re.VERBOSE):
            return None
        req = _required(list(_sre_p.parse(pattern)))
    except Exception:
        return None
    if not req or min(map(len, req)) < REQUIRED_MIN_CHARS:
        return None
    return req


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
    ones, indexed so that a block meets few regexes (see the module docstring):

    - `full` rules (short blocks only): those with a literal are selected by an automaton like
      the search rules; those without one (a few, tried on every block before) are gated by one
      combined alternation of them, and tried one by one only when it fullmatches; the selected
      single rules are tried within their length bounds;
    - search rules (`short`, `any`) with required literals: an Aho-Corasick automaton over all
      those literals finds, in one C-level pass over the block, the rules whose literal is there;
    - the few search rules without a required literal: by trigram / digit trigger as before.
    A long block only meets `any`-scope rules."""

    def __init__(self, lang: str, rules: list[Rule]):
        import ahocorasick
        self.lang = lang
        self.rules = tuple(rules)
        self._width = tuple(match_width(r.pattern.pattern) for r in self.rules)
        self._full_ids = tuple(i for i, r in enumerate(self.rules) if r.scope == "full")
        # per rule (shortest, longest block it can hit, its test: fullmatch or search); a search
        # rule hits blocks of any length from its shortest match on
        self._tests = tuple((lo, hi if r.scope == "full" else 1 << 62,
                             r.pattern.fullmatch if r.scope == "full" else r.pattern.search)
                            for r, (lo, hi) in zip(self.rules, self._width))
        # no `full` rule can match a longer block: none is tried on one
        self._full_max = max((self._width[i][1] for i in self._full_ids), default=-1)
        # search rules: by a literal every match contains (the most selective required literals,
        # else the index keys: the literal prefix's first characters), one automaton per scope;
        # the rest by digit trigger or on every block
        by_lit: dict[str, dict[str, list[int]]] = {"any": {}, "short": {}, "full": {}}
        self.always: dict[str, list[int]] = {"any": [], "short": [], "full": []}
        self.digit: dict[str, list[int]] = {"any": [], "short": [], "full": []}
        for i, r in enumerate(self.rules):
            lits = required_literals(r.pattern.pattern)
            if not lits:
                kind, keys = index_keys(r.pattern.pattern)
                lits = keys if kind in ("word", "substr") and all(keys) else None
                if lits is None:
                    (self.digit if kind == "digit" else self.always)[r.scope].append(i)
                    continue
            for lit in lits:
                by_lit[r.scope].setdefault(lit, []).append(i)
        self._by_lit = by_lit
        # One alternation of the `full` rules without a literal: a short block none of them
        # fullmatches (most blocks) costs one regex call instead of one per such rule. (One
        # alternation of all `full` rules cost more: their long word lists are tried in turn.)
        unindexed = self.always["full"] + self.digit["full"]
        try:
            self._full_gate = (re.compile("|".join(f"(?:{self.rules[i].pattern.pattern})" for i in unindexed))
                               if unindexed else None)
        except re.error:                               # patterns that cannot be combined: no gate
            self._full_gate = None
        self._full_unindexed = frozenset(unindexed)
        # per tuple of scopes: (rules always tried, rules tried on blocks with a digit, one
        # automaton over the scopes' literals), built on first use
        self._plans: dict[tuple, tuple] = {}
        for scopes in (("any", "short"), ("any",), ("full",)):
            self._plan(scopes)
        self.match = lru_cache(maxsize=MATCH_CACHE_SIZE)(self._match)

    def _plan(self, scopes: tuple) -> tuple:
        """(always, digit, automaton) of a tuple of scopes: the union of their rules tried on
        every block, of those tried on blocks with a digit, and an Aho-Corasick automaton over
        all their literals (None without literals) whose values are the rules of a literal."""
        plan = self._plans.get(scopes)
        if plan is None:
            import ahocorasick
            table: dict[str, list[int]] = {}
            for scope in scopes:
                for lit, ids in self._by_lit[scope].items():
                    table.setdefault(lit, []).extend(ids)
            a = None
            if table:
                a = ahocorasick.Automaton()
                for lit in sorted(table):
                    a.add_word(lit, tuple(table[lit]))
                a.make_automaton()
            plan = self._plans[scopes] = (frozenset(i for sc in scopes for i in self.always[sc]),
                                          frozenset(i for sc in scopes for i in self.digit[sc]), a)
        return plan

    def candidates(self, norm: str, short: bool, scopes: tuple = ()) -> set[int]:
        """The rules of these scopes (default: the search rules that apply to a block of this
        length) that this block's literals and digits select: a superset of its hits."""
        always, digit, a = self._plan(scopes or (("any", "short") if short else ("any",)))
        cand = set(always)
        if digit and _DIGIT.search(norm) is not None:
            cand |= digit
        if a is not None:
            cand.update(*map(_SECOND, a.iter(norm)))    # the rule ids of every literal found
        return cand

    def _full_candidates(self, norm: str) -> set[int]:
        """The `full` rules that could fullmatch this block: those whose literal it contains, and
        the unindexed ones when their combined alternation (the gate) fullmatches it."""
        _, _, a = self._plan(("full",))
        cand = set().union(*map(_SECOND, a.iter(norm))) if a is not None else set()
        if self._full_gate is None or self._full_gate.fullmatch(norm) is not None:
            cand |= self._full_unindexed
        return cand

    def _match(self, norm: str, n_words: int) -> tuple[Rule, ...]:
        """The rules that hit this normalised block (match() is this behind a bounded cache:
        menus and footers repeat across pages, and the answer depends on nothing else)."""
        short = n_words <= SHORT_MAX_WORDS
        cand = self.candidates(norm, short)
        if short and len(norm) <= self._full_max:
            cand |= self._full_candidates(norm)
        length, tests = len(norm), self._tests
        hits = []
        for i in sorted(cand):
            lo, hi, test = tests[i]
            if lo <= length <= hi and test(norm) is not None:
                hits.append(self.rules[i])
        return tuple(hits)

    def match_all(self, norm: str, n_words: int) -> list[Rule]:
        """The same answer as match(), without the index (for tests of the index)."""
        short = n_words <= SHORT_MAX_WORDS
        return tuple(r for r in self.rules if (r.pattern.search(norm) if r.scope == "any" else
                     (short and (r.pattern.fullmatch(norm) if r.scope == "full" else r.pattern.search(norm)))))


# category -> {lang: rules}: packs that replace the shipped ones (training only, see overridden())
_overrides: dict[str, dict[str, tuple[Rule, ...]]] = {}
_override_lock = threading.Lock()


@contextmanager
def overridden(category: str, packs: dict[str, str]):
    """TRAINING ONLY: within the `with` block, the packs of `category` are `packs` ({lang: pack
    text in the file format above}, parsed and checked like a file; {} = no rules of that
    category) instead of the shipped files; on exit (also on error) the shipped packs are back.

    `extractor train` uses it to cross-validate mined rules honestly: each fold mines the
    `learned` category from its training pages and scores its held-out pages with those rules.

    The swap and its undo clear ruleset()'s cache under the loader's lock, so every ruleset()
    call after entering sees the override and every call after leaving sees the shipped packs.
    A RuleSet object obtained before the swap keeps its rules (classify asks ruleset() per
    document, so this only matters to code that holds one). One override at a time: a second,
    concurrent or nested, raises RuntimeError instead of silently mixing rule sets. Never used
    by the cleaning path: a service that entered it would change every thread's rules."""
    parsed = {lg: tuple(parse_pack(text, category, lg, f"{category}/{lg}.txt (override)"))
              for lg, text in sorted(packs.items())}
    if not _override_lock.acquire(blocking=False):
        raise RuntimeError("rule packs are already overridden (training only, one override at a time)")
    try:
        with _load_lock:
            _overrides[category] = parsed
            ruleset.cache_clear()
        yield
    finally:
        with _load_lock:
            _overrides.pop(category, None)
            ruleset.cache_clear()
        _override_lock.release()


@lru_cache(maxsize=64)
def ruleset(lang: str | None) -> RuleSet:
    """Rules for `lang`: its packs, English packs (English furniture words are everywhere on the
    web) and the language-independent packs (an active overridden() replaces its category's)."""
    langs = [LANG_INDEPENDENT, "en"]
    if lang and lang not in langs:
        langs.append(lang)
    rules: list[Rule] = []
    with _load_lock:
        packs = {cat: have for cat, have in available().items()}
        for cat, by_lang in _overrides.items():
            packs[cat] = sorted(by_lang)
        for cat in sorted(packs):
            for lg in langs:
                if lg in packs[cat]:
                    rules.extend(_overrides[cat][lg] if cat in _overrides else load_pack(cat, lg))
    return RuleSet(lang or "", rules)


def all_rules() -> list[Rule]:
    """Every rule of the shipped pack files (overrides not included)."""
    return [r for cat, langs in available().items() for lg in langs for r in load_pack(cat, lg)]


def clear_match_caches() -> None:
    """Forget every rule set's remembered answers (benchmarks: time pages as never seen)."""
    for lang in {None, *(lg for langs in available().values() for lg in langs)}:
        ruleset(lang).match.cache_clear()
