"""Server memory after an anonymous client sends files to Streamlit's upload endpoint.

    python benchmarks/upload_memory.py [--entry app.py|asgi.py] [--proxy] [--no-cookie]
                                       [--files 5] [--mb 99]

Serves the app (``streamlit run ENTRY``) on a database with one account (so nobody is
signed in by default), optionally behind deploy/nginx.conf on a loopback port. Then, as
an attacker who never signs in: takes the XSRF cookie from ``/_stcore/health``, opens a
websocket session on ``/_stcore/stream``, asks for a run to learn the session's id, and
PUTs FILES files of MB megabytes each to ``/_stcore/upload_file/<session>/<new id>``
(with a made-up sign-in cookie, which gets past nginx's presence check, unless
--no-cookie). Prints the
answers and the Streamlit process's resident memory (VmRSS, and VmHWM: its peak) from
/proc before, after the uploads, and 5 s after the client left.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ClientState_pb2 import ClientState  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from websockets.sync.client import connect  # noqa: E402

from analytics import accounts  # noqa: E402
from analytics.serving import nginx  # noqa: E402
from analytics.store.connection import open_db  # noqa: E402


def memory(pid: int) -> str:
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    rss, peak = (int(fields[k].split()[0]) // 1024 for k in ("VmRSS", "VmHWM"))
    return f"RSS {rss} MB (peak {peak} MB)"


def wait_until_up(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_nginx(folder: Path, upstream: str) -> tuple[subprocess.Popen, str]:
    """deploy/nginx.conf before the one server ``upstream``, as ``serve`` writes it."""
    port = free_port()
    config = nginx.write_config(folder, port, [int(upstream.rsplit(":", 1)[1])])
    process = subprocess.Popen(nginx.command(nginx.find_nginx() or "/usr/sbin/nginx", config))
    return process, f"127.0.0.1:{port}"


def put(host: str, path: str, size: int, cookie: str, token: str) -> int:
    head = b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n'
    tail = b"\r\n--x--\r\n"
    connection = http.client.HTTPConnection(host, timeout=600)
    connection.putrequest("PUT", path)
    connection.putheader("Content-Type", "multipart/form-data; boundary=x")
    connection.putheader("Content-Length", str(len(head) + size + len(tail)))
    connection.putheader("X-Xsrftoken", token)
    connection.putheader("Cookie", cookie)
    connection.endheaders()
    try:
        connection.send(head)
        chunk = b"x" * (1 << 20)
        for _ in range(size >> 20):
            connection.send(chunk)
        connection.send(tail)
    except OSError:
        pass  # refused before the body was read: the server closed the connection
    status = connection.getresponse().status
    connection.close()
    return status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entry", default="app.py")
    parser.add_argument("--proxy", action="store_true")
    parser.add_argument("--files", type=int, default=5)
    parser.add_argument("--mb", type=int, default=99)
    parser.add_argument("--no-cookie", action="store_true", help="send no made-up sign-in cookie")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="upload-memory-"))
    db = folder / "bench.duckdb"
    with open_db(db, create=True):
        pass
    accounts.add_user(db, "quantri", "admin", "Ngua-Sat-2026-Long", actor="bench")
    port = free_port()
    env = dict(os.environ, TRACKER_DB=str(db), PYTHONPATH=str(ROOT))
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / args.entry), "--server.port",
         str(port), "--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    proxy = None
    try:
        host = f"127.0.0.1:{port}"
        wait_until_up(f"http://{host}", time.monotonic() + 60)
        if args.proxy:
            proxy, host = start_nginx(folder, host)
            wait_until_up(f"http://{host}", time.monotonic() + 20)
        print(f"{args.entry}{' behind nginx' if args.proxy else ''}: "
              f"{args.files} x {args.mb} MB")  # fmt: skip
        with urllib.request.urlopen(f"http://{host}/_stcore/health") as response:
            token = re.search(r"_streamlit_xsrf=([^;]+)", response.headers["Set-Cookie"])[1]
        cookie = f"_streamlit_xsrf={token}"
        if not args.no_cookie:
            cookie += f"; hdnd_phien=v1.e30.{'0' * 64}"
        print("  before:", memory(server.pid))
        with connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit", token],
                     additional_headers={"Cookie": cookie}) as ws:  # fmt: skip
            ws.send(BackMsg(rerun_script=ClientState()).SerializeToString())
            session = ""
            while not session:
                message = ForwardMsg.FromString(ws.recv(timeout=30))
                if message.WhichOneof("type") == "new_session":
                    session = message.new_session.initialize.session_id
            statuses = [
                put(host, f"/_stcore/upload_file/{session}/{uuid.uuid4()}", args.mb << 20,
                    cookie, token)
                for _ in range(args.files)
            ]  # fmt: skip
            print("  answers:", statuses)
            print("  after the uploads:", memory(server.pid))
        time.sleep(5)
        print("  5 s after the client left:", memory(server.pid))
    finally:
        if proxy is not None:
            proxy.terminate()
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
