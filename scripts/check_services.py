"""Stop `make test` at once, with instructions, when PostgreSQL or Redis is down.

Reads the same DATABASE_URL and CELERY_BROKER_URL the test settings use.
"""

import os
import sys
from urllib.parse import urlsplit

import psycopg2
import redis

DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/onmt_portal")
BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")

failures = []

db = urlsplit(DATABASE_URL)
try:
    # The maintenance database: the test database itself is created by pytest-django.
    psycopg2.connect(
        host=db.hostname,
        port=db.port or 5432,
        user=db.username or "postgres",
        password=db.password,
        dbname="postgres",
        connect_timeout=3,
    ).close()
except psycopg2.OperationalError as exc:
    failures.append(
        f"PostgreSQL is not reachable at {db.hostname}:{db.port or 5432} ({exc}).\n"
        "  Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
    )

try:
    redis.Redis.from_url(BROKER_URL, socket_connect_timeout=3).ping()
except redis.RedisError as exc:
    failures.append(
        f"Redis is not reachable at {BROKER_URL} ({exc}).\n"
        '  Start it with: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" '
        "--appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log"
    )

if failures:
    print("make test needs the real services:\n" + "\n".join(failures), file=sys.stderr)
    sys.exit(1)
