"""gunicorn's settings for speciosa on PostgreSQL (docs/postgresql.md explains each choice).

    DATABASE_URL=postgres://speciosa@db.example/speciosa SECRET_KEY=... \
        gunicorn -c deploy/gunicorn.conf.py speciosa.wsgi

Command-line options win over this file (e.g. `--bind 0.0.0.0:8000` in a container behind a proxy);
WEB_CONCURRENCY sets the number of worker processes.
"""

from __future__ import annotations

import os
from typing import Any

#: Loopback only, like `speciosa serve`: put a reverse proxy with HTTPS in front (docs/postgresql.md).
bind = ["127.0.0.1:8000"]
#: Worker processes: each serves requests in parallel with the others (a Python process runs one
#: request's Python at a time). Two per core, at most 8; WEB_CONCURRENCY overrides.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * (os.cpu_count() or 1), 8))
#: Two threads per worker, so a slow phone upload or download holds a thread, not a whole process.
worker_class = "gthread"
threads = 2
#: Each process keeps its PostgreSQL connection for 60 s (settings: conn_max_age), so the server
#: holds up to workers × threads connections: 16 with the defaults, under PostgreSQL's 100.
timeout = 60
graceful_timeout = 30
keepalive = 5
#: Workers are replaced after this many requests (± jitter), which bounds any slow memory growth.
max_requests = 5000
max_requests_jitter = 500
#: Request line and headers: gunicorn refuses longer ones with 400. gunicorn has no limit on a body's
#: size: it streams the body to the app, which refuses one above SPECIOSA_MAX_IMPORT_BYTES (Django's
#: DATA_UPLOAD_MAX_MEMORY_SIZE) from its Content-Length before reading it, so nothing is buffered
#: first (waitress, by contrast, reads the whole body before the app runs).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
#: Behind a reverse proxy on the same machine; the proxy sets X-Forwarded-Proto.
forwarded_allow_ips = "127.0.0.1,::1"
#: No access log: paths carry share-link and calendar-feed tokens. Errors go to stderr.
accesslog = None
errorlog = "-"
proc_name = "speciosa"


def on_starting(server: Any) -> None:
    """In the master, before any worker starts: bring the database schema up to date, once."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "speciosa.settings")
    import django

    django.setup()
    from django.db import connections

    from speciosa.cli.bootstrap import database_ready

    database_ready()
    connections.close_all()  # workers open their own connections after the fork


def post_worker_init(worker: Any) -> None:
    """Tell the app whether it is reachable beyond this computer, as `speciosa serve` does."""
    from django.conf import settings

    from speciosa.cli.server import is_loopback

    hosts = [address.rsplit(":", 1)[0] for address in worker.cfg.bind if not address.startswith("unix:")]
    settings.SERVED_BEYOND_LOOPBACK = any(not is_loopback(host) for host in hosts)
