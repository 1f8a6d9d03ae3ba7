"""Server time of one visit of the overview, next to a bare page of four cached charts.

    python benchmarks/visit_bench.py [--visits 9] [--db FILE] [--entry app.py|asgi.py]
                                     [--option NAME=VALUE] [--profile]

Serves two Streamlit processes on loopback ports: the app (ENTRY, on a copy of the demo
database or of FILE) and a bare page that draws four plotly charts whose figures are
cached (``st.cache_data``), the floor any Streamlit page with four charts pays. Both are
served from the project's folder, so with its ``.streamlit/config.toml``. Each visit is
a new browser session over Streamlit's websocket protocol (``/_stcore/stream``, as the
browser and Streamlit's own tests speak it): it asks for the first run of the page and
waits for the run's end (``script_finished``). One visit warms each server (the app's
cached reads, the chart builders' imports); then VISITS fresh sessions are timed, taking
turns between the two servers. Printed per page: the median time until the run's end
(with one client at a time, the server's time for the visit as the visitor sees it) and
the mean CPU time the server process spent per visit (from /proc, every thread: also
what it does after answering, such as closing the session, which a crowd waits for).

``--profile`` also profiles one first run of a fresh session in this process (through
``streamlit.testing.v1.AppTest``, after a warm-up run) and prints where its time went.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ClientState_pb2 import ClientState  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from websockets.sync.client import connect  # noqa: E402

# The floor: four plotly charts built once and cached, drawn on every visit.
BARE_PAGE = """
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(layout="wide")


@st.cache_data
def figures():
    bodies = ["TT", "KTNS", "VHXH", "PC", "DT", "VP"]
    areas = ["giam_sat", "chat_van", "tin_dung", "dau_tu", "khieu_nai", "dan_toc", "van_phong",
             "cntt"]
    rates = [0.42, 0.55, 0.61, 0.7, 0.74, 0.9]
    body = go.Figure(go.Bar(x=rates, y=bodies, orientation="h", text=rates))
    area = go.Figure([go.Bar(x=[0.2 + i / 40] * 8, y=areas, orientation="h", name=str(i))
                      for i in range(5)], layout={"barmode": "stack"})
    cells = go.Figure(go.Heatmap(z=[[(i * j) % 7 / 7 for j in range(6)] for i in range(8)],
                                 x=bodies, y=areas, texttemplate="%{z:.0%}"))
    trend = go.Figure(go.Scatter(x=list(range(24)), y=[i / 24 for i in range(24)],
                                 mode="lines+markers"))
    return body, area, cells, trend


body, area, cells, trend = figures()
st.header("Tổng quan")
left, right = st.columns(2)
left.plotly_chart(body)
right.plotly_chart(area)
left, right = st.columns(2)
left.plotly_chart(cells)
right.plotly_chart(trend)
"""


OPTIONS: list[str] = []  # more ``streamlit run`` options (--option)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(script: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run script`` on a free loopback port, from the project's folder
    (so both pages are served with its ``.streamlit/config.toml``); wait until it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         *OPTIONS],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    host = f"127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{host}/_stcore/health", timeout=2):
                return process, host
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"{script.name} did not start")


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system, every thread) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def resident_mb(pid: int) -> float:
    """A process's resident memory (VmRSS), in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def visit(host: str) -> tuple[float, int]:
    """One new session's first run: seconds until the run ended, and the charts drawn."""
    with urllib.request.urlopen(f"http://{host}/_stcore/health") as response:
        cookie = response.headers.get("Set-Cookie") or ""
    found = re.search(r"_streamlit_xsrf=([^;]+)", cookie)
    token = found[1] if found else ""
    started = time.perf_counter()  # the session is made when the socket opens
    with connect(
        f"ws://{host}/_stcore/stream",
        subprotocols=["streamlit", token] if token else ["streamlit"],
        additional_headers={"Cookie": f"_streamlit_xsrf={token}", "Origin": f"http://{host}"},
        max_size=None,
    ) as ws:
        ws.send(BackMsg(rerun_script=ClientState(query_string="")).SerializeToString())
        charts = 0
        while True:
            message = ForwardMsg.FromString(ws.recv(timeout=120))
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element.WhichOneof("type")
                if element == "exception":
                    raise RuntimeError(message.delta.new_element.exception.message)
                charts += element == "plotly_chart"
            if kind == "script_finished" and (
                message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
            ):
                return time.perf_counter() - started, charts


