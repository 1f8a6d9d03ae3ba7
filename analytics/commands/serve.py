"""``serve [--workers N] [--port P]``: the app as N processes behind Debian's nginx.

Starts N ``streamlit run asgi.py`` processes on free loopback ports and nginx in front of
them on ``127.0.0.1:P`` (the shipped ``deploy/nginx.conf``: one browser stays with one
process, 100 MB uploads, the security headers and limits), waits until every process
answers, says where to open it, and runs until Ctrl-C or SIGTERM; when any of them ends,
the others are stopped and the command exits 1. See ``analytics/serving/``.
"""

from __future__ import annotations

import argparse

MAX_WORKERS = 32
DEFAULT_PORT = 8501


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "serve",
        parents=[common],
        help="run the app as N processes behind nginx until stopped",
        description="Run the app (asgi.py) as N Streamlit processes on loopback ports "
        "behind Debian's nginx listening on 127.0.0.1:P, until Ctrl-C or SIGTERM. "
        "Needs nginx (apt-get install -y nginx).",
    )
    parser.add_argument(
        "--workers", type=int, default=1, metavar="N", help=f"processes, 1 to {MAX_WORKERS}"
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, metavar="P", help=f"default {DEFAULT_PORT}"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from analytics.cli import Misuse, say
    from analytics.serving import nginx, supervise, workers

    if not 1 <= args.workers <= MAX_WORKERS:
        raise Misuse(f"--workers must be between 1 and {MAX_WORKERS}, not {args.workers}")
    if not 1 <= args.port <= 65535:
        raise Misuse(f"--port must be between 1 and 65535, not {args.port}")
    if not workers.port_is_free(args.port):
        raise Misuse(f"--port {args.port}: 127.0.0.1:{args.port} is in use or not allowed")
    binary = nginx.find_nginx()
    if binary is None:
        say(f"Không tìm thấy nginx; hãy cài: {nginx.INSTALL_HINT} (nginx is not installed)")
        return 1
    return supervise.serve(_store(args.db), args.workers, args.port, binary, say)


def _store(db: str | None) -> str:
    """What the workers get as ``TRACKER_DB``: the store's file path or PostgreSQL URL,
    once it is known to exist (``StoreMissing`` otherwise, as every command but ``init``)."""
    from analytics.store.connection import require_store

    return require_store(db).name
