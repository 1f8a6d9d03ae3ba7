"""A meeting's load: sessions opening the overview at the same moment, through ``serve``.

    python benchmarks/load_bench.py [--sessions 25] [--rounds 10] [--alone 10]

Serves, each with ``serve``'s own code (``analytics/serving``: N Streamlit processes behind
nginx from deploy/nginx.conf, on loopback ports), all at once:
- the app (``asgi.py``) on a copy of the demo database (``python -m analytics init
  --demo``) with one analyst account, with 2 workers and with 1;
- a bare Streamlit page that draws four plotly charts built once and kept with
  ``st.cache_data`` (a script written to the temporary folder), with 2 workers and with 1.

Each visit is one browser session as Streamlit's own client makes it, without a browser:
a websocket to ``/_stcore/stream`` through nginx (the analyst's sign-in cookie sent with
it), a ``BackMsg`` asking for a run of the default page, then ``ForwardMsg`` after
``ForwardMsg`` until ``script_finished``. Its time runs from opening the websocket to
that message; it fails when it errs, takes over 60 s, ends otherwise than successfully,
or lacks what the page draws (the app: its title, four charts, no exception; the bare
page: four charts).

Per server: one visit straight to each worker first (its first run: the caches fill);
then ``--alone`` visits one after another (the time of one visit with nothing else
running), then ``--rounds`` rounds of ``--sessions`` visits started at the same moment
(the four servers take turns round by round, so a busy moment of the machine falls on
all of them), with each worker's resident memory (VmRSS) and CPU time before and after
those rounds (and, with ``--settle S``, S seconds later). Last, for the app, ``--imports``
rounds each right after an import of one progress report into its store: every cached
read misses, and the workers of one server open the DuckDB file at the same time (they
take turns on it). Prints p50, p95 and max per server, failures, memory growth per
worker, and the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402

from analytics import accounts, session_cookie  # noqa: E402
from analytics.serving import workers  # noqa: E402
from tests.serving import wait_until_served  # noqa: E402

TITLE = "Nhiệm vụ đột phá, đổi mới — HĐND tỉnh"
PASSWORD = "Ngua-Sat-2026-Long"  # a benchmark account's password, never a real one
VISIT_TIMEOUT = 60.0
APP_2, BARE_2, APP_1, BARE_1 = (
    "app, 2 workers",
    "bare, 2 workers",
    "app, 1 worker",
    "bare, 1 worker",
)
SERVERS = ((APP_2, "app", 2), (BARE_2, "bare", 2), (APP_1, "app", 1), (BARE_1, "bare", 1))
FINISHED = ForwardMsg.ScriptFinishedStatus
TARGETS = "p95 ≤ 2 s, 0 failed, memory growth ≤ 50 MB per process, one visit ≤ 0.15 s"
BARE_PAGE = '''
"""Four plotly charts built once and kept (st.cache_data), as the overview draws four."""
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Bare", layout="wide")


@st.cache_data
def figures():
    names = [f"Cơ quan {i}" for i in range(6)]
    areas = [f"Lĩnh vực {i}" for i in range(8)]
    bars = go.Figure(go.Bar(x=[0.5, 0.5, 0.61, 0.75, 0.83, 1.0], y=names, orientation="h"))
    stacked = go.Figure([go.Bar(x=[(i * 7 + s) % 5 for i in range(8)], y=areas,
                                orientation="h", name=f"s{s}") for s in range(5)])
    stacked.update_layout(barmode="stack")
    heat = go.Figure(go.Heatmap(z=[[(i * j) % 7 / 6 for j in range(6)] for i in range(8)],
                                x=names, y=areas))
    lines = go.Figure(go.Scatter(x=list(range(24)), y=[i / 24 for i in range(24)],
                                 mode="lines+markers"))
    return bars, stacked, heat, lines


st.title("Bare page")
left, right = st.columns(2)
for column, figure in zip((left, right, left, right), figures()):
    column.plotly_chart(figure)
'''
# serve's own supervisor, for a script other than asgi.py (the bare page).
LAUNCH = """
import sys
from pathlib import Path
from analytics.serving import nginx, supervise
say = lambda line: print(line, file=sys.stderr, flush=True)
sys.exit(supervise.serve(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), nginx.find_nginx(),
                         say, script=Path(sys.argv[4])))
