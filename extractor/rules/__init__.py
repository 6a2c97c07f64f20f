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
answer equals trying every rule). Each rule is found by one necessary condition, its most
selective:
- a rule whose matches start where the block starts (`full` rules, patterns starting with ^):
  the block's first characters from its first word character on (lead_key) must start with one
  of the rule's leads (start_leads: what the pattern can match there, past leading punctuation);
- else a literal one of which every match must contain (required_literals: the most selective
  found by walking the parsed pattern, runs like ` [•·] ` giving all their strings; else
  index_keys: the first TRIGGER_CHARS characters of its literal prefixes), all of them in an
  Aho-Corasick automaton (pyahocorasick), which finds in one C-level pass the rules whose literal
  the block contains;
- rules with neither are tried on every block (or on blocks with a digit, when they start with
  one; `full` ones behind one alternation of them);
and every rule's length bounds (match_width) are checked before its regex runs.
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
        parsed = _parsed(pattern)
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
        lo, hi = _parsed(pattern).getwidth()
    except Exception:
        return 0, 1 << 62
    return int(lo), int(hi)


REQUIRED_MIN_CHARS = 3               # a required literal shorter than this is not worth a check
# characters common in any text: a literal made only of other non-word characters (|, ©, •, ⌘)
# is rare, and weighs as much as a literal of REQUIRED_MIN_CHARS characters
_COMMON_CHARS = frozenset(" .,:;!?'\"()-/&")
# inline flags under which the analyses below (literal characters, \w, ^) do not hold
_UNANALYSED_FLAGS = re.IGNORECASE | re.VERBOSE | re.ASCII | re.LOCALE | re.MULTILINE
_REPEATS = (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT, getattr(_sre_c, "POSSESSIVE_REPEAT", _sre_c.MAX_REPEAT))


def literal_weight(lit: str) -> int:
    """How selective a required literal is, about its length: a literal of rare characters only
    (no word character, space or common punctuation) counts REQUIRED_MIN_CHARS more."""
    if lit and not any(c in _COMMON_CHARS or _WORD_CHAR.match(c) for c in lit):
        return len(lit) + REQUIRED_MIN_CHARS
    return len(lit)


def _set_weight(lits: frozenset) -> tuple[int, int]:
    return min(map(literal_weight, lits)), -len(lits)


def _class_members(av) -> frozenset | None:
    r"""The characters a character class (a parsed IN item) matches, when they are few and listed
    (literals, short ranges); None for categories (\d, \s, \w), negation and long ranges."""
    out = set()
    for op, v in av:
        if op is _sre_c.LITERAL:
            out.add(chr(v))
        elif op is _sre_c.RANGE and v[1] - v[0] < 64:
            out.update(map(chr, range(v[0], v[1] + 1)))
        else:
            return None
    return frozenset(out)


def _finite(items) -> frozenset | None:
    """Every string the parsed sequence can match, when they are few (at most MAX_PREFIXES):
    literals, listed classes, groups, alternations and short bounded repeats of those; else None."""
    lang = {""}
    for op, av in items:
        if op is _sre_c.LITERAL:
            part = {chr(av)}
        elif op is _sre_c.IN:
            part = _class_members(av)
        elif op is _sre_c.SUBPATTERN and not av[1]:
            part = _finite(av[-1])
        elif op is _sre_c.BRANCH:
            subs = [_finite(b) for b in av[1]]
            part = None if not all(s is not None for s in subs) else set().union(*subs)
        elif op in _REPEATS and av[1] <= 4:
            body = _finite(av[2])
            part, power = None, {""}
            if body is not None:
                part = set(power) if av[0] == 0 else set()
                for k in range(1, av[1] + 1):
                    power = {a + b for a in power for b in body}
                    if len(power) > MAX_PREFIXES:
                        part = None
                        break
                    if k >= av[0]:
                        part |= power
        elif op is _sre_c.AT:
            continue                          # zero-width: \b, ^, $ add no characters
        else:
            return None
        if part is None or len(lang) * len(part) > MAX_PREFIXES:
            return None
        lang = {a + b for a in lang for b in part}
    return frozenset(lang)


