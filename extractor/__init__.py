"""extractor: remove page furniture from scraped article text and HTML.

    from extractor import clean
    result = clean(raw_text)          # Result: .text, .title, .byline, .date, .language, .blocks, .stats
"""
from . import errors
from .api import clean
from .htmlapi import extract
from .errors import (BinaryInputError, DecodeError, EmptyInputError, ExtractorError, InputError,
                     InputTooLargeError, InputTypeError, ModelError, OptionsError, RulePackError,
                     TemplateStoreError)
from .options import Mode, Options
from .types import Block, Result

__version__ = "0.1.0"

__all__ = [
    "clean", "extract", "Mode", "Options", "Result", "Block", "errors",
    "ExtractorError", "InputError", "InputTypeError", "EmptyInputError", "InputTooLargeError",
    "DecodeError", "BinaryInputError", "OptionsError", "RulePackError", "ModelError", "TemplateStoreError",
    "__version__",
]
