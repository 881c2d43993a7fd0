# Jenjang: a small image that runs `jenjang serve` as a non-root user.
#   docker build -t jenjang .
#   docker run --rm -v jenjang-data:/data -e JENJANG_SECRET_KEY=... jenjang jenjang migrate
#   docker run -d -p 8000:8000 -v jenjang-data:/data -e JENJANG_SECRET_KEY=... jenjang

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/jenjang
COPY pyproject.toml README.md ./
COPY portal ./portal
COPY schema ./schema
COPY workflows ./workflows
RUN /opt/jenjang/bin/pip install .

FROM python:3.11-slim
ENV PATH=/opt/jenjang/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    JENJANG_HOST=0.0.0.0 \
    JENJANG_PORT=8000 \
    JENJANG_DATABASE_URL=sqlite:///data/jenjang.sqlite3 \
    JENJANG_DOCUMENT_DIR=/data/documents
RUN useradd --system --uid 10001 --create-home --home-dir /data jenjang
COPY --from=build /opt/jenjang /opt/jenjang
USER jenjang
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; u.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('JENJANG_PORT', '8000'), timeout=3)"]
CMD ["jenjang", "serve"]