"""


@dataclass
class Server:
    name: str
    kind: str  # "app" or "bare"
    worker_count: int
    port: int
    cookie: str
    process: subprocess.Popen[bytes]
    db: Path | str
    worker_pids: dict[int, int] = field(default_factory=dict)  # port → pid
    first: list[float] = field(default_factory=list)
    alone: list[float] = field(default_factory=list)
    loaded: list[float] = field(default_factory=list)
    after_import: list[float] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (phase, what happened)
    rss_before: dict[int, int] = field(default_factory=dict)
    rss_after: dict[int, int] = field(default_factory=dict)
    cpu: dict[int, float] = field(default_factory=dict)  # port → CPU seconds in the rounds
    rss_rounds: dict[int, list[float]] = field(default_factory=dict)  # port → after each round
    round_p95: list[float] = field(default_factory=list)
    rss_settled: dict[int, float] = field(default_factory=dict)


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    kb = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))
    return int(kb) / 1024


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def workers_of(pid: int) -> dict[int, int]:
    """The Streamlit processes ``serve`` (pid) started: port → pid."""
    found = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes().decode().split("\0")
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid and "--server.port" in command:
            found[int(command[command.index("--server.port") + 1])] = int(entry.name)
    return found


def start(name: str, kind: str, count: int, db: Path, script: Path, log: Path) -> Server:
    port = workers.free_ports(1)[0]
    if kind == "app":
        command = [sys.executable, "-m", "analytics", "serve", "--workers", str(count),
                   "--port", str(port), "--db", str(db)]  # fmt: skip
    else:
        command = [sys.executable, "-c", LAUNCH, str(db), str(count), str(port), str(script)]
    process = subprocess.Popen(
        command, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stdout=subprocess.DEVNULL, stderr=log.open("wb"),
    )  # fmt: skip
    wait_until_served(process, port, log, name)
    server = Server(name, kind, count, port, _cookie(db) if kind == "app" else "", process, db)
    server.worker_pids = workers_of(process.pid)
    return server


def _cookie(db: Path) -> str:
    """The analyst's sign-in cookie, as the app writes it after a sign-in."""
    session = accounts.new_session(accounts.Account("bench.analyst", "analyst"), accounts.now())
    value = session_cookie.encode(session, session_cookie.cookie_key(db))
    return f"{session_cookie.COOKIE_NAME}={value}"


async def visit(server: Server, port: int | None = None) -> float:
    """One session opening the default page; seconds until ``script_finished``."""
    host = f"127.0.0.1:{port or server.port}"
    started = time.perf_counter()
    async with connect(
        f"ws://{host}/_stcore/stream", origin=f"http://{host}", subprotocols=["streamlit"],
        additional_headers={"Cookie": server.cookie} if server.cookie else None,
        max_size=None, open_timeout=VISIT_TIMEOUT, ping_interval=None,
    ) as ws:  # fmt: skip
        request = BackMsg()
        request.rerun_script.query_string = ""
        request.rerun_script.context_info.timezone = "Asia/Ho_Chi_Minh"
        request.rerun_script.context_info.locale = "vi-VN"
        request.rerun_script.context_info.url = f"http://{host}/"
        await ws.send(request.SerializeToString())
        charts, texts, exceptions = 0, [], 0
        while True:
            message = ForwardMsg.FromString(await ws.recv())
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                which = element.WhichOneof("type")
                charts += which == "plotly_chart"
                exceptions += which == "exception"
                if which in ("heading", "markdown"):
                    texts.append(getattr(element, which).body)
            elif kind == "script_finished":
                if message.script_finished == FINISHED.FINISHED_EARLY_FOR_RERUN:
                    charts, texts, exceptions = 0, [], 0  # another run follows at once
                    continue
                seconds = time.perf_counter() - started
                break
    if message.script_finished != FINISHED.FINISHED_SUCCESSFULLY:
        raise RuntimeError(f"script ended with {FINISHED.Name(message.script_finished)}")
    if exceptions or charts != 4 or (server.kind == "app" and TITLE not in texts):
        raise RuntimeError(f"page not drawn: {charts} charts, {exceptions} exceptions")
    return seconds


async def checked(server: Server, phase: str, port: int | None = None) -> float | None:
    try:
        return await asyncio.wait_for(visit(server, port), VISIT_TIMEOUT)
    except Exception as error:  # counted and shown, the run goes on
        server.failures.append((phase, f"{type(error).__name__}: {error}"))
        return None


async def at_once(server: Server, sessions: int, into: list[float], phase: str) -> None:
    times = await asyncio.gather(*(checked(server, phase) for _ in range(sessions)))
    into += [t for t in times if t is not None]


