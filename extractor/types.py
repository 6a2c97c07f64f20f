"""The data that flows through the pipeline: Block (one per input block) and Result.

Labels on a block:
  cf_label  the context-free label: what the block's own text, features and rules say
  label     the final label, after context, duplicates and metadata stages
Both are one of: "content", "boilerplate", "title", "byline", "date".
Only blocks whose final label is "content" reach Result.text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CONTENT = "content"
BOILERPLATE = "boilerplate"
TITLE = "title"
BYLINE = "byline"
DATE = "date"
LABELS = (CONTENT, BOILERPLATE, TITLE, BYLINE, DATE)
# the rule hit of a bare number ("203", "(5)": rules/packs/widget/xx.txt), which the classify
# and context stages treat apart: a table cell's or a kept list's number is data
NUMBER_HIT = ("widget", "widget.number")


@dataclass(slots=True, eq=False)
class Block:
    """One block of the input: a line or paragraph of text (or an HTML block element)."""
    index: int
    text: str
    line: int = 0                      # 1-based line number in the input (text path)
    para: int = 0                      # paragraph number: blocks separated by blank lines
    kind: str = "text"                 # text | heading | list | table | code | quote (HTML path)
    level: int = 0                     # heading level (HTML path)
    features: dict[str, Any] = field(default_factory=dict)
    hits: list[tuple[str, str]] = field(default_factory=list)   # (category, reason) of rule hits
    score: float = 0.5                 # probability that the block is article content
    cf_label: str = CONTENT
    label: str = CONTENT
    category: str | None = None        # boilerplate category when removed (nav, donation, ...)
    reason: str | None = None          # short stable code of the deciding rule

    @property
    def kept(self) -> bool:
        return self.label == CONTENT

    def decide(self, label: str, category: str | None, reason: str | None) -> None:
        self.label, self.category, self.reason = label, category, reason

    def to_dict(self) -> dict:
        return {
            "index": self.index, "line": self.line, "text": self.text, "kind": self.kind,
            "kept": self.kept, "label": self.label, "cf_label": self.cf_label,
            "category": self.category, "reason": self.reason, "score": round(float(self.score), 4),
        }


@dataclass(frozen=True, slots=True)
class Result:
    """What clean() and extract() return."""
    text: str
    title: str | None = None
    byline: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    language: str | None = None
    mode: str = "balanced"
    url: str | None = None
    site_name: str | None = None
    blocks: tuple[Block, ...] = ()
    stats: dict = field(default_factory=dict)

    @property
    def removed(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if not b.kept)

    def to_dict(self, *, blocks: bool = True) -> dict:
        d = {
            "text": self.text, "title": self.title, "byline": self.byline, "authors": list(self.authors),
            "date": self.date, "language": self.language, "mode": self.mode, "url": self.url,
            "site_name": self.site_name, "stats": self.stats,
        }
        if blocks:
            d["blocks"] = [b.to_dict() for b in self.blocks]
        return d
