"""Markdown input: the visible text of a page that a scraper handed over as Markdown.

Many scrapers (reader proxies, crawl frameworks, trafilatura's markdown output) give a page as
Markdown rather than as its visible text: `* [Home](/)` for a menu item, `![alt](src)` for an
image, `# Headline`, `**Read more:** [...](...)`. The cleaner's features, rule packs and model
were made on visible text, one block per line; read as such, a Markdown page is mostly URLs and
brackets, its menu looks like prose and its headline starts with "#". So when the input is
Markdown, segmentation first turns each line into what a browser would show:

  `# Head` / `Head` over `===`   the heading's text             (Block.kind "heading", level)
  `* item`, `- item`, `1. item`  the item's text                (kind "list")
  `> quoted`                     the quoted text                (kind "quote")
  `| a | b |`                    the cells, space-separated, a line of text; `|---|` rows go
  ```` ``` ```` fences           the code lines as they are     (kind "code", one block); fences go
  `[text](url)`, `[text][ref]`   text
  `![alt](src)`                  nothing: an image is not text (a line of only images goes)
  `<https://...>`                the address
  `**b**`, `__b__`, `*i*`, `` `c` ``   b, i, c
  `\\*`                          `*`
  `---`, `***` (a rule)          a paragraph break
  `[ref]: https://...`           goes (a link definition is not shown)

Result.text is then plain text (the body as the page shows it). Detection (looks_like_markdown)
asks for Markdown links or images on at least MIN_LINK_LINES lines and at least
MIN_LINK_LINE_SHARE of the non-blank lines: headings alone do not count, since plain text has
"# " lines too (shell comments, numbered steps). Options.markup overrides it ("text",
"markdown"). Every pattern here is linear: bounded repetitions, no nested quantifiers.
"""
from __future__ import annotations

import re

MIN_LINK_LINES = 3               # lines with a Markdown link or image for the input to be Markdown
MIN_LINK_LINE_SHARE = 0.02       # ... and this share of the non-blank lines

# [text](target "title") or ![alt](target); the target without spaces or in <...>. The text may
# hold one level of brackets ("[[PDF] report](...)" is rare; one level covers "[![img](a)](b)"
# once the image inside has gone).
_TARGET = r"\((?:<[^<>\n]{0,2048}>|[^()\s]{0,2048}(?:\([^()\s]{0,256}\)[^()\s]{0,2048})?)(?:\s{1,8}\"[^\"\n]{0,300}\")?\s{0,8}\)"
_IMAGE = re.compile(r"!\[[^\[\]\n]{0,1000}\]" + _TARGET)
_LINK = re.compile(r"\[([^\[\]\n]{0,1000})\]" + _TARGET)
_REF_LINK = re.compile(r"\[([^\[\]\n]{1,1000})\]\[[^\[\]\n]{0,200}\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]{1,2048})>", re.I)
_LINK_LINE = re.compile(r"\]" + _TARGET)          # detection: a link's or image's "](target)"
_LINK_DEF = re.compile(r"^ {0,3}\[[^\[\]\n]{1,200}\]:\s{0,8}\S{1,2048}(?:\s{1,8}[\"'(][^\n]{0,300})?$")

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]{1,64}(.*?))??(?:[ \t]{1,64}#{1,64})?[ \t]{0,64}$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]{0,64}$")
_RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]{0,8}){3,}|(?:-[ \t]{0,8}){3,}|(?:_[ \t]{0,8}){3,})$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?){1,16}")
_LIST = re.compile(r"^ {0,16}(?:[*+-]|\d{1,9}[.)])[ \t]{1,8}(?:\[[ xX]\][ \t]{1,8})?")
_TABLE_SEP = re.compile(r"^ {0,3}\|?(?:[ \t]{0,8}:?-{1,256}:?[ \t]{0,8}\|){1,256}(?:[ \t]{0,8}:?-{1,256}:?[ \t]{0,8})?$")
_STRONG = re.compile(r"\*\*(?=[^\s*])([^*\n]{1,2000}?)(?<=[^\s*])\*\*|__(?=[^\s_])([^_\n]{1,2000}?)(?<=[^\s_])__")
_EMPH = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]{1,2000}?)(?<=[^\s*])\*(?![\w*])"
                   r"|(?<![\w_])_(?=[^\s_])([^_\n]{1,2000}?)(?<=[^\s_])_(?![\w_])")