def import_report(db: Path | str, progress: int) -> None:
    """A clerk's import of one progress report (yesterday, ``progress`` %): the data version
    rises, so every cached read of every worker misses on its next run."""
    csv = Path(tempfile.mkdtemp(prefix="load-bench-import-")) / "tien_do.csv"
    yesterday = (date.today() - timedelta(days=1)).strftime("%d/%m/%Y")
    csv.write_text(f"Mã nhiệm vụ,Ngày báo cáo,Tiến độ (%)\nDP05-GD,{yesterday},{progress}\n")
    subprocess.run([sys.executable, "-m", "analytics", "import", str(csv), "--db", str(db)],
                   cwd=ROOT, check=True, capture_output=True)  # fmt: skip
    shutil.rmtree(csv.parent, ignore_errors=True)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value with ``share`` of them at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def run(
    servers: list[Server], sessions: int, rounds: int, alone: int, imports: int, settle: float
) -> float:
    """Every measurement; returns the CPU seconds this client spent in the rounds."""
    for server in servers:
        for port in server.worker_pids:  # each worker's first run: its caches fill
            first = asyncio.run(checked(server, "first", port))
            if first is not None:
                server.first.append(first)
        for _ in range(alone):
            one = asyncio.run(checked(server, "alone"))
            if one is not None:
                server.alone.append(one)
        server.rss_before = {p: rss_mb(pid) for p, pid in server.worker_pids.items()}
        server.rss_rounds = {p: [] for p in server.worker_pids}
        server.cpu = {p: -cpu_seconds(pid) for p, pid in server.worker_pids.items()}
    client = -cpu_seconds(os.getpid())
    for _ in range(rounds):
        for server in servers:
            times: list[float] = []
            asyncio.run(at_once(server, sessions, times, "rounds"))
            server.loaded += times
            server.round_p95.append(percentile(times, 0.95) if times else float("nan"))
            for p, pid in server.worker_pids.items():
                server.rss_rounds[p].append(rss_mb(pid))
            time.sleep(1.0)
    client += cpu_seconds(os.getpid())
    for server in servers:
        server.rss_after = {p: rss_mb(pid) for p, pid in server.worker_pids.items()}
        for p, pid in server.worker_pids.items():
            server.cpu[p] += cpu_seconds(pid)
    if settle > 0:  # Streamlit drops a disconnected session after server.disconnectedSessionTTL
        time.sleep(settle)
        for server in servers:
            server.rss_settled = {p: rss_mb(pid) for p, pid in server.worker_pids.items()}
    for number in range(imports):  # the store changed: every worker reads it anew, at once
        for server in (s for s in servers if s.kind == "app"):
            import_report(server.db, 60 + number)
            asyncio.run(at_once(server, sessions, server.after_import, "after an import"))
            time.sleep(1.0)
    return client


def failed(server: Server, phase: str) -> int:
    return sum(1 for their_phase, _ in server.failures if their_phase == phase)


