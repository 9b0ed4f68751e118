#!/usr/bin/env bash
# `make run`'s server: the web process and the Celery side (worker with an
# embedded beat) together; stopping one stops both.
set -euo pipefail
PY=${PY:-.venv/bin/python}
PORT=${PORT:-8000}

"$PY" -m celery -A onmt_portal worker --beat --pool=solo --loglevel=INFO &
celery_pid=$!
trap 'kill "$celery_pid" 2>/dev/null || true; wait "$celery_pid" 2>/dev/null || true' EXIT INT TERM

"$PY" manage.py runserver --noreload "127.0.0.1:$PORT"
