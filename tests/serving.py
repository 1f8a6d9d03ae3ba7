"""Waiting for ``python -m analytics serve`` to be ready (the browser test and the load
benchmark both start it)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path


def wait_until_served(
    process: subprocess.Popen[bytes], port: int, log: Path, name: str = "serve",
    seconds: float = 180,
) -> None:  # fmt: skip
    """Return once ``serve`` wrote where to open it (its log names ``http://127.0.0.1:P``);
    stop it and raise with its log when it ended or took longer than ``seconds``."""
    deadline = time.monotonic() + seconds
    while f"http://127.0.0.1:{port} " not in log.read_text(encoding="utf-8"):
        if process.poll() is not None or time.monotonic() > deadline:
            process.terminate()  # (serve stops its children and removes its folder)
            process.wait(timeout=30)
            raise RuntimeError(f"{name} did not start: {log.read_text(encoding='utf-8')}")
        time.sleep(0.3)