def report(servers: list[Server], sessions: int, rounds: int, client: float, settle: float) -> None:
    print(f"{sessions} sessions at once, {rounds} rounds ({sessions * rounds} visits) per server")
    print(f"targets (issue 13): {TARGETS}")
    head = (f"{'server':<16}{'first':>7}{'alone':>7}{'p50':>7}{'p95':>7}{'max':>7}"
            f"{'failed':>8}  memory per worker, MB: before → after (growth)")  # fmt: skip
    print(head)
    print("-" * len(head))
    for s in servers:
        memory = "; ".join(
            f"{before:.0f} → {s.rss_after[p]:.0f} (+{s.rss_after[p] - before:.0f})"
            for p, before in s.rss_before.items()
        )
        first = max(s.first) if s.first else float("nan")
        alone = statistics.median(s.alone) if s.alone else float("nan")
        p50, p95, top = (
            (statistics.median(s.loaded), percentile(s.loaded, 0.95), max(s.loaded))
            if s.loaded else (float("nan"),) * 3
        )  # fmt: skip
        print(f"{s.name:<16}{first:>6.2f}s{alone:>6.3f}s{p50:>6.2f}s{p95:>6.2f}s{top:>6.2f}s"
              f"{failed(s, 'rounds'):>8}  {memory}")  # fmt: skip
        if s.after_import:
            t = s.after_import
            print(f"{'':<16}right after an import ({len(t)} sessions): p50 "
                  f"{statistics.median(t):.2f}s, p95 {percentile(t, 0.95):.2f}s, "
                  f"max {max(t):.2f}s, failed {failed(s, 'after an import')}")  # fmt: skip
        steps = " ".join(f"{seconds:.1f}" for seconds in s.round_p95)
        print(f"{'':<16}p95 of each round, s: {steps}")
        cpu = ", ".join(f"{seconds:.1f}" for seconds in s.cpu.values())
        print(f"{'':<16}CPU seconds per worker over the rounds: {cpu}")
        for p, series in s.rss_rounds.items():
            steps = " ".join(f"{mb:.0f}" for mb in series)
            settled = f"; {settle:.0f} s later {s.rss_settled[p]:.0f}" if s.rss_settled else ""
            print(f"{'':<16}memory after each round, MB: {steps}{settled}")
    print("first: the slowest worker's first visit (cold caches); alone: median of visits one")
    print("after another; p50/p95/max over every session of the rounds.")
    print(f"this client's CPU over all rounds: {client:.1f} s")
    by = {s.name: s for s in servers}

    def ratio(a: str, b: str, share: float) -> str:
        x, y = by[a].loaded, by[b].loaded
        return f"{percentile(x, share) / percentile(y, share):.2f}" if x and y else "n/a"

    print(f"ratios of p95: app / bare (2 workers) {ratio(APP_2, BARE_2, 0.95)}, "
          f"app 1 / 2 workers {ratio(APP_1, APP_2, 0.95)}, "
          f"bare 1 / 2 workers {ratio(BARE_1, BARE_2, 0.95)}")  # fmt: skip
    alone = {s.name: statistics.median(s.alone) for s in servers if s.alone}
    if APP_2 in alone and BARE_2 in alone:
        print(f"ratio of one visit alone: app / bare {alone[APP_2] / alone[BARE_2]:.2f}")
    for s in servers:
        for phase, failure in dict.fromkeys(s.failures):
            count = s.failures.count((phase, failure))
            print(f"  {s.name}, {phase}: {count} × {failure}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=25, help="sessions at once")
    parser.add_argument("--rounds", type=int, default=10, help="rounds of them per server")
    parser.add_argument("--alone", type=int, default=10, help="visits one after another")
    parser.add_argument(
        "--imports", type=int, default=3, help="rounds right after an import (the app)"
    )
    parser.add_argument(
        "--settle", type=float, default=0.0, help="seconds to wait, then read memory again"
    )
    parser.add_argument(
        "--engine", choices=("duckdb", "postgresql"), default="duckdb",
        help="the app's store: a DuckDB file, or PostgreSQL (a database per server, filled "
        "with copy --to from the demo file)",
    )  # fmt: skip
    parser.add_argument("--pg", default="", help="a running server, no database in the URL")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="load-bench-"))
    servers: list[Server] = []
    pg_server = None
    if args.engine == "postgresql":
        from tests import postgres_server

        pg_server = postgres_server.Server(args.pg) if args.pg else postgres_server.start()
        if pg_server is None:
            sys.exit("no PostgreSQL server (apt-get install -y postgresql)")
    try:
        demo = folder / "demo.duckdb"
        subprocess.run([sys.executable, "-m", "analytics", "init", "--demo", "--db", str(demo)],
                       cwd=ROOT, check=True, capture_output=True)  # fmt: skip
        accounts.add_user(demo, "bench.analyst", "analyst", PASSWORD, actor="bench")
        script = folder / "bare.py"
        script.write_text(BARE_PAGE, encoding="utf-8")
        for name, kind, count in SERVERS:
            db: Path | str = folder / f"{kind}-{count}.duckdb"  # each server its own store
            shutil.copyfile(demo, db)
            if pg_server is not None and kind == "app":
                db = pg_server.create_database()
                subprocess.run(
                    [sys.executable, "-m", "analytics", "copy", "--to", db, "--db", str(demo)],
                    cwd=ROOT, check=True, capture_output=True,
                )  # fmt: skip
            log = folder / f"{kind}-{count}.log"
            servers.append(start(name, kind, count, db, script, log))
        client = run(servers, args.sessions, args.rounds, args.alone, args.imports, args.settle)
        report(servers, args.sessions, args.rounds, client, args.settle)
    finally:
        for server in servers:
            server.process.send_signal(signal.SIGTERM)
        for server in servers:
            try:
                server.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.process.kill()
        shutil.rmtree(folder, ignore_errors=True)
        if pg_server is not None and not args.pg:
            pg_server.stop()


if __name__ == "__main__":
    main()
