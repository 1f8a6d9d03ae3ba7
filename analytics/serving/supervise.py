"""Start the workers and nginx, wait until they answer, watch them, stop them together.

Each child runs in its own session, so a Ctrl-C at the terminal reaches only this process,
which then stops the children in order; on Linux each child is also told to end when this
process dies (``PR_SET_PDEATHSIG``), so none outlives a ``kill -9`` of it.
"""

from __future__ import annotations

import ctypes
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from analytics.serving import nginx, workers

READY_SECONDS = 120.0  # a worker on a busy machine takes seconds to load the app
STOP_SECONDS = 10.0  # then the children still running are killed
POLL_SECONDS = 0.25


@dataclass
class Child:
    name: str
    process: subprocess.Popen[bytes]


class _Stopping:
    """Set by SIGINT or SIGTERM; the loops below look at it between short waits."""

    def __init__(self) -> None:
        self.signal: int | None = None

    def __call__(self, signum: int, _frame: object) -> None:
        self.signal = signum


def serve(
    store: str,
    worker_count: int,
    port: int,
    nginx_binary: str,
    say: Callable[[str], None],
    script: Path = workers.APP_SCRIPT,
) -> int:
    """Run ``script`` as ``worker_count`` processes on ``store`` behind nginx on
    ``127.0.0.1:port`` until SIGINT or SIGTERM (0) or until a child ends (1)."""
    stopping = _Stopping()
    previous = {sig: signal.signal(sig, stopping) for sig in (signal.SIGINT, signal.SIGTERM)}
    folder = Path(tempfile.mkdtemp(prefix="tracker-serve-"))
    children: list[Child] = []
    try:
        ports = workers.free_ports(worker_count, besides=port)
        env = workers.worker_environment(store)
        for number, worker_port in enumerate(ports, start=1):
            command = workers.worker_command(worker_port, script)
            name = f"tiến trình {number} (127.0.0.1:{worker_port})"
            children.append(_start(name, command, env))
        # nginx only once every worker answers: a worker it found closed would stay out of
        # its choice for a while (and each try would be an error in the log).
        ended = _wait_until_ready(children, [_health(p) for p in ports], stopping)
        if ended is None and stopping.signal is None:
            config = nginx.write_config(folder, port, ports)
            children.append(_start("nginx", nginx.command(nginx_binary, config), None))
            ended = _wait_until_ready(children, [_health(port)], stopping)
        if ended is None and stopping.signal is None:
            say(
                f"Mở http://127.0.0.1:{port} — {worker_count} tiến trình ứng dụng "
                f"({', '.join(f'127.0.0.1:{p}' for p in ports)}) sau nginx; Ctrl-C để dừng. "
                f"(Open http://127.0.0.1:{port}; Ctrl-C stops it.)"
            )
            ended = _watch(children, stopping)
        if ended is not None:
            say(ended)
            return 1
        say("Đã dừng. (Stopped.)")
        return 0
    finally:
        _stop_all(children)
        shutil.rmtree(folder, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _health(port: int) -> str:
    return f"http://127.0.0.1:{port}/_stcore/health"


def _start(name: str, command: Sequence[str], env: dict[str, str] | None) -> Child:
    """A child whose messages go to this process's stderr; its stdout is dropped (Streamlit
    prints its own address there, which is not where people should go)."""
    process = subprocess.Popen(
        command, cwd=workers.ROOT, env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, start_new_session=True, preexec_fn=_end_with_parent,
    )  # fmt: skip
    return Child(name, process)


def _end_with_parent() -> None:
    """In the child, before it runs its program: SIGTERM when the parent dies (Linux)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _ended(children: Sequence[Child]) -> str | None:
    for child in children:
        code = child.process.poll()
        if code is not None:
            how = f"tín hiệu {-code}" if code < 0 else f"mã thoát {code}"
            return (
                f"{child.name} đã dừng ({how}); đã dừng cả các tiến trình khác. "
                f"({child.name.replace('tiến trình', 'worker')} stopped; all were stopped.)"
            )
    return None


def _wait_until_ready(
    children: Sequence[Child], health: Sequence[str], stopping: _Stopping
) -> str | None:
    """Wait until every address in ``health`` answers ``ok``; a message when a child ended
    or the wait ran out, None when ready (or stopping)."""
    waiting = list(health)
    deadline = time.monotonic() + READY_SECONDS
    while waiting and stopping.signal is None:
        ended = _ended(children)
        if ended is not None:
            return ended
        if time.monotonic() > deadline:
            return (
                f"Sau {READY_SECONDS:.0f} giây vẫn chưa trả lời: {', '.join(waiting)}; "
                f"đã dừng tất cả. (Not ready in time; all were stopped.)"
            )
        waiting = [url for url in waiting if not _answers(url)]
        if waiting:
            time.sleep(POLL_SECONDS)
    return None


_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via http_proxy


def _answers(url: str) -> bool:
    try:
        with _DIRECT.open(url, timeout=2) as response:
            return response.read() == b"ok"
    except OSError:  # not listening yet, or an error status
        return False


def _watch(children: Sequence[Child], stopping: _Stopping) -> str | None:
    """Until a signal (None) or a child's end (a message)."""
    while stopping.signal is None:
        ended = _ended(children)
        if ended is not None:
            return ended
        time.sleep(POLL_SECONDS)
    return None


def _stop_all(children: Sequence[Child]) -> None:
    """SIGTERM to every child still running (nginx first: it was started last), then
    wait; whatever is left after :data:`STOP_SECONDS` is killed."""
    for child in reversed(children):
        if child.process.poll() is None:
            child.process.terminate()
    deadline = time.monotonic() + STOP_SECONDS
    for child in reversed(children):
        try:
            child.process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.process.kill()
            child.process.wait()
