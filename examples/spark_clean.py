"""Clean a JSONL or Parquet corpus with Spark (extractor.spark.clean_dataframe).

    spark-submit examples/spark_clean.py IN OUT [--text-col text | --html-col html] [--url-col url]
                 [--encoding-col charset] [--mode balanced] [--partitions N] [--output-format parquet|json]

IN: a JSONL file / folder (*.jsonl, *.json, *.jsonl.gz: one object a line, e.g. {"id", "url", "text"})
or a Parquet file / folder (anything else). OUT: a folder, Parquet by default, with the input
columns plus clean_text, clean_title, clean_language, clean_stats (JSON), clean_error_code and
clean_error_message. Rows that failed keep their error in the last two; the job never stops on one.

Locally: `python examples/spark_clean.py in.jsonl out/ --master 'local[2]'`. On a cluster, the
executors need the `extractor` package: see README.md, "Corpus and Spark".
"""
from __future__ import annotations

import argparse
import time


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--text-col", help="column of raw page text (default: 'text' when present)")
    ap.add_argument("--html-col", help="column of HTML, string or binary (default: 'html' when present)")
    ap.add_argument("--url-col", help="column of page URLs (default: 'url' when present)")
    ap.add_argument("--encoding-col", help="with --html-col: column of HTTP charsets")
    ap.add_argument("--mode", default="balanced", choices=("precision", "balanced", "recall"))
    ap.add_argument("--partitions", type=int, help="repartition the input first (default: as read)")
    ap.add_argument("--output-format", choices=("parquet", "json"), default="parquet")
    ap.add_argument("--master", help="only outside spark-submit, e.g. 'local[2]'")
    args = ap.parse_args(argv)

    import os
    import sys
    if args.master and args.master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)   # local workers: this Python
    from pyspark.sql import SparkSession
    from extractor.spark import clean_dataframe

    builder = SparkSession.builder.appName("extractor-clean")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    if args.input.endswith((".jsonl", ".json", ".jsonl.gz", ".json.gz", ".ndjson")):
        df = spark.read.json(args.input)
    else:
        df = spark.read.parquet(args.input)
    if args.partitions:
        df = df.repartition(args.partitions)
    out = clean_dataframe(df, text_col=args.text_col, html_col=args.html_col, url_col=args.url_col,
                          encoding_col=args.encoding_col, mode=args.mode)
    t0 = time.perf_counter()
    out.write.mode("overwrite").format(args.output_format).save(args.output)
    seconds = time.perf_counter() - t0
    written = spark.read.format(args.output_format).load(args.output)
    total = written.count()
    failed = written.where(written.clean_error_code.isNotNull()).count()
    print(f"spark_clean: {total} rows ({failed} failed) in {seconds:.1f} s -> {args.output}")
    spark.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
