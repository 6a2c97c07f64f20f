"""One exception tree for everything `extractor` raises on purpose.

    ExtractorError                      base: catch this to catch them all
     ├── InputError (ValueError)        the input cannot be cleaned as given
     │    ├── InputTypeError (TypeError) not str / bytes
     │    ├── EmptyInputError            nothing but whitespace
     │    ├── InputTooLargeError         over Options.max_bytes
     │    ├── DecodeError                bytes that are not valid text in the stated encoding
     │    └── BinaryInputError           decodes, but is mostly control / replacement characters
     ├── OptionsError (ValueError)      an unknown mode, a threshold out of range
     ├── RulePackError                  a rule pack is missing, duplicated or does not compile
     ├── ModelError                     the shipped model file is missing or does not match
     ├── TemplateStoreError             a site template store cannot be opened, read or written
     └── TimeoutError                   a document exceeded its time budget (service)

Every error has a stable `code` (used by the CLI's JSONL errors and the service's JSON errors).
"""
from __future__ import annotations


class ExtractorError(Exception):
    code = "extractor_error"

    def __init__(self, message: str = "", **details):
        super().__init__(message or self.__class__.__doc__ or self.code)
        self.message = message or (self.__class__.__doc__ or self.code).strip()
        self.details = details

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


class InputError(ExtractorError, ValueError):
    """The input cannot be cleaned as given."""
    code = "bad_input"


class InputTypeError(InputError, TypeError):
    """The input is not str or bytes."""
    code = "bad_type"


class EmptyInputError(InputError):
    """The input is empty or only whitespace."""
    code = "empty_input"


class InputTooLargeError(InputError):
    """The input is over the configured size limit."""
    code = "too_large"


class DecodeError(InputError):
    """The bytes are not valid text in the stated or detected encoding."""
    code = "undecodable"


class BinaryInputError(InputError):
    """The input is mostly control or replacement characters: binary, not text."""
    code = "binary_input"


class OptionsError(ExtractorError, ValueError):
    """An option has an unknown value."""
    code = "bad_option"


class RulePackError(ExtractorError):
    """A rule pack is missing, duplicated or does not compile."""
    code = "rule_pack"


class ModelError(ExtractorError):
    """The model file is missing, unreadable or does not match the feature list."""
    code = "model"


class TemplateStoreError(ExtractorError):
    """The template store cannot be opened, read or written (or has a newer schema)."""
    code = "template_store"


class TimeoutError(ExtractorError):  # noqa: A001 - deliberate, namespaced as extractor.TimeoutError
    """The document exceeded its time budget."""
    code = "timeout"


__all__ = [
    "ExtractorError", "InputError", "InputTypeError", "EmptyInputError", "InputTooLargeError",
    "DecodeError", "BinaryInputError", "OptionsError", "RulePackError", "ModelError", "TemplateStoreError",
    "TimeoutError",
]
