"""PySpark: clean a DataFrame's text or HTML column on a cluster.

    from extractor.spark import clean_dataframe
    out = clean_dataframe(df, text_col="text")                  # the text path, clean()
    out = clean_dataframe(df, html_col="html", url_col="url")   # the HTML path, extract()

Returns `df` with these columns added (`prefix` defaults to "clean_"):
    clean_text, clean_title, clean_language   string (null when the row failed)
    clean_stats                               string: the Result's stats as JSON
    clean_error_code, clean_error_message     string (null when the row succeeded)
Each row is what `extractor.corpus.process_item` gives for it, so a row's result is the same as
clean() / extract() in Python and as `extractor corpus` writes it. With both text_col and
html_col, a row's non-null HTML wins. `encoding_col` (with HTML) holds the HTTP charset.

The work runs in `mapInPandas`: each Python worker on an executor imports extractor and loads
the rule packs and the model once (extractor.corpus.warm; Spark reuses its Python workers), then
cleans batch after batch of rows. pyspark is imported only when this function is called; the
executors need the `extractor` package itself (see README: "Corpus and Spark").
"""
from __future__ import annotations

import json

RESULTS = ("text", "title", "language", "stats", "error_code", "error_message")


def result_columns(prefix: str = "clean_") -> list[str]:
    return [prefix + name for name in RESULTS]


def _mapper(text_col, html_col, url_col, encoding_col, mode, prefix):
    """The function run on the executors (module-level factory: pickled by reference)."""

    def clean_batches(batches):
        from extractor import corpus
        corpus.warm()                      # once per Python worker process
        names = result_columns(prefix)
        for pdf in batches:
            cols = {name: [] for name in names}
            texts = pdf[text_col] if text_col else None
            htmls = pdf[html_col] if html_col else None
            urls = pdf[url_col] if url_col else None
            encs = pdf[encoding_col] if encoding_col else None
            for i in range(len(pdf)):
                item = {"id": i, "url": _value(urls, i), "encoding": _value(encs, i)}
                html = _value(htmls, i)
                if html is not None:
                    item["html"] = bytes(html) if isinstance(html, (bytearray, memoryview)) else html
                else:
                    item["text"] = _value(texts, i)
                row = corpus.process_item(item, mode)
                err = row.get("error")
                ok = err is None
                cols[names[0]].append(row.get("text") if ok else None)
                cols[names[1]].append(row.get("title") if ok else None)
                cols[names[2]].append(row.get("language") if ok else None)
                cols[names[3]].append(json.dumps(row.get("stats"), ensure_ascii=False) if ok else None)
                cols[names[4]].append(None if ok else err.get("code"))
                cols[names[5]].append(None if ok else err.get("message"))
            out = pdf.copy()
            for name, values in cols.items():
                out[name] = values
            yield out

    return clean_batches


def _value(series, i):
    if series is None:
        return None
    v = series.iloc[i]
    try:
        import pandas as pd
        if v is None or (not isinstance(v, (str, bytes, bytearray, memoryview)) and pd.isna(v)):
            return None
    except (TypeError, ValueError):
        pass
    return v


def clean_dataframe(df, *, text_col: str | None = None, html_col: str | None = None,
                    url_col: str | None = None, encoding_col: str | None = None,
                    mode: str = "balanced", prefix: str = "clean_"):
    """`df` with the result columns added (see the module docstring)."""
    from pyspark.sql.types import StringType, StructField, StructType

    columns = set(df.columns)
    if text_col is None and html_col is None:
        if "html" in columns:
            html_col = "html"
        if "text" in columns:
            text_col = "text"
        if text_col is None and html_col is None:
            raise ValueError("no text or html column: name one with text_col= or html_col=")
    for name in (text_col, html_col, url_col, encoding_col):
        if name is not None and name not in columns:
            raise ValueError(f"no column {name!r} in the DataFrame (columns: {', '.join(df.columns)})")
    if url_col is None and "url" in columns:
        url_col = "url"
    taken = [c for c in result_columns(prefix) if c in columns]
    if taken:
        raise ValueError(f"the DataFrame already has {', '.join(taken)}: pass another prefix=")
    schema = StructType(list(df.schema.fields) + [StructField(c, StringType(), True) for c in result_columns(prefix)])
    return df.mapInPandas(_mapper(text_col, html_col, url_col, encoding_col, mode, prefix), schema)