def _minimal(lits) -> frozenset:
    """The literals without those containing another one: a text containing a longer one contains
    the shorter too, so the set finds the same texts."""
    lits = sorted(set(lits), key=len)
    keep: list[str] = []
    for lit in lits:
        if not any(k in lit for k in keep):
            keep.append(lit)
    return frozenset(keep)


def _required(items) -> frozenset | None:
    r"""A set of literals of which every match of the parsed sequence contains at least one (the
    most selective found: heaviest lightest member, see literal_weight), or None. Walks runs of
    items that match few strings (a literal run, or a run like ` [•·] ` or `ctrl ?\+`: every
    string of the run's finite language), mandatory groups, repeats with a minimum of one, and
    alternations (the union of each branch's set)."""
    best: frozenset | None = None

    def offer(cand):
        nonlocal best
        if cand and "" not in cand:
            cand = _minimal(cand)
            if best is None or _set_weight(cand) > _set_weight(best):
                best = cand

    run = frozenset({""})                     # the finite language of the current run of items
    for item in items:
        op, av = item
        part = _finite([item])
        if part is not None and len(run) * len(part) <= MAX_PREFIXES:
            run = frozenset(a + b for a in run for b in part)
            continue
        offer(run)
        run = frozenset({""}) if part is None else part
        if op is _sre_c.SUBPATTERN:
            offer(_required(av[-1]))
        elif op is _sre_c.BRANCH:
            sets = [_required(b) for b in av[1]]
            if all(sets):
                offer(frozenset().union(*sets))
        elif op in _REPEATS and av[0] >= 1:
            offer(_required(av[2]))
    offer(run)
    return best


@lru_cache(maxsize=None)
def _parsed(pattern: str):
    """The `re` parser's tree of a pattern (parsed once: every analysis here reads it)."""
    return _sre_p.parse(pattern)


@lru_cache(maxsize=None)
def _best_required(pattern: str) -> frozenset | None:
    try:
        if re.compile(pattern).flags & _UNANALYSED_FLAGS:
            return None
        return _required(list(_parsed(pattern)))
    except Exception:
        return None


def required_literals(pattern: str, min_weight: int = REQUIRED_MIN_CHARS) -> frozenset | None:
    """Literals one of which is in every text the pattern matches (None: no set whose lightest
    member weighs min_weight (literal_weight); patterns with inline flags are not analysed)."""
    req = _best_required(pattern)
    if not req or _set_weight(req)[0] < min_weight:
        return None
    return req


LEAD_CHARS = 3                       # a start-anchored rule's key: this many characters of the text
MAX_LEADS = 512                      # a pattern with more possible keys is not indexed by them
MAX_LEAD_KEYS = 50_000               # per plan: lead keys whose rules are remembered
_DIGITS = re.compile(r"\d")
_LEAD = re.compile(r"\w.{0,%d}" % (LEAD_CHARS - 1), re.S)


def lead_key(text: str) -> str | None:
    """The key of a text for start-anchored rules: its LEAD_CHARS characters from its first word
    character on, every decimal digit written 0 (None: the text has no word character)."""
    first = text[:1]
    if first.isalnum() or first == "_":       # what \w matches: most blocks start with a word
        key = text[:LEAD_CHARS]
    else:
        m = _LEAD.search(text)
        if m is None:
            return None
        key = m.group()
    return key if key.isalpha() else _DIGITS.sub("0", key)


class _Unknown(Exception):
    """The lead analysis cannot say which word character a match starts with."""


def _lead_char(c: str) -> str:
    return "0" if _DIGITS.match(c) else c