_CODE_SPAN = re.compile(r"(`{1,3})([^`\n]{1,2000}?)\1")
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_HTML_BREAK = re.compile(r"<br\s{0,4}/?>", re.I)
# Escaped markup characters stand aside as noncharacters (never in interchange text) while the
# other patterns run, so that "\*" is no emphasis mark and "\[" opens no link.
_HELD = {c: chr(0xFDD0 + i) for i, c in enumerate("*_[]`<!")}
_HOLD = re.compile(r"\\([*_\[\]`<!])")
_RESTORE = str.maketrans({v: k for k, v in _HELD.items()})


# A line that starts a block of its own (a list item, a heading, a quote, a table row, a code
# fence): never a wrapped paragraph's continuation (segment._unwrap). BLOCK_START_CHARS: the
# characters such a line can start with (a set lookup before the regex).
BLOCK_START = re.compile(r"(?:[*+-]|\d{1,9}[.)])[ \t]|#{1,6}(?:[ \t]|$)|>|\||```|~~~")
BLOCK_START_CHARS = frozenset("*+-0123456789#>|`~")


def is_fence(line: str) -> bool:
    """Whether the line opens or closes a fenced code block."""
    return line[:1] in "`~ " and FENCE.match(line) is not None


def starts_block(line: str) -> bool:
    """Whether the (stripped) line starts a Markdown block of its own (BLOCK_START)."""
    return line[:1] in BLOCK_START_CHARS and BLOCK_START.match(line) is not None


def _either(m: re.Match) -> str:
    return m.group(1) or m.group(2) or ""


def looks_like_markdown(lines: list[str]) -> bool:
    """Markdown links or images on at least MIN_LINK_LINES lines and MIN_LINK_LINE_SHARE of the
    non-blank lines."""
    nonblank = links = 0
    for line in lines:
        if line:
            nonblank += 1
            if "](" in line and _LINK_LINE.search(line):
                links += 1
    return links >= MIN_LINK_LINES and links >= MIN_LINK_LINE_SHARE * nonblank


def inline_text(text: str) -> str:
    """The text a browser shows for a line's inline Markdown (images dropped, links as their text,
    emphasis and code marks and backslash escapes removed), spaces folded."""
    if "\\" in text:
        text = _HOLD.sub(lambda m: _HELD[m.group(1)], text)
    if "[" in text:
        text = _IMAGE.sub("", text)
        text = _LINK.sub(r"\1", text)
        text = _REF_LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        text = _HTML_BREAK.sub(" ", text)
    if "`" in text:
        text = _CODE_SPAN.sub(r"\2", text)
    if "*" in text or "_" in text:
        text = _STRONG.sub(_either, text)
        text = _EMPH.sub(_either, text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return " ".join(text.translate(_RESTORE).split())


def visible_lines(lines: list[str]) -> list[tuple[str, str, int]]:
    """(visible text, kind, heading level) for each line of a Markdown input, in order; a line
    that shows nothing (an image, a rule, a link definition, a setext underline) gives
    ("", kind, 0) and counts as blank; a table's delimiter row gives ("", "sep", 0) and breaks
    nothing; a code fence gives ("", "fence", 0), and the lines between two fences (blank ones
    too) are ("...", "code", 0)."""
    out: list[tuple[str, str, int]] = []
    fence = None                                         # the open code fence's marker
    for line in lines:
        if fence is not None:
            if line.lstrip().startswith(fence):
                fence = None
                out.append(("", "fence", 0))
            else:
                out.append((line, "code", 0))
            continue
        m = FENCE.match(line)
        if m:
            fence = m.group(1)[0] * 3
            out.append(("", "fence", 0))
            continue
        if not line:
            out.append(("", "text", 0))
            continue
        m = _SETEXT.match(line)
        if m and out and out[-1][0] and out[-1][1] == "text":
            # "Title" over "=====" (level 1) or "-----" (level 2): the line above is a heading
            prev = out[-1][0]
            out[-1] = (prev, "heading", 1 if m.group(1)[0] == "=" else 2)
            out.append(("", "heading", 0))
            continue
        if _TABLE_SEP.match(line):              # under a table's header row: no paragraph break
            out.append(("", "sep", 0))
            continue
        if _RULE.match(line) or _LINK_DEF.match(line):
            out.append(("", "text", 0))
            continue
        kind, level = "text", 0
        m = _ATX.match(line)
        if m:
            kind, level, line = "heading", len(m.group(1)), m.group(2) or ""
        else:
            m = _QUOTE.match(line)
            if m:
                kind, line = "quote", line[m.end():]
            m = _LIST.match(line)
            if m:
                kind, line = "list", line[m.end():]
            elif line.lstrip().startswith("|") and line.rstrip().endswith("|") and line.count("|") >= 2:
                cells = (inline_text(c) for c in line.strip().strip("|").split("|"))
                out.append((" ".join(c for c in cells if c), "text", 0))
                continue
        out.append((inline_text(line), kind, level))
    return out
