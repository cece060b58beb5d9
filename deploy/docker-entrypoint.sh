#!/bin/sh
# Entry point of the Raadhuis image: prepare the process, then become the command.
set -eu

# prometheus_client's multiprocess mode keeps one file per gunicorn worker in this
# directory; files of a previous run would be added to the new counters, so start empty.
if [ -n "${PROMETHEUS_MULTIPROC_DIR:-}" ]; then
    rm -rf "${PROMETHEUS_MULTIPROC_DIR:?}"
    mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
fi

exec "$@"
