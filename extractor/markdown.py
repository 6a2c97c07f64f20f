"""Markdown rendering of the kept blocks of a page (extract(output="markdown"), clean(output=...)).

headings -> '#' * level; list items -> '- '; table cells of one row -> '| a | b |' (a '| --- |'
line after the first row of a table); code -> fenced with ```; quotes -> '> '; text as is.
Blocks of one paragraph group (Block.para) are separated by one newline, groups by a blank line.
"""
from __future__ import annotations

import dataclasses

from .types import Block, Result

MAX_HEADING_LEVEL = 6


def as_output(result: Result, output: str) -> Result:
    """The result with its text as `output` asks (options.OUTPUTS): "text" as it is, "markdown"
    rendered from its blocks."""
    return dataclasses.replace(result, text=render(result.blocks)) if output == "markdown" else result


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(blocks: list[Block] | tuple[Block, ...]) -> str:
    kept = [b for b in blocks if b.kept]
    out: list[str] = []
    prev: Block | None = None
    i = 0
    while i < len(kept):
        b = kept[i]
        if b.kind == "table":
            # gather the row: consecutive kept cells with the same html_row
            row = b.features.get("html_row", -1)
            cells = [b]
            j = i + 1
            while j < len(kept) and kept[j].kind == "table" and kept[j].features.get("html_row", -1) == row and row != -1:
                cells.append(kept[j])
                j += 1
            line = "| " + " | ".join(_escape_cell(c.text) for c in cells) + " |"
            new_table = prev is None or prev.kind != "table" or prev.para != b.para
            if new_table:
                if out:
                    out.append("\n\n")
                out.append(line)
                out.append("\n|" + " --- |" * len(cells))
            else:
                out.append("\n" + line)
            prev = cells[-1]
            i = j
            continue
        if b.kind == "heading":
            text = "#" * min(max(b.level, 1), MAX_HEADING_LEVEL) + " " + b.text
        elif b.kind == "list":
            text = "- " + b.text
        elif b.kind == "code":
            fence = "````" if "```" in b.text else "```"
            text = f"{fence}\n{b.text}\n{fence}"
        elif b.kind == "quote":
            text = "\n".join("> " + ln for ln in b.text.split("\n"))
        else:
            text = b.text
        if out:
            same = prev is not None and prev.para == b.para and b.kind not in ("heading", "code") \
                and prev.kind not in ("heading", "code", "table")
            out.append("\n" if same else "\n\n")
        out.append(text)
        prev = b
        i += 1
    return "".join(out)