def profile(db: Path, top: int) -> None:
    """Profile one fresh session's first run of the app in this process, after a warm-up
    (``AppTest`` runs the script in a thread of its own: the profiler is switched on there)."""
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
    from streamlit.testing.v1 import AppTest

    os.environ["TRACKER_DB"] = str(db)
    AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()  # warm-up
    profiler = cProfile.Profile()
    run_script = ScriptRunner._run_script

    def profiled(runner: ScriptRunner, rerun_data: object) -> None:
        profiler.enable()
        try:
            run_script(runner, rerun_data)
        finally:
            profiler.disable()

    ScriptRunner._run_script = profiled
    try:
        AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    finally:
        ScriptRunner._run_script = run_script
    stats = pstats.Stats(profiler)
    print(f"\nprofile of one first run of a fresh session, in process: {stats.total_tt:.3f} s")
    stats.sort_stats("cumulative").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=9, help="fresh sessions timed per page")
    parser.add_argument("--db", type=Path, help="a database to copy (default: a new demo)")
    parser.add_argument("--entry", default="app.py", choices=("app.py", "asgi.py"))
    parser.add_argument("--profile", action="store_true", help="also profile one first run")
    parser.add_argument("--top", type=int, default=45, help="functions the profile lists")
    parser.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a server option for both pages, e.g. server.fileWatcherType=auto",
    )
    args = parser.parse_args()
    for option in args.option:
        name, _, value = option.partition("=")
        OPTIONS.extend([f"--{name}", value])
    folder = Path(tempfile.mkdtemp(prefix="visit-bench-"))
    db = folder / "visit.duckdb"
    if args.db:
        shutil.copyfile(args.db, db)
    else:
        subprocess.run(
            [sys.executable, "-m", "analytics", "init", "--demo", "--db", str(db)],
            cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
    bare = folder / "bare.py"
    bare.write_text(BARE_PAGE, encoding="utf-8")
    env = dict(os.environ, TRACKER_DB=str(db), PYTHONPATH=str(ROOT))
    servers = [serve(ROOT / args.entry, env), serve(bare, env)]
    names = (f"overview ({args.entry})", "bare page, 4 cached charts")
    try:
        times: list[list[float]] = [[], []]
        for (_, host), name in zip(servers, names, strict=True):
            seconds, charts = visit(host)
            print(f"warm-up {name}: {seconds:.3f} s, {charts} charts")
        time.sleep(1)  # the warm-up sessions closed
        cpu_before = [cpu_seconds(process.pid) for process, _ in servers]
        rss_before = [resident_mb(process.pid) for process, _ in servers]
        for _ in range(args.visits):
            for i, (_, host) in enumerate(servers):
                times[i].append(visit(host)[0])
        time.sleep(1)  # what a server does after a visit (closing the session) counts too
        cpu = [
            (cpu_seconds(process.pid) - before) / args.visits
            for (process, _), before in zip(servers, cpu_before, strict=True)
        ]
        print(f"\none visit (a new session's first run), {args.visits} visits each:")
        rss = [resident_mb(process.pid) for process, _ in servers]
        print(f"  {'':28} {'answered in (median)':>21}   {'server CPU (mean)':>17}   memory")
        for name, seconds, used, after, before in zip(
            names, times, cpu, rss, rss_before, strict=True
        ):
            print(
                f"  {name:28} {statistics.median(seconds):19.3f} s   {used:15.3f} s   "
                f"{after:.0f} MB ({after - before:+.0f} MB)"
            )
        for name, seconds in zip(names, times, strict=True):
            print(f"  {name}: " + " ".join(f"{s:.3f}" for s in seconds))
        ratio = statistics.median(times[0]) / statistics.median(times[1])
        print(f"  overview / bare page: {ratio:.2f} (answer), {cpu[0] / cpu[1]:.2f} (CPU)")
    finally:
        for process, _ in servers:
            process.terminate()
            process.wait(timeout=20)
    if args.profile:
        profile(db, args.top)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