def _step(states: frozenset, words, nonword: bool, chars) -> frozenset:
    """The lead states after one character that is one of `words` (word characters, None: any)
    or, if `nonword`, some non-word character; `chars`: every character it can be when they are
    listed (None: unknown). A state is (lead, final): lead "" = no word character seen yet; a
    lead grows up to LEAD_CHARS characters and is final when full or when the next character
    is unknown (it is then a prefix of the text's key)."""
    out = set()
    for lead, final in states:
        if final or len(lead) >= LEAD_CHARS:
            out.add((lead, True))
        elif not lead:
            if words is None:
                raise _Unknown
            if nonword:
                out.add(("", False))
            out.update((_lead_char(c), False) for c in words)
        elif chars is None:
            out.add((lead, True))
        else:
            out.update((lead + _lead_char(c), False) for c in chars)
    if len(out) > MAX_LEADS:
        raise _Unknown
    return frozenset(out)


def _class_step(av, states):
    """_step() for a character class (a parsed IN item)."""
    words, nonword, chars = set(), False, _class_members(av)
    for op, v in av:
        if op is _sre_c.LITERAL:
            if _WORD_CHAR.match(chr(v)):
                words.add(chr(v))
            else:
                nonword = True
        elif op is _sre_c.RANGE and v[1] - v[0] < 64:
            for c in map(chr, range(v[0], v[1] + 1)):
                if _WORD_CHAR.match(c):
                    words.add(c)
                else:
                    nonword = True
        elif op is _sre_c.CATEGORY and v in (_sre_c.CATEGORY_SPACE, _sre_c.CATEGORY_NOT_WORD):
            nonword = True
        elif op is _sre_c.CATEGORY and v is _sre_c.CATEGORY_DIGIT:
            words.add("0")
        else:
            words = None
            break
    if chars is None and words is not None and not nonword:
        chars = words                         # only word characters, all listed (\d -> "0")
    return _step(states, words, nonword, chars)


def _walk_leads(items, states: frozenset) -> frozenset:
    """The lead states after matching the parsed sequence from these states (see _step); raises
    _Unknown when an item could start the text's words with characters it cannot list."""
    for op, av in items:
        if op is _sre_c.LITERAL:
            c = chr(av)
            word = _WORD_CHAR.match(c) is not None
            states = _step(states, {c} if word else (), not word, (c,))
        elif op is _sre_c.IN:
            states = _class_step(av, states)
        elif op in (_sre_c.AT, _sre_c.ASSERT, _sre_c.ASSERT_NOT):
            continue                          # zero-width; a lookaround only removes matches
        elif op is _sre_c.SUBPATTERN:
            if av[1] & _UNANALYSED_FLAGS:
                raise _Unknown
            states = _walk_leads(av[-1], states)
        elif op is _sre_c.BRANCH:
            states = frozenset().union(*(_walk_leads(b, states) for b in av[1]))
        elif op in _REPEATS:
            states = _repeat_leads(av[0], av[1], av[2], states)
        else:                                  # ., [^...] as an item, backreferences ...
            states = _step(states, None, True, None)
    return states


def _repeat_leads(lo: int, hi: int, body, states: frozenset) -> frozenset:
    """_walk_leads() over a repeat of `body` from lo to hi times. Leads stop growing after
    LEAD_CHARS characters, so a few rounds reach every state; past them, a lead that is not
    full is made final (a prefix of the key), and a state with no word character yet is
    unknown."""
    rounds = LEAD_CHARS + 2
    for _ in range(min(lo, rounds)):
        states = _walk_leads(body, states)
    if lo > rounds:
        if any(not lead for lead, _ in states):
            raise _Unknown
        return frozenset((lead, True) for lead, _ in states)
    seen, frontier = set(states), states
    for _ in range(min(hi - lo, rounds)):
        frontier = _walk_leads(body, frontier) - seen
        if not frontier:
            break
        seen |= frontier
    else:
        if frontier and hi - lo > rounds:
            if any(not lead for lead, _ in frontier):
                raise _Unknown
            seen = {(lead, True) if lead else (lead, f) for lead, f in seen}
    return frozenset(seen)


