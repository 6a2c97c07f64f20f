"""Service configuration: embedded defaults, then `EXTRACTOR_*` environment variables, then overrides.

Every knob has a name and a default here; `create_app()` layers them in that order and validates
the result once, so a bad environment fails at start-up, not on the first request.

    EXTRACTOR_MAX_BYTES        largest document, in bytes (raw body or the JSON field), default 5 MiB
    EXTRACTOR_JSON_SLACK       a JSON body may be this many times MAX_BYTES (escaping), plus 64 KiB
    EXTRACTOR_BATCH_MAX_ITEMS  most items in one /v1/batch request, default 100
    EXTRACTOR_BATCH_MAX_BYTES  largest /v1/batch body, default 20 MiB
    EXTRACTOR_DOC_TIMEOUT      per-document time budget in seconds (0 disables), default 10
    EXTRACTOR_BATCH_TIMEOUT    time budget for a whole batch in seconds (0 disables), default 60
    EXTRACTOR_API_TOKEN        when set, a Bearer token every route but /healthz and /readyz needs
    EXTRACTOR_PUBLIC_PAGE      when true, the explain page's static files (not the API) skip the token
    EXTRACTOR_WARMUP           clean one small document at start-up so rules and model are loaded
"""
from __future__ import annotations

MiB = 1024 * 1024

DEFAULTS: dict = {
    "MAX_BYTES": 5 * MiB,
    "JSON_SLACK": 2,
    "BATCH_MAX_ITEMS": 100,
    "BATCH_MAX_BYTES": 20 * MiB,
    "DOC_TIMEOUT": 10.0,
    "BATCH_TIMEOUT": 60.0,
    "API_TOKEN": None,
    "PUBLIC_PAGE": False,
    "WARMUP": True,
    "JSON_SORT_KEYS": False,
}

JSON_BODY_OVERHEAD = 64 * 1024      # room for the JSON envelope around a document of MAX_BYTES

# Warm-up documents: an English one (rule packs, model) and one in a language the stopword vote
# does not decide, so that langdetect's profiles load too (400 ms on first use otherwise).
WARMUP_TEXTS = (
    "Warm-up headline for the extractor service\n\n"
    "This paragraph is a short, ordinary piece of article prose, long enough that the cleaner "
    "segments it, scores it and keeps it, so that every rule pack and the model are loaded.\n\n"
    "Subscribe to our newsletter | Privacy policy | Cookie settings\n",
    "Tere hommikust\n\n"
    "See on lühike eestikeelne lõik, mis räägib ilmast, linnast ja inimestest, kes elavad mere "
    "ääres ning käivad igal hommikul tööl.\n",
)
WARMUP_HTML = (
    "<html><head><title>Warm-up</title></head><body><nav><a href='/'>Home</a></nav><article>"
    "<h1>Warm-up headline</h1><p>This paragraph is a short, ordinary piece of article prose, long "
    "enough that the extractor keeps it.</p></article><footer>Privacy policy</footer></body></html>"
)

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _as_bool(name: str, value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError(f"EXTRACTOR_{name} must be a boolean, got {value!r}")


def _as_number(name: str, value, kind, minimum):
    try:
        if isinstance(value, bool):
            raise ValueError
        number = kind(value)
    except (TypeError, ValueError):
        raise ValueError(f"EXTRACTOR_{name} must be a {kind.__name__}, got {value!r}") from None
    if number < minimum:
        raise ValueError(f"EXTRACTOR_{name} must be >= {minimum}, got {value!r}")
    return number


def normalize(config: dict) -> None:
    """Coerce and validate the service keys in place (env values arrive as JSON or strings)."""
    config["MAX_BYTES"] = _as_number("MAX_BYTES", config["MAX_BYTES"], int, 1)
    config["JSON_SLACK"] = _as_number("JSON_SLACK", config["JSON_SLACK"], int, 1)
    config["BATCH_MAX_ITEMS"] = _as_number("BATCH_MAX_ITEMS", config["BATCH_MAX_ITEMS"], int, 1)
    config["BATCH_MAX_BYTES"] = _as_number("BATCH_MAX_BYTES", config["BATCH_MAX_BYTES"], int, 1)
    config["DOC_TIMEOUT"] = _as_number("DOC_TIMEOUT", config["DOC_TIMEOUT"], float, 0)
    config["BATCH_TIMEOUT"] = _as_number("BATCH_TIMEOUT", config["BATCH_TIMEOUT"], float, 0)
    config["PUBLIC_PAGE"] = _as_bool("PUBLIC_PAGE", config["PUBLIC_PAGE"])
    config["WARMUP"] = _as_bool("WARMUP", config["WARMUP"])
    token = config.get("API_TOKEN")
    # from_prefixed_env json-decodes values: a numeric token arrives as an int.
    config["API_TOKEN"] = None if token in (None, "", False) else str(token)
    # Flask's own ceiling on any body; each route lowers it for its own kind of body.
    config["MAX_CONTENT_LENGTH"] = max(json_body_limit(config), config["BATCH_MAX_BYTES"])


def json_body_limit(config) -> int:
    return config["MAX_BYTES"] * config["JSON_SLACK"] + JSON_BODY_OVERHEAD
