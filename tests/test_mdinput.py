"""Markdown input (extractor/mdinput.py): detection, a line's visible text, the lines' kinds."""
import pytest

from extractor import mdinput as MD
from extractor.mdinput import MIN_LINK_LINE_SHARE, MIN_LINK_LINES, inline_text, looks_like_markdown, visible_lines


@pytest.mark.parametrize("line, shown", [
    ("[Home](https://example.com/)", "Home"),
    ("Read the [full report](/report.pdf \"PDF, 2 MB\") today.", "Read the full report today."),
    ("![A reading room](https://example.com/a.jpg)", ""),
    ("[![Logo](https://example.com/logo.png)](https://example.com/)", ""),
    ("See [the list](<https://example.com/a b>) here", "See the list here"),
    ("[Paris (France)](https://en.wikipedia.org/wiki/Paris_(France)) is big", "Paris (France) is big"),
    ("as [noted][1] before", "as noted before"),
    ("mail <mailto:desk@example.com> or <https://example.com/x>", "mail mailto:desk@example.com or https://example.com/x"),
    ("**Read more:** the *latest* and __best__ of _this_ week", "Read more: the latest and best of this week"),
    ("set my_var_name and 2*3*4 stay", "set my_var_name and 2*3*4 stay"),
    ("run `pip install x` now", "run pip install x now"),
    (r"a \*literal\* star and \[brackets\]", "a *literal* star and [brackets]"),
    ("one<br>two", "one two"),
    ("[unclosed link(https://example.com", "[unclosed link(https://example.com"),
])
def test_inline_text_is_what_a_browser_shows(line, shown):
    assert inline_text(line) == shown


def test_kinds_and_levels_of_block_lines():
    lines = ["# Main headline #", "## Section", "#hashtag stays text", "* [Menu](/m)", "- item two",
             "1. first step", "- [x] done task", "> quoted words", "| a | **b** |", "|---|:--:|",
             "plain text", "***", "[1]: https://example.com/ref", "![img](x.png)"]
    out = visible_lines(lines)
    assert out == [("Main headline", "heading", 1), ("Section", "heading", 2), ("#hashtag stays text", "text", 0),
                   ("Menu", "list", 0), ("item two", "list", 0), ("first step", "list", 0), ("done task", "list", 0),
                   ("quoted words", "quote", 0), ("a b", "text", 0), ("", "sep", 0), ("plain text", "text", 0),
                   ("", "text", 0), ("", "text", 0), ("", "text", 0)]


def test_setext_headings_and_rules():
    out = visible_lines(["Big title", "=========", "", "Smaller", "-------", "", "---", "after"])
    assert out[0] == ("Big title", "heading", 1) and out[1][0] == ""
    assert out[3] == ("Smaller", "heading", 2) and out[4][0] == ""
    assert out[6] == ("", "text", 0)            # a rule after a blank line: not a heading's underline
    assert out[7] == ("after", "text", 0)


def test_code_fences_keep_their_lines_as_written():
    out = visible_lines(["```bash", "# not a heading", "* not a list [x](y)", "```", "after the code"])
    assert out == [("", "fence", 0), ("# not a heading", "code", 0), ("* not a list [x](y)", "code", 0),
                   ("", "fence", 0), ("after the code", "text", 0)]


def test_detection_needs_enough_link_lines():
    links = [f"* [Section {i}](https://example.com/{i})" for i in range(MIN_LINK_LINES)]
    prose = ["A plain sentence of the article."] * 10
    assert looks_like_markdown(links + prose)
    assert not looks_like_markdown(links[:-1] + prose)
    # enough lines, but too small a share of a long page
    many = int(MIN_LINK_LINES / MIN_LINK_LINE_SHARE) + 10
    assert not looks_like_markdown(links + ["A plain sentence."] * many)


def test_plain_text_with_hash_lines_is_not_markdown():
    """Shell comments and numbered steps start with "# " in plain text too."""
    lines = ["# install the package", "pip install x", "# run it", "x --help", "# Step 3: done"] * 3
    assert not looks_like_markdown(lines)


def test_hostile_lines_finish():
    for bait in ("[" * 50_000, "](" * 50_000, "**a" * 20_000, "_a" * 30_000, "`" * 50_000,
                 "[a](" + "b" * 50_000, "![" * 25_000 + "](x)", "| " * 30_000, "> " * 30_000, "#" * 50_000):
        assert isinstance(inline_text(bait), str)
        assert len(visible_lines([bait])) == 1
        MD.looks_like_markdown([bait] * 3)