@lru_cache(maxsize=None)
def start_leads(pattern: str, anchored: bool = True) -> tuple[frozenset, bool] | None:
    r"""For a match that starts where the text starts (a `full` rule, or a pattern starting with
    ^): (leads, wordless). Every match with a word character has the text's lead_key() starting
    with one of the leads; wordless: a match can have no word character at all. None: unknown
    (not anchored, inline flags, a first word character that cannot be listed, too many leads).

    The walk skips what can only match non-word characters (\W{0,3}, punctuation) until the
    first word character, which, the match starting at the text's start, is the text's first
    one; from there it follows the next characters while they can be listed."""
    try:
        if re.compile(pattern).flags & _UNANALYSED_FLAGS:
            return None
        items = list(_parsed(pattern))
        if not anchored:
            if not items or items[0][0] is not _sre_c.AT or items[0][1] not in (
                    _sre_c.AT_BEGINNING, _sre_c.AT_BEGINNING_STRING):
                return None
        states = _walk_leads(items, frozenset({("", False)}))
    except _Unknown:
        return None
    except Exception:
        return None
    return frozenset(lead for lead, _ in states if lead), ("", False) in states


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


def _index_of(rule: Rule) -> tuple:
    """How a RuleSet finds the blocks a rule could hit: ("lead", leads, wordless), ("literal",
    literals), ("digit",) or ("always",). A lead is preferred to a literal of about its
    length: it must be at the block's start, a literal anywhere."""
    pat, full = rule.pattern.pattern, rule.scope == "full"
    lead = start_leads(pat, full)
    if lead is not None and (full or not lead[1]) and (lead[0] or lead[1]):
        leads, wordless = lead
        lead_weight = min(map(len, leads)) + 1 if leads else 1 << 30
    else:
        leads = wordless = lead_weight = None
    lits = required_literals(pat)
    if lits is None:
        kind, keys = index_keys(pat)
        if kind in ("word", "substr") and all(keys):
            lits = keys
    weak = required_literals(pat, 1) if lits is None else None
    if lead_weight is not None and (lits is None or lead_weight >= _set_weight(lits)[0]):
        return "lead", leads, wordless
    if lits is not None:
        return "literal", lits
    if weak is not None:
        return "literal", weak
    return ("digit",) if index_keys(pat)[0] == "digit" else ("always",)


