# syntax=docker/dockerfile:1
# Raadhuis production image. One image for every process: the default command serves the
# web application with gunicorn; `raadhuis worker` runs a Celery worker from the same image.
# Build:  docker build -t raadhuis .      Run: see docker-compose.yml and docs/operations.md.
# The front-end packages (NL Design System CSS, Leaflet) come from npm in a stage of their own;
# only node_modules is carried over, for collectstatic.
FROM node:20-slim AS frontend
WORKDIR /opt/frontend
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    RAADHUIS_MODE=production \
    RAADHUIS_VAR_DIR=/var/lib/raadhuis \
    STATIC_ROOT=/opt/raadhuis/static \
    PROMETHEUS_MULTIPROC_DIR=/tmp/raadhuis-prometheus \
    BIND=0.0.0.0:8000

# Programs the modules call: Pango for WeasyPrint (letters and reports as PDF), Tesseract with
# its Dutch model (Woo OCR of scans), LibreOffice without its desktop (Woo: Office files to PDF).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
        tesseract-ocr tesseract-ocr-nld \
        libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui \
    && rm -rf /var/lib/apt/lists/*

# A fixed, unprivileged uid/gid, so volume ownership is the same on every host.
RUN groupadd --system --gid 10001 raadhuis \
    && useradd --system --uid 10001 --gid raadhuis --no-create-home \
        --home-dir /var/lib/raadhuis --shell /usr/sbin/nologin raadhuis \
    && mkdir -p /var/lib/raadhuis/media \
    && chown -R raadhuis:raadhuis /var/lib/raadhuis

# Dependencies first, in their own layer: rebuilt only when pyproject.toml changes.
COPY pyproject.toml /tmp/build/pyproject.toml
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('/tmp/build/pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# Then Raadhuis itself; the source tree is not kept in the image.
COPY . /tmp/build
RUN pip install --no-deps /tmp/build \
    && rm -rf /tmp/build

# Static files belong to the release, so they are collected into the image, owned by root
# and read-only for the application. The key only satisfies production mode for this step.
COPY --from=frontend /opt/frontend/node_modules /tmp/node_modules
RUN SECRET_KEY=collectstatic-at-build-time-only-never-used-to-sign-anything \
    PORTAL_NODE_MODULES=/tmp/node_modules raadhuis collectstatic --no-input --verbosity 1 \
    && rm -rf /tmp/node_modules

COPY deploy/docker-entrypoint.sh /usr/local/bin/raadhuis-entrypoint
RUN chmod 0755 /usr/local/bin/raadhuis-entrypoint

USER raadhuis:raadhuis
WORKDIR /var/lib/raadhuis
EXPOSE 8000

# Liveness only: readiness (database, broker) is for the load balancer, and a database
# outage must not make Docker restart every web container.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; port = os.environ.get('BIND', ':8000').rsplit(':', 1)[1]; urllib.request.urlopen(f'http://127.0.0.1:{port}/health/live', timeout=4)"]

ENTRYPOINT ["raadhuis-entrypoint"]
CMD ["raadhuis", "serve"]
