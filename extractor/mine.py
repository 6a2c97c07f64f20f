"""Mined phrase rules: word n-grams that mark boilerplate lines, learned from the labelled pages.

`extractor train` mines them (on all its documents for the shipped packs, and on each fold's
training documents only inside the cross-validation) and writes one data file per language,
extractor/rules/packs/learned/<lang>.txt, beside the hand-written packs. Each rule is

    # support=<lines> groups=<sites> precision=<p>
    learned.phrase<TAB>short<TAB>\\bw1\\W{1,3}w2 ... \\bwn\\b

What is mined, exactly (every threshold is a named constant below):
  - text: each labelled line of a document (train.Doc.line_labels: 1 content, 0 boilerplate),
    normalised as the rules see it (features.normalize_for_rules); tokens are \\w+ runs.
  - language: the document's (doc.lang, "zh-cn" -> "zh"; documents without one, the seeds, are
    given one by `lang_of`, which train.py makes the runtime's language detection).
  - candidates: word n-grams of MIN_N..MAX_N consecutive tokens, separated by 1..MAX_SEP_CHARS
    non-word characters (exactly what the emitted pattern matches), from the boilerplate lines
    of at most rules.SHORT_MAX_WORDS words (the lines a `short` rule is tried on) that the
    hand-written packs do not already decide (any hit of the document's language's packs: a
    byline hit makes the line metadata, which a decisive learned hit would overrule).
    Support, groups and precision below count only those lines: the mined rules are meant to
    cover what the hand-written packs miss.
  - kept when: the boilerplate lines come from at least MIN_GROUPS distinct sites (registrable
    domains: a phrase seen on one or two sites is that site's furniture, not the web's); the
    precision support / (support + content lines containing it) is at least MIN_PRECISION,
    where content lines are every content line of every document in every language, of any
    length (MIN_PRECISION = 1.0: a phrase found in a single content line is out); at least
    one token is neither a stopword of the language nor a number; the first and last tokens
    have at least MIN_EDGE_CHARS characters (no clitic or fragment at the edge: the 's of
    "men's", the e of "e-mail"); (NO_DIGIT_TOKENS) no token contains a digit (years, counts,
    ids do not generalise); no token is a domain or brand: a label of any document's URL host (or of the sites set's domain), except the public
    suffix and GENERIC_HOST_LABELS, nor a part of a URL (STOP_TOKENS); no token is a name
    (name_tokens: written capitalised away from a sentence start in at least NAME_CAP_SHARE of
    its occurrences in the content lines: people, places, brands, news topics); the phrase makes
    up at least MIN_LINE_SHARE of the tokens of the median line it is in (line_share: furniture
    is most of its line, a fragment of a related-links headline is not).
  - not a prose fragment: a phrase of common words ("here to", "read the", "read more") is
    absent from this sample of content by luck more than by nature. Its chance-level count in
    the content lines, N * prod(count(token) / N) over its tokens (N: content tokens, counts
    in content lines), must not exceed MAX_CHANCE_IN_CONTENT.
  - redundancy: an n-gram that contains a kept shorter one is dropped (everything it matches,
    the shorter one matches too); so is one of another language already kept for English
    (English packs apply to every language); among kept n-grams of the same length that match
    exactly the same training lines only the first (most characters, then alphabetical) is
    kept (DEDUPE_SAME_LINES).
  - scope: `full`, the phrase plus at most AROUND_CHARS characters each side and no sentence
    punctuation (phrase_pattern): candidates come only from lines of at most SHORT_MAX_WORDS
    words, and nothing in the data shows that a phrase never occurs in prose.

Review: the generated files are read by a person. What should not be there is removed by a
general criterion here, never by a list of what the training pages say (no list may name a
site, brand, person, topic or sentence of the data) and never by editing the generated file;
the next `extractor train` then writes the reviewed file. Output is deterministic: same data, byte-identical files.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

MIN_N = 2                   # shortest n-gram (single words are the hand-written packs' job)
MAX_N = 5                   # longest n-gram
MAX_SEP_CHARS = 3           # non-word characters allowed between two tokens ("a | b", "e-mail")
MIN_GROUPS = 5              # distinct sites whose boilerplate lines contain the phrase (CV: 3 and 4 cost sites F1)
MIN_PRECISION = 1.0         # support / (support + content lines): 1.0 = in no content line
NO_DIGIT_TOKENS = True      # drop n-grams with a token containing a digit
DEDUPE_SAME_LINES = True    # one rule per set of matched training lines (same length)
MAX_CHANCE_IN_CONTENT = 0.05   # chance-level count of the phrase in the content lines (see below)
MIN_EDGE_CHARS = 2          # first and last token: no one-character fragment ('s of "men's", e of "e-mail")
REASON = "learned.phrase"
CATEGORY = "learned"
SCOPE = "full"              # with phrase_pattern: the phrase is most of the block
ENGLISH = "en"

# Host labels that name no site (subdomain conventions): not treated as brand tokens.
GENERIC_HOST_LABELS = frozenset({"www", "m", "mobile", "amp", "en", "de", "fr", "es", "it", "pl", "ru"})

# Tokens that are parts of a URL, never furniture words on their own.
STOP_TOKENS: frozenset[str] = frozenset({"com", "net", "org", "www", "http", "https", "html"})

# Generic review criteria (no list names a site, brand, person, topic or sentence):
NAME_MIN_SEEN = 3           # a token seen this often mid-sentence in the content lines ...
NAME_CAP_SHARE = 0.8        # ... and capitalised in this share of those is a name: no phrase with it
MIN_LINE_SHARE = 0.3        # median share of its line's tokens the phrase makes up: furniture is most
                            # of its line ("Contact us", "Privacy Policy"), a headline fragment is not

_TOKEN = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_SEP = r"\W{1,%d}" % MAX_SEP_CHARS


@dataclass(frozen=True)
class MinedRule:
    lang: str
    tokens: tuple[str, ...]
    support: int            # boilerplate lines containing the phrase
    groups: int             # distinct sites of those lines
    content: int            # content lines containing it
    lines: frozenset        # (document index, line number) of the boilerplate lines

    @property
    def precision(self) -> float:
        return self.support / (self.support + self.content)

    @property
    def pattern(self) -> str:
        return phrase_pattern(self.tokens)


AROUND_CHARS = 30           # characters allowed before and after the phrase in a block it removes


def phrase_pattern(tokens: Iterable[str]) -> str:
    r"""The whole block: the literal word sequence \bw1\W{1,3}w2...\b with at most AROUND_CHARS
    characters before and after it and no sentence punctuation (. ! ?) anywhere (`full` scope).
    A mined phrase thus removes a label, a menu or a footer link ("Real Estate | Jobs", "Most
    read"), never a sentence that happens to contain it ("Real estate prices rose 5%."): the
    training data cannot show that a phrase never occurs in prose, only that it did not there.
    Linear time (one bounded quantifier per gap); the rule loader finds it by its literals."""
    around = "[^.!?]{0,%d}" % AROUND_CHARS
    return around + r"\b" + _SEP.join(re.escape(t) for t in tokens) + r"\b" + around


def site_of_group(group: str) -> str:
    """The site a training group stands for, so that the same site under two group names
    (the sites set's "site:daniel__abc.net.au" and an article's "abc.net.au") counts once."""
    g = group
    if g.startswith("site:"):
        g = g[5:]
        if "__" in g:
            g = g.split("__", 1)[1]
    if "." in g and ":" not in g:
        from .psl import registrable_domain
        return registrable_domain(g) or g
    return g


def brand_tokens(docs) -> frozenset[str]:
    """Tokens of every document's host (URL host, or the domain in a sites-set group), without
    the public suffix and GENERIC_HOST_LABELS: "news.bbc.co.uk" -> {"news", "bbc"}."""
    from .psl import host_of, public_suffix
    out: set[str] = set()
    for d in docs:
        hosts = []
        if d.url:
            hosts.append(host_of(d.url))
        if d.group.startswith("site:") and "__" in d.group:
            hosts.append(host_of(d.group.split("__", 1)[1]))
        for host in hosts:
            if not host:
                continue
            suffix = public_suffix(host)
            labels = host.split(".")
            if suffix:
                labels = labels[: len(labels) - (suffix.count(".") + 1)]
            for label in labels:
                for tok in _TOKEN.findall(label.casefold()):
                    if tok not in GENERIC_HOST_LABELS:
                        out.add(tok)
    return frozenset(out)


def _lines(text: str):
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _ngrams(norm: str, min_n: int = MIN_N, max_n: int = MAX_N) -> set[tuple[str, ...]]:
    """Distinct n-grams of a normalised line: runs of tokens whose gaps are 1..MAX_SEP_CHARS
    non-word characters (what phrase_pattern matches)."""
    ms = list(_TOKEN.finditer(norm))
    out: set[tuple[str, ...]] = set()
    toks = [m.group() for m in ms]
    # joined[i]: token i is followed by a short enough gap to continue a phrase
    joined = [ms[i + 1].start() - ms[i].end() <= MAX_SEP_CHARS for i in range(len(ms) - 1)]
    for i in range(len(toks)):
        j = i
        while j < len(toks) - 1 and j - i + 1 < max_n and joined[j]:
            j += 1
            if j - i + 1 >= min_n:
                out.add(tuple(toks[i:j + 1]))
    return out


def _word_count(text: str, lang: str) -> int:
    """The block word count the rules' `short` scope uses (CJK runs counted by characters)."""
    from .features import block_features
    return block_features(text, lang, frozenset())["words"]


def hand_written_rules(lang: str):
    """The rules of `lang` without the learned ones (the packs a person wrote)."""
    from . import rules
    return rules.RuleSet(lang, [r for r in rules.ruleset(lang).rules if r.category != CATEGORY])


def _covered(rs, norm: str, words: int) -> bool:
    """A hand-written pack already decides the line: it removes it, or (byline) makes it
    metadata, which a decisive learned hit must not overrule."""
    return bool(rs.match(norm, words))


def _token_ok(tok: str, brands: frozenset) -> bool:
    if NO_DIGIT_TOKENS and _DIGIT.search(tok):
        return False
    return tok not in brands and tok not in STOP_TOKENS


def _phrase_ok(ng: tuple[str, ...], stops: frozenset, brands: frozenset) -> bool:
    if not all(_token_ok(t, brands) for t in ng):
        return False
    if len(ng[0]) < MIN_EDGE_CHARS or len(ng[-1]) < MIN_EDGE_CHARS:
        return False
    if all(t in stops or t.isdigit() for t in ng):
        return False
    return True


def _contains(ng: tuple[str, ...], kept: set) -> bool:
    n = len(ng)
    return any(ng[i:i + k] in kept for k in range(MIN_N, n) for i in range(n - k + 1))


_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”«»()\[\]|•·–—-]\s*)$")


