"""The cleaner as a visible list of stages.

    STAGES = [segment, language, features, rules, classify, context, metadata, duplicates, assemble]

Each stage is a function `stage(doc: Document) -> None` that reads and writes the Document.
(metadata runs before duplicates because a repeated headline is recognised by the title.)
The HTML path (html.py) fills `doc.blocks` itself and starts at `language`.
"""
from __future__ import annotations

import operator
import time
from dataclasses import dataclass, field
from typing import Callable

from . import classify as _classify
from . import context as _context
from . import features as _features
from . import language as _language
from . import metadata as _metadata
from . import segment as _segment
from .errors import EmptyInputError
from .options import Options
from .types import CONTENT, Block, Result


@dataclass
class Document:
    text: str
    options: Options
    blocks: list[Block] = field(default_factory=list)
    language: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    body_start: int = 0
    meta: dict = field(default_factory=dict)
    result: Result | None = None
    timings: dict[str, float] = field(default_factory=dict)
    model: object = None
    # the features stage's float columns and the feature dicts they describe (see classify)
    columns: tuple[dict, list[dict]] | None = None

    @property
    def threshold(self) -> float:
        """The keep threshold: the caller's, else the model's for the mode, else the heuristic's."""
        if self.options.keep_threshold is not None:
            return float(self.options.keep_threshold)
        if self.model is not None:
            return self.model.thresholds.get(self.options.mode.value, 0.5)
        return self.options.threshold


def segment(doc: Document) -> None:
    if not doc.blocks:
        doc.blocks = _segment.segment(doc.text, max_line_chars=doc.options.max_line_chars,
                                      markup=doc.options.markup)
        if not doc.blocks:
            raise EmptyInputError("input has no visible text (only whitespace or invisible characters)")
        n, fields = _segment.reader_header(doc.blocks)
        for b in doc.blocks[:n]:
            # decided here, as a rule hit: the rules stage leaves blocks with hits as they are
            b.hits = [_segment.READER_HEADER_HIT]
        # the page's own headline and date line, when found, come first (metadata)
        doc.meta.update({f"{k}_hint": v for k, v in fields.items()})


def language(doc: Document) -> None:
    if doc.options.language:
        doc.language = doc.options.language
    else:
        doc.language = doc.meta.get("language_hint") or _language.detect(
            _language.sample_text(doc.blocks, doc.options.lang_sample_chars))


def features(doc: Document) -> None:
    cols = _features.compute(doc.blocks, doc.language)
    doc.columns = None if cols is None else (cols, [b.features for b in doc.blocks])


def rules(doc: Document) -> None:
    _classify.apply_rules(doc.blocks, doc.language)


def classify(doc: Document) -> None:
    _classify.classify(doc.blocks, doc.language, doc.model, doc.threshold, cols=feature_columns(doc))


def feature_columns(doc: Document) -> dict | None:
    """The features stage's columns when they still describe doc.blocks: the very feature dicts
    they were computed with, in the same order (the HTML path merges blocks after that stage,
    giving the merged ones new dicts). None: scoring reads the dicts instead."""
    if doc.columns is None:
        return None
    cols, dicts = doc.columns
    blocks = doc.blocks
    if len(dicts) != len(blocks) or not all(map(operator.is_, [b.features for b in blocks], dicts)):
        return None
    return cols


def context(doc: Document) -> None:
    doc.spans = _context.context(doc.blocks, doc.options, doc.threshold)
    # the body starts in the first content run; when the decoding found none and the fallback
    # kept blocks on their own scores, at the first of those
    start = doc.spans[0][0] if doc.spans else next((b.index for b in doc.blocks if b.kept), 0)
    doc.body_start = next((b.index for b in doc.blocks[start:] if b.kept and b.features["jt"] == "good"), start)


def metadata(doc: Document) -> None:
    found = _metadata.metadata(doc.blocks, doc.body_start, doc.options.url or doc.meta.get("url_hint"))
    if found.get("title"):
        # when the headline was the only kept block, or most of a thin body, the fallbacks refill it
        _context.refill_thin_body(doc.blocks, doc.options, doc.threshold)
    for k, v in found.items():
        if v and not doc.meta.get(k):
            doc.meta[k] = v
    for k in _segment.READER_HEADER_FIELDS.values():    # a reader proxy's header (segment): fallbacks
        if not doc.meta.get(k) and doc.meta.get(f"{k}_hint"):
            v = doc.meta[f"{k}_hint"]
            doc.meta[k] = _metadata.strip_site_name(v, None) if k == "title" else v


def duplicates(doc: Document) -> None:
    _context.duplicates(doc.blocks, doc.meta.get("title"), doc.body_start)


def assemble(doc: Document) -> None:
    parts: list[str] = []
    prev_para = None
    for b in [b for b in doc.blocks if b.label == CONTENT]:
        if parts:
            parts.append("\n" if b.para == prev_para else "\n\n")
        parts.append(b.text)
        prev_para = b.para
    doc.result = Result(
        text="".join(parts),
        title=doc.meta.get("title"),
        byline=doc.meta.get("byline"),
        authors=tuple(doc.meta.get("authors") or ()),
        date=doc.meta.get("date"),
        language=doc.language,
        mode=doc.options.mode.value,
        url=doc.options.url or doc.meta.get("url"),
        site_name=doc.meta.get("site_name"),
        blocks=tuple(doc.blocks),
        stats=stats(doc.blocks),
    )


def stats(blocks: list[Block]) -> dict:
    """Counts of the page's blocks and characters, and of the removed ones per category (the
    label when there is none). The removed blocks' lengths are collected in one list per
    category and counted at the end: cheaper than updating two counters per block."""
    chars = 0
    lengths: dict[str, list[int]] = {}
    for b in blocks:
        n = len(b.text)
        chars += n
        if b.label != CONTENT:                        # not b.kept, inlined
            key = b.category or b.label
            group = lengths.get(key)
            if group is None:
                lengths[key] = [n]
            else:
                group.append(n)
    by = {key: {"blocks": len(group), "chars": sum(group)} for key, group in sorted(lengths.items())}
    return {
        "blocks": len(blocks), "removed_blocks": sum([c["blocks"] for c in by.values()]),
        "chars": chars, "removed_chars": sum([c["chars"] for c in by.values()]),
        "by_category": by,
    }


STAGES: list[Callable[[Document], None]] = [
    segment, language, features, rules, classify, context, metadata, duplicates, assemble,
]


def run(doc: Document, stages: list[Callable[[Document], None]] | None = None, timed: bool = False) -> Result:
    for stage in STAGES if stages is None else stages:
        if timed:
            t = time.perf_counter()
            stage(doc)
            doc.timings[stage.__name__] = time.perf_counter() - t
        else:
            stage(doc)
    assert doc.result is not None
    return doc.result