class _Plan:
    """The index of a set of rules (RuleSet's plans): lead tables, an automaton of literals, the
    rules tried on blocks with a digit or on every block, and the `full` gate."""

    def __init__(self, indexed: list[tuple[int, Rule, tuple]]):
        import ahocorasick
        self.by_lead: tuple[dict, ...] = tuple({} for _ in range(LEAD_CHARS))   # by key length - 1
        wordless, lits, always, digit, gated = [], {}, [], [], []
        for i, rule, how in indexed:
            if how[0] == "lead":
                for lead in how[1]:
                    self.by_lead[len(lead) - 1].setdefault(lead, []).append(i)
                if how[2]:
                    wordless.append(i)
            elif how[0] == "literal":
                for lit in how[1]:
                    lits.setdefault(lit, []).append(i)
            else:
                (digit if how[0] == "digit" else always).append(i)
                if rule.scope == "full":
                    gated.append(i)
        self.by_lead = tuple({k: tuple(v) for k, v in t.items()} for t in self.by_lead)
        self.wordless = frozenset(wordless)
        self.automaton = None
        if lits:
            self.automaton = ahocorasick.Automaton()
            for lit in sorted(lits):
                self.automaton.add_word(lit, tuple(lits[lit]))
            self.automaton.make_automaton()
        self.always, self.digit = frozenset(always) - set(gated), frozenset(digit) - set(gated)
        # One alternation of the unindexed `full` rules: a block none of them fullmatches (most
        # blocks) costs one regex call instead of one per such rule. (One alternation of all
        # `full` rules cost more: their long word lists are tried in turn.)
        self.gated = frozenset(gated)
        self.gated_digit = frozenset(digit) & self.gated
        self.gate = None
        if gated:
            try:
                self.gate = re.compile("|".join(f"(?:{r.pattern.pattern})" for i, r, _ in indexed if i in self.gated))
            except re.error:                           # patterns that cannot be combined: no gate
                pass
        # only leads and literals (the shipped packs): no digit, always or gated rules to add
        self.plain = not (self.always or self.digit or self.gated)
        self._by_key: dict = {}

    def lead_ids(self, key: str | None) -> tuple[int, ...]:
        """The rules whose leads a block with this lead_key() selects, sorted (None: the rules
        that can match a block without a word character). Remembered per key: keys repeat
        (a few hundred per language), so most blocks cost one dict lookup."""
        ids = self._by_key.get(key)
        if ids is None:
            if key is None:
                found = set(self.wordless)
            else:
                found = set()
                for n, table in enumerate(self.by_lead, 1):
                    found.update(table.get(key[:n], ()))
            ids = tuple(sorted(found))
            if len(self._by_key) < MAX_LEAD_KEYS:
                self._by_key[key] = ids
        return ids

    def candidate_ids(self, norm: str) -> tuple[int, ...] | list[int]:
        """The rules of this plan that could hit this block (a superset of its hits), sorted
        and without repeats: the lead's rules as they are when no literal, digit or `always`
        rule adds one (most blocks)."""
        lead = self.lead_ids(lead_key(norm))
        cand = None
        if self.automaton is not None:
            for _, ids in self.automaton.iter(norm):
                if cand is None:
                    cand = set(lead)
                cand.update(ids)
        if not self.plain:
            if cand is None:
                cand = set(lead)
            cand |= self.always
            has_digit = (self.digit or self.gated_digit) and _DIGIT.search(norm) is not None
            if has_digit:
                cand |= self.digit
            if self.gated and (self.gate is None or self.gate.fullmatch(norm) is not None):
                cand |= self.gated if has_digit else self.gated - self.gated_digit
        return lead if cand is None else sorted(cand)

    def candidates(self, norm: str) -> set[int]:
        """candidate_ids() as a set."""
        return set(self.candidate_ids(norm))


class RuleSet:
    """All rules that apply to one language: the language's packs plus the language-independent
    ones, indexed so that a block meets few regexes (see the module docstring). Each rule is
    found by one necessary condition, the most selective it has (_index_of):

    - "lead": a rule whose matches start where the block starts (`full` rules, patterns starting
      with ^) by the block's lead_key(): the few characters from its first word character on
      must start with one of the rule's start_leads(); a `full` rule that can match text without
      a word character is also tried on blocks without one;
    - "literal": a literal every match contains (required_literals, else index_keys), all of a
      plan's in one Aho-Corasick automaton (pyahocorasick): one C-level pass finds them;
    - "digit": blocks with a digit; "always": every block (the `full` ones behind one combined
      alternation of them, the gate, tried one by one only when it fullmatches).

    Then each candidate's length bounds (match_width) are checked before its regex. There are
    two plans: short blocks meet the search rules of both scopes and the `full` rules, long
    blocks only the `any` rules."""

    def __init__(self, lang: str, rules: list[Rule]):
        self.lang = lang
        self.rules = tuple(rules)
        self._width = tuple(match_width(r.pattern.pattern) for r in self.rules)
        # per rule (shortest, longest block it can hit, its test: fullmatch or search); a search
        # rule hits blocks of any length from its shortest match on
        self._tests = tuple((lo, hi if r.scope == "full" else 1 << 62,
                             r.pattern.fullmatch if r.scope == "full" else r.pattern.search)
                            for r, (lo, hi) in zip(self.rules, self._width))
        self._index = tuple(_index_of(r) for r in self.rules)
        self._short = self._plan(("any", "short", "full"))
        self._long = self._plan(("any",))
        self.match = lru_cache(maxsize=MATCH_CACHE_SIZE)(self._match)

    def _plan(self, scopes: tuple) -> "_Plan":
        """The index of the rules of these scopes (see _Plan)."""
        ids = [i for i, r in enumerate(self.rules) if r.scope in scopes]
        return _Plan([(i, self.rules[i], self._index[i]) for i in ids])

    def candidates(self, norm: str, short: bool) -> set[int]:
        """The rules that apply to a block of this length (short: at most SHORT_MAX_WORDS words)
        that its lead, literals and digits select: a superset of its hits."""
        return (self._short if short else self._long).candidates(norm)

    def _match(self, norm: str, n_words: int) -> tuple[Rule, ...]:
        """The rules that hit this normalised block (match() is this behind a bounded cache:
        menus and footers repeat across pages, and the answer depends on nothing else)."""
        cand = (self._short if n_words <= SHORT_MAX_WORDS else self._long).candidate_ids(norm)
        if not cand:
            return ()
        length, tests, rules = len(norm), self._tests, self.rules
        hits = []
        for i in cand:
            lo, hi, test = tests[i]
            if lo <= length <= hi and test(norm) is not None:
                hits.append(rules[i])
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

    The swap and its undo drop the rule sets built so far under the loader's lock, so every ruleset()
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
            _forget_rule_sets()
        yield
    finally:
        with _load_lock:
            _overrides.pop(category, None)
            _forget_rule_sets()
        _override_lock.release()