def name_tokens(lines: Iterable[str]) -> frozenset[str]:
    """Casefolded tokens written capitalised in at least NAME_CAP_SHARE of their (at least
    NAME_MIN_SEEN) occurrences away from a sentence start in the given prose lines: names of
    people, places, brands and publications, which a furniture phrase must not contain."""
    cap: dict[str, int] = defaultdict(int)
    seen: dict[str, int] = defaultdict(int)
    for line in lines:
        for m in _TOKEN.finditer(line):
            tok = m.group()
            if not tok[0].isalpha() or _SENTENCE_START.search(line[max(0, m.start() - 3):m.start()]):
                continue
            key = tok.casefold()
            seen[key] += 1
            if tok[0].isupper():
                cap[key] += 1
    return frozenset(t for t, n in seen.items() if n >= NAME_MIN_SEEN and cap[t] >= NAME_CAP_SHARE * n)


def line_share(ng: tuple[str, ...], lines, line_tokens: dict) -> float:
    """Median share of its lines' tokens that the phrase makes up."""
    shares = sorted(len(ng) / max(line_tokens[k], 1) for k in lines)
    return shares[len(shares) // 2] if shares else 0.0


def mine(docs, *, lang_of: Callable | None = None, skip_covered: bool = True,
         min_groups: int = MIN_GROUPS, min_precision: float = MIN_PRECISION,
         short_max_words: int | None = None) -> dict[str, list[MinedRule]]:
    """Mined rules per language ({lang: [MinedRule, ...]}, sorted) from train.Doc-like objects
    (id, group, text, url, lang, line_labels). `lang_of(doc)` gives a document's language
    (default: doc.lang; documents without one are skipped); with `skip_covered`, boilerplate lines
    a hand-written pack already decides (removes, or keeps as metadata) are left out."""
    from . import rules
    from .features import normalize_for_rules, stoplist
    if short_max_words is None:
        short_max_words = rules.SHORT_MAX_WORDS
    brands = brand_tokens(docs)
    # boilerplate n-grams per language: ngram -> set of (doc, line), ngram -> set of sites
    lines_of: dict[str, dict[tuple, set]] = defaultdict(lambda: defaultdict(set))
    sites_of: dict[str, dict[tuple, set]] = defaultdict(lambda: defaultdict(set))
    content_lines: list[str] = []
    content_raw: list[str] = []
    line_tokens: dict[tuple, int] = {}
    hand: dict = {}
    for di, doc in enumerate(docs):
        lang = lang_of(doc) if lang_of is not None else doc.lang
        lang = (lang or "").split("-")[0].lower() or None
        if not doc.line_labels:
            continue
        site = site_of_group(doc.group)
        for n, line in enumerate(_lines(doc.text), 1):
            lab = doc.line_labels.get(n)
            if lab is None:
                continue
            norm = normalize_for_rules(line)
            if lab == 1:
                content_lines.append(norm)
                content_raw.append(line)
                continue
            if lang is None:
                continue
            words = _word_count(line, lang)
            if words > short_max_words:
                continue
            if skip_covered:
                if lang not in hand:
                    hand[lang] = hand_written_rules(lang)
                if _covered(hand[lang], norm, words):
                    continue
            line_tokens[(di, n)] = len(_TOKEN.findall(norm))
            for ng in _ngrams(norm):
                lines_of[lang][ng].add((di, n))
                sites_of[lang][ng].add(site)
    # candidates: enough sites, acceptable tokens, no name, most of the lines they are in
    names = name_tokens(content_raw)
    cands: dict[str, list[tuple]] = {}
    for lang in sorted(lines_of):
        stops = stoplist(lang)
        cands[lang] = sorted(ng for ng, s in sites_of[lang].items()
                             if len(s) >= min_groups and _phrase_ok(ng, stops, brands)
                             and not names.intersection(ng)
                             and line_share(ng, lines_of[lang][ng], line_tokens) >= MIN_LINE_SHARE)
    wanted = {ng for v in cands.values() for ng in v}
    content = defaultdict(int)
    unigrams: dict[str, int] = defaultdict(int)
    n_tokens = 0
    firsts = {ng[0] for ng in wanted}
    for norm in content_lines:
        toks = _TOKEN.findall(norm)
        n_tokens += len(toks)
        for t in toks:
            unigrams[t] += 1
        if not firsts.intersection(toks):
            continue
        for ng in _ngrams(norm):
            if ng in wanted:
                content[ng] += 1

    def chance(ng) -> float:
        c = float(n_tokens)
        for t in ng:
            c *= unigrams.get(t, 0) / max(n_tokens, 1)
        return c

    out: dict[str, list[MinedRule]] = {}
    english: set = set()
    for lang in sorted(cands, key=lambda lg: (lg != ENGLISH, lg)):      # English first
        good = []
        for ng in cands[lang]:
            sup = len(lines_of[lang][ng])
            if sup / (sup + content[ng]) >= min_precision and chance(ng) <= MAX_CHANCE_IN_CONTENT:
                good.append(MinedRule(lang, ng, sup, len(sites_of[lang][ng]), content[ng],
                                      frozenset(lines_of[lang][ng])))
        good.sort(key=lambda r: (len(r.tokens), -sum(map(len, r.tokens)), r.tokens))
        kept: set = set()
        seen_lines: set = set()
        rules_: list[MinedRule] = []
        for r in good:
            if r.tokens in english or _contains(r.tokens, kept) or _contains(r.tokens, english):
                continue
            if DEDUPE_SAME_LINES and (len(r.tokens), r.lines) in seen_lines:
                continue
            kept.add(r.tokens)
            seen_lines.add((len(r.tokens), r.lines))
            rules_.append(r)
        if lang == ENGLISH:
            english = kept
        if rules_:
            out[lang] = sorted(rules_, key=lambda r: r.tokens)
    return out


GENERATED_MARK = "# learned/"
HEADER = """\
# learned/{lang}.txt: GENERATED by `extractor train` (extractor/mine.py). Do not edit by hand.
#
# Word n-grams ({min_n}..{max_n} tokens of the normalised text) found in boilerplate lines of at most
# {short} words on at least {min_groups} distinct sites of the training data and in no content line of any
# language (precision >= {min_precision}), that no hand-written pack already decides. Numbers, stopword-only
# phrases, phrases of words common in the content (chance count > {max_chance}) and tokens of the
# training pages' host names, names (capitalised mid-sentence in the content) and phrases that
# are a small part of their lines are never mined. Each rule's comment gives
# support (boilerplate lines), groups (sites) and precision on the training data ({docs} documents).
#
# Reviewed: what should not be here is removed by a general criterion in extractor/mine.py and the
# file regenerated, never edited here.
"""


def render_pack(lang: str, mined: list[MinedRule], *, n_docs: int, min_groups: int = MIN_GROUPS,
                min_precision: float = MIN_PRECISION) -> str:
    from .rules import SHORT_MAX_WORDS
    out = [HEADER.format(lang=lang, min_n=MIN_N, max_n=MAX_N, short=SHORT_MAX_WORDS, min_groups=min_groups,
                         min_precision=min_precision, max_chance=MAX_CHANCE_IN_CONTENT, docs=n_docs)]
    for r in sorted(mined, key=lambda r: r.tokens):
        out.append(f"# support={r.support} groups={r.groups} precision={r.precision:.3f}\n"
                   f"{REASON}\t{SCOPE}\t{r.pattern}\n")
    return "".join(out)


def render_all(mined: dict[str, list[MinedRule]], **kw) -> dict[str, str]:
    return {lang: render_pack(lang, rs, **kw) for lang, rs in sorted(mined.items()) if rs}


def write_packs(texts: dict[str, str], out_dir: Path) -> list[Path]:
    """Write {lang: pack text} as out_dir/<lang>.txt and delete the other generated <lang>.txt
    files there (a language that no longer has rules must not keep stale ones); a file that does
    not start with the generated header is never deleted."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for old in sorted(out_dir.glob("*.txt")):
        if old.name[:-4] not in texts and old.read_text(encoding="utf-8").startswith(GENERATED_MARK):
            old.unlink()
    for lang, text in sorted(texts.items()):
        p = out_dir / f"{lang}.txt"
        if not p.exists() or p.read_text(encoding="utf-8") != text:
            p.write_text(text, encoding="utf-8")
        written.append(p)
    return written
