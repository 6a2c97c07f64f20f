"""Pins the public API: a change here is a change users notice."""
import extractor


def test_exported_members():
    assert sorted(extractor.__all__) == sorted([
        "clean", "extract", "Mode", "Options", "Result", "Block", "errors",
        "ExtractorError", "InputError", "InputTypeError", "EmptyInputError", "InputTooLargeError",
        "DecodeError", "BinaryInputError", "OptionsError", "RulePackError", "ModelError", "TemplateStoreError",
        "__version__",
    ])
    for name in extractor.__all__:
        assert hasattr(extractor, name), name


def test_clean_signature():
    import inspect
    sig = inspect.signature(extractor.clean)
    params = sig.parameters
    assert list(params)[0] == "text"
    for kw, default in (("mode", extractor.Mode.BALANCED), ("language", None), ("url", None)):
        assert params[kw].kind is inspect.Parameter.KEYWORD_ONLY
        assert params[kw].default == default


def test_modes():
    assert [m.value for m in extractor.Mode] == ["precision", "balanced", "recall"]


def test_exception_tree():
    e = extractor.errors
    for cls in (e.InputTypeError, e.EmptyInputError, e.InputTooLargeError, e.DecodeError, e.BinaryInputError):
        assert issubclass(cls, e.InputError) and issubclass(cls, e.ExtractorError)
    assert issubclass(e.InputTypeError, TypeError)
    assert issubclass(e.InputError, ValueError)
    codes = [c.code for c in (e.ExtractorError, e.InputError, e.InputTypeError, e.EmptyInputError,
                              e.InputTooLargeError, e.DecodeError, e.BinaryInputError, e.OptionsError,
                              e.RulePackError, e.ModelError, e.TemplateStoreError, e.TimeoutError)]
    assert len(set(codes)) == len(codes)
    assert issubclass(e.TemplateStoreError, e.ExtractorError)


def test_result_fields():
    r = extractor.clean("A headline\n\nThis is the only paragraph of a short article, and it says enough to be kept as content.")
    d = r.to_dict()
    for k in ("text", "title", "byline", "authors", "date", "language", "mode", "stats", "blocks"):
        assert k in d
    for b in d["blocks"]:
        assert set(b) >= {"kept", "category", "reason", "score", "label", "cf_label", "text"}
