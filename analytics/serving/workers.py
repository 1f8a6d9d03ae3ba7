"""The app's processes behind nginx: ``streamlit run asgi.py`` on loopback ports.

The same command line as the systemd unit ``deploy/tracker@.service`` (one instance per
port); ``tests/test_serve.py`` holds the two to the same options.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP_SCRIPT = ROOT / "asgi.py"
LOOPBACK = "127.0.0.1"


def streamlit_options(port: int | str) -> list[str]:
    """Options of ``streamlit run`` for one worker: loopback only, no browser, no file
    watcher (a server does not reload on edits; each watcher would cost inotify handles)."""
    return [
        "--server.port", str(port), "--server.address", LOOPBACK,
        "--server.headless", "true", "--server.fileWatcherType", "none",
    ]  # fmt: skip


def worker_command(port: int, script: Path = APP_SCRIPT) -> list[str]:
    """The command line of the worker on ``port``."""
    return [sys.executable, "-m", "streamlit", "run", str(script), *streamlit_options(port)]


def worker_environment(store: str, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a worker: the store, and nginx on this machine as the proxy whose
    ``X-Forwarded-For`` names the client (sign-in throttling, local mode)."""
    env = dict(os.environ if base is None else base)
    env["TRACKER_DB"] = store
    env["TRACKER_TRUSTED_PROXY"] = LOOPBACK
    return env


def free_ports(count: int, besides: int | None = None) -> list[int]:
    """``count`` different loopback ports that were free a moment ago, none of them
    ``besides`` (nginx's, which the system might hand out too while it is still free)."""
    sockets: list[socket.socket] = []
    ports: list[int] = []
    try:
        while len(ports) < count:
            sock = socket.socket()
            sock.bind((LOOPBACK, 0))
            sockets.append(sock)  # each held until all are chosen: no port twice
            if sock.getsockname()[1] != besides:
                ports.append(sock.getsockname()[1])
        return ports
    finally:
        for sock in sockets:
            sock.close()


def port_is_free(port: int, address: str = LOOPBACK) -> bool:
    """Whether a server could listen on ``address:port`` now (as nginx binds it)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((address, port))
        except OSError:
            return False
    return True
