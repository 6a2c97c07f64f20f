"""Options: one validated object, one Mode enum, every threshold a named default.

Modes move the keep/remove threshold of the model score and the strictness of context rules:
  precision  remove whatever looks like furniture, even at some cost to the body
  balanced   the default
  recall     keep whatever could be body; remove only clear furniture
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace

from .errors import OptionsError

MARKUPS = ("auto", "text", "markdown", "html")   # Options.markup (api.clean, segment.segment read it)
OUTPUTS = ("text", "markdown")                   # Result.text as plain text or as Markdown (clean, extract)


def check_output(output: str) -> None:
    """OptionsError unless `output` is one of OUTPUTS (clean() and extract() take it)."""
    if output not in OUTPUTS:
        raise OptionsError(f"unknown output {output!r}; expected one of {', '.join(OUTPUTS)}")


class Mode(str, enum.Enum):
    PRECISION = "precision"
    BALANCED = "balanced"
    RECALL = "recall"

    @classmethod
    def parse(cls, value: "Mode | str | None") -> "Mode":
        if value is None:
            return cls.BALANCED
        if isinstance(value, cls):
            return value
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            raise OptionsError(f"unknown mode {value!r}; expected one of precision, balanced, recall") from None


# --- named defaults -------------------------------------------------------------------------
MAX_BYTES_DEFAULT = 5 * 1024 * 1024          # inputs over this raise InputTooLargeError
MAX_LINE_CHARS_DEFAULT = 20_000              # a longer line is split into sentences
LANG_SAMPLE_CHARS_DEFAULT = 600              # langdetect sees at most this many characters
BINARY_RATIO_DEFAULT = 0.30                  # share of control/replacement chars that means "binary"
# Score thresholds per mode: a block is kept when its content score >= threshold.
KEEP_THRESHOLD = {Mode.PRECISION: 0.62, Mode.BALANCED: 0.50, Mode.RECALL: 0.36}


@dataclass(frozen=True)
class Options:
    mode: Mode = Mode.BALANCED
    language: str | None = None
    url: str | None = None
    max_bytes: int = MAX_BYTES_DEFAULT
    max_line_chars: int = MAX_LINE_CHARS_DEFAULT
    lang_sample_chars: int = LANG_SAMPLE_CHARS_DEFAULT
    binary_ratio: float = BINARY_RATIO_DEFAULT
    keep_threshold: float | None = None      # None: the mode's default
    markup: str = "auto"                     # the input's markup: auto | text | markdown | html (api.clean)
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self):
        object.__setattr__(self, "mode", Mode.parse(self.mode))
        if self.language is not None:
            if not isinstance(self.language, str) or not self.language.strip():
                raise OptionsError("language must be an ISO code such as 'en'")
            object.__setattr__(self, "language", self.language.strip().lower())
        if not isinstance(self.max_bytes, int) or self.max_bytes <= 0:
            raise OptionsError("max_bytes must be a positive int")
        if self.markup not in MARKUPS:
            raise OptionsError(f"unknown markup {self.markup!r}; expected one of {', '.join(MARKUPS)}")
        if self.keep_threshold is not None and not (0.0 <= float(self.keep_threshold) <= 1.0):
            raise OptionsError("keep_threshold must be within [0, 1]")

    @property
    def threshold(self) -> float:
        return KEEP_THRESHOLD[self.mode] if self.keep_threshold is None else float(self.keep_threshold)

    def with_(self, **changes) -> "Options":
        return replace(self, **changes)