@lru_cache(maxsize=1)
def pack_languages() -> frozenset:
    """The languages with packs of their own in force (shipped or overridden), not xx or en:
    the languages ruleset() builds a set of its own for (every other one gets None's)."""
    with _load_lock:
        langs = {lg for have in available().values() for lg in have}
        langs.update(lg for by_lang in _overrides.values() for lg in by_lang)
    return frozenset(langs) - {LANG_INDEPENDENT, "en"}


# Languages whose furniture words are close enough, and whose texts a detector mixes up often
# enough, that a page in one also gets the other's packs: Danish and Norwegian Bokmål share most
# stopwords (the stopword vote gives Norwegian pages "da"), and their menus, bylines and
# footers differ by a letter or two ("Læs også" / "Les også"). Czech and Slovak likewise: langdetect
# mixes them up on a short sample, and their furniture words are near ("Čítajte aj" / "Čtěte také").
SIBLINGS = {"da": ("no",), "no": ("da",), "cs": ("sk",), "sk": ("cs",)}


def ruleset(lang: str | None) -> RuleSet:
    """Rules for `lang`: its packs, English packs (English furniture words are everywhere on the
    web) and the language-independent packs (an active overridden() replaces its category's).
    Every language without packs of its own (and en, xx) gets the very object of None: a
    detector can return dozens of codes, and a copy of the same rules costs about 10 MB."""
    return _ruleset(lang if lang in pack_languages() else None)


@lru_cache(maxsize=None)
def _ruleset(lang: str | None) -> RuleSet:
    langs = [LANG_INDEPENDENT, "en"]
    if lang:
        langs += [lang, *SIBLINGS.get(lang, ())]
    rules: list[Rule] = []
    with _load_lock:
        packs = {cat: have for cat, have in available().items()}
        for cat, by_lang in _overrides.items():
            packs[cat] = sorted(by_lang)
        for cat in sorted(packs):
            for lg in langs:
                if lg in packs[cat]:
                    rules.extend(_overrides[cat][lg] if cat in _overrides else load_pack(cat, lg))
    rs = RuleSet(lang or "", rules)
    _built.append(rs)
    return rs


_built: list[RuleSet] = []       # the rule sets _ruleset() has built since the packs last changed


def _forget_rule_sets() -> None:
    """Drop every rule set built so far (the packs in force changed)."""
    pack_languages.cache_clear()
    _ruleset.cache_clear()
    _built.clear()


def all_rules() -> list[Rule]:
    """Every rule of the shipped pack files (overrides not included)."""
    return [r for cat, langs in available().items() for lg in langs for r in load_pack(cat, lg)]


def clear_match_caches() -> None:
    """Forget every rule set's remembered answers (benchmarks: time pages as never seen). Only the
    sets built so far have any: asking ruleset() for each language would build them all."""
    for rs in list(_built):
        rs.match.cache_clear()
