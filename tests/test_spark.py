"""extractor.spark in a local[2] Spark session: the same results as the Python API.

Needs pyspark, pandas and pyarrow (the dev extra) and Java (CI installs Debian's
openjdk-17-jre-headless in .ci/run when `java` is missing).
"""
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from extractor import clean, extract

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[spark]')")
pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install -e '.[spark]')")
pytest.importorskip("pandas", reason="pandas is not installed (pip install -e '.[spark]')")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("Java is missing: Spark needs a JRE (CI installs openjdk-17-jre-headless)", allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent
from tests.test_corpus import DE, RU, html_doc, page, text_doc  # noqa: E402

SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable          # the executors' Python: this venv
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession
    session = (SparkSession.builder.master("local[2]").appName("extractor-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.executorEnv.PYTHONPATH", str(ROOT))
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_text_column_same_as_clean(spark):
    import pandas as pd
    from extractor.spark import clean_dataframe
    rows = [{"id": f"seed-{p.stem}", "text": p.read_text(encoding="utf-8"), "url": None} for p in SEEDS]
    rows += [{"id": f"t{i}", "text": text_doc(i), "url": f"https://news.example.com/t{i}"} for i in range(8)]
    rows += [{"id": "empty", "text": "  ", "url": None}, {"id": "null", "text": None, "url": None}]
    df = spark.createDataFrame(pd.DataFrame(rows)).repartition(2)
    out = {r["id"]: r for r in clean_dataframe(df, text_col="text").collect()}
    assert len(out) == len(rows)
    for row in rows[:-2]:
        got, res = out[row["id"]], clean(row["text"], url=row["url"])
        assert (got.clean_text, got.clean_title, got.clean_language) == (res.text, res.title, res.language)
        assert json.loads(got.clean_stats) == json.loads(json.dumps(res.stats))
        assert got.clean_error_code is None and got.text == row["text"]      # input columns kept
    assert out["empty"].clean_error_code == "empty_input" and out["empty"].clean_text is None
    assert out["null"].clean_error_code == "bad_input"


def test_html_column_with_charset_same_as_extract(spark):
    from pyspark.sql.types import BinaryType, StringType, StructField, StructType
    from extractor.spark import clean_dataframe
    pages = [(f"h{i}", html_doc(i).encode("utf-8"), f"https://news.example.com/h{i}", "utf-8") for i in range(3)]
    pages += [("ru", page("Бюджет утверждён", RU).encode("koi8-r"), "https://ru.example/b", "KOI8-R"),
              ("de", page("Haushalt beschlossen", DE).encode("latin-1"), "https://de.example/a", "ISO-8859-1"),
              ("bin", bytes(range(256)) * 8, "https://x.example/", None)]
    schema = StructType([StructField("id", StringType()), StructField("html", BinaryType()),
                         StructField("url", StringType()), StructField("charset", StringType())])
    df = spark.createDataFrame(pages, schema).repartition(2)
    out = {r["id"]: r for r in clean_dataframe(df, html_col="html", encoding_col="charset", prefix="x_").collect()}
    for pid, html, url, charset in pages[:-1]:
        res = extract(html, url=url, encoding=charset)
        got = out[pid]
        assert (got.x_text, got.x_title, got.x_language) == (res.text, res.title, res.language)
    assert out["ru"].x_title == "Бюджет утверждён"
    assert out["bin"].x_error_code == "binary_input"


def test_bad_arguments(spark):
    from extractor.spark import clean_dataframe
    df = spark.createDataFrame([("a", "x")], "id string, body string")
    with pytest.raises(ValueError, match="no text or html column"):
        clean_dataframe(df)
    with pytest.raises(ValueError, match="no column 'text'"):
        clean_dataframe(df, text_col="text")
    with pytest.raises(ValueError, match="already has"):
        clean_dataframe(clean_dataframe(df, text_col="body"), text_col="body")
