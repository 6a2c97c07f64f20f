# extractor HTTP service.
#   docker build -t extractor .
#   docker run --rm -p 8080:8080 extractor          # then: curl -s localhost:8080/readyz
#   docker run --rm -p 8080:8080 -e EXTRACTOR_API_TOKEN=secret -e WEB_CONCURRENCY=4 extractor
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOST=0.0.0.0 \
    PORT=8080 \
    PROMETHEUS_MULTIPROC_DIR=/tmp/extractor-prometheus

WORKDIR /app
COPY pyproject.toml setup.py README.md* ./
COPY extractor ./extractor
COPY service ./service
RUN pip install . \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin extractor \
 && mkdir -p "$PROMETHEUS_MULTIPROC_DIR" && chown extractor "$PROMETHEUS_MULTIPROC_DIR"

USER extractor
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8080'), timeout=4)" || exit 1
CMD ["gunicorn", "-c", "service/gunicorn.conf.py", "service:create_app()"]
