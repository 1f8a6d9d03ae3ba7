"""``bench``: time ``summary`` against a hand-written SQL floor on synthetic data.

For each scale (``analytics.synthetic.SCALES``) a database is generated in a temporary
folder, then a fresh process opens it and, warm (every query run once first), times
``summary(con, by=...)`` by body and by area as of a date and the floor query
(``analytics.store.synthetic_sql.floor_figures``) computing the same figures in one
statement, alternating the two; it reports medians, their ratio, and the peak memory
(RSS) of that process, after the summaries and at the end. It also checks that
``summary`` and the floor agree, and times, warm, the early warning, the quarterly
trend, and ``summary`` given the file's path (opened and closed on every call, as the
app reads). The folder is removed after.

A table for people goes to stderr, the figures as one JSON object to stdout.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

BENCH_AS_OF = date(2026, 6, 30)
DEFAULT_RUNS = {"tiny": 3, "province": 15, "communes": 15, "national": 7}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from analytics.cli import date_argument
    from analytics.synthetic import DEFAULT_SCALES

    parser = sub.add_parser(
        "bench",
        parents=[common],
        help="time the figures on synthetic data (province, communes, national)",
        description="Generate synthetic databases in a temporary folder and time summary "
        "by body and by area against a hand-written SQL floor. --db is not used.",
    )
    parser.add_argument(
        "--scales",
        type=_scale_list,
        default=list(DEFAULT_SCALES),
        metavar="LIST",
        help="comma-separated scales: tiny, province, communes, national "
        "(default province,communes,national)",
    )
    parser.add_argument("--runs", type=int, metavar="N", help="timed runs per figure")
    parser.add_argument(
        "--as-of", type=date_argument, default=BENCH_AS_OF, metavar="DATE", help="as of DATE"
    )
    parser.set_defaults(run=run)


def _scale_list(text: str) -> list[str]:
    from analytics.synthetic import SCALES

    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in SCALES]
    if not names or unknown:
        raise argparse.ArgumentTypeError(
            f"unknown scale {', '.join(unknown) or repr(text)}; one of {', '.join(SCALES)}"
        )
    return names


def _median_seconds(work: Any, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _agree(summary_frame: Any, floor_rows: list[tuple]) -> bool:
    """Same groups, same counts, rates and averages equal to their rounding."""
    from analytics.statuses import TASK_STATUS_CODES

    ours = summary_frame.sort_values("key").reset_index(drop=True)
    if list(ours["key"]) != [r[0] for r in floor_rows]:
        return False
    counts = ("tasks", *TASK_STATUS_CODES)
    for (_, mine), row in zip(ours.iterrows(), floor_rows, strict=True):
        if [int(mine[c]) for c in counts] != [int(v) for v in row[1:7]]:
            return False
        for column, theirs in zip(
            ("completion_rate", "on_time_rate", "avg_progress"), row[7:], strict=True
        ):
            value = mine[column]
            if theirs is None:
                if value == value:  # not NaN
                    return False
            elif abs(value - theirs) > 1e-9:
                return False
    return True


def measure(path: str, as_of: date, runs: int) -> dict[str, Any]:
    """Time the figures on the database at ``path`` in this process (see module doc)."""
    from analytics.early_warning import early_warning
    from analytics.figures import summary
    from analytics.store.connection import open_db
    from analytics.store.synthetic_sql import floor_figures
    from analytics.trend import trend

    with open_db(path) as con:
        result: dict[str, Any] = {}
        for by in ("body", "area"):
            frame = summary(con, by, as_of=as_of)  # warm
            rows = floor_figures(con, by, as_of)
            summary_times: list[float] = []
            floor_times: list[float] = []
            for _ in range(runs):
                started = time.perf_counter()
                summary(con, by, as_of=as_of)
                summary_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                floor_figures(con, by, as_of)
                floor_times.append(time.perf_counter() - started)
            summary_s = statistics.median(summary_times)
            floor_s = statistics.median(floor_times)
            result[by] = {
                "summary_s": round(summary_s, 4),
                "floor_s": round(floor_s, 4),
                "ratio": round(summary_s / floor_s, 2),
                "agree": _agree(frame, rows),
            }
        result["summary_peak_rss_mb"] = _peak_rss_mb()
        early_warning(con, as_of)  # warm
        result["early_warning_s"] = round(
            _median_seconds(lambda: early_warning(con, as_of), min(runs, 3)), 4
        )
        trend(con, "quarter", "all", date_to=as_of)  # warm
        result["trend_quarter_s"] = round(
            _median_seconds(lambda: trend(con, "quarter", "all", date_to=as_of), min(runs, 3)), 4
        )
    # As the app reads: open the file, read, close, for every call.
    result["summary_open_close_s"] = round(
        _median_seconds(lambda: summary(path, "body", as_of=as_of), runs), 4
    )
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


def _peak_rss_mb() -> int:
    # ru_maxrss is in KiB on Linux: the peak resident memory of this whole process so far.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def bench_scale(name: str, as_of: date, runs: int | None = None) -> dict[str, Any]:
    """Generate one scale in a temporary folder, measure it in a fresh process, clean up."""
    import multiprocessing

    from analytics.synthetic import SCALES, generate

    scale = SCALES[name]
    folder = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    try:
        path = folder / f"{name}.duckdb"
        tasks, reports, generate_s = generate(path, scale)
        # A fresh process, so the peak memory is that of reading, not of generating.
        context = multiprocessing.get_context("spawn")
        with context.Pool(1) as pool:
            measured = pool.apply(measure, (str(path), as_of, runs or DEFAULT_RUNS[name]))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "scale": name,
        "tasks": tasks,
        "reports": reports,
        "generate_s": round(generate_s, 2),
        **measured,
    }


def table(results: list[dict[str, Any]]) -> str:
    """The results as a fixed-width table for people."""
    head = (
        f"{'scale':<10}{'tasks':>9}{'reports':>12}  {'by':<5}{'summary':>9}{'floor':>9}"
        f"{'ratio':>7}  {'agree':<6}{'RSS':>8}{'open+close':>11}{'warning':>9}{'trend':>8}"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        for i, by in enumerate(("body", "area")):
            m = r[by]
            first = i == 0
            lines.append(
                f"{r['scale'] if first else '':<10}"
                f"{r['tasks'] if first else '':>9}"
                f"{r['reports'] if first else '':>12}  "
                f"{by:<5}{m['summary_s'] * 1000:>7.1f}ms{m['floor_s'] * 1000:>7.1f}ms"
                f"{m['ratio']:>7.2f}  {'yes' if m['agree'] else 'NO':<6}"
                + (
                    f"{r['summary_peak_rss_mb']:>5} MB"
                    f"{r['summary_open_close_s'] * 1000:>9.1f}ms"
                    f"{r['early_warning_s']:>8.2f}s{r['trend_quarter_s']:>7.2f}s"
                    if first
                    else f"{r['peak_rss_mb']:>5} MB"
                )
            )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from analytics.cli import print_json, say

    results = []
    for name in args.scales:
        say(f"… {name}")
        results.append(bench_scale(name, args.as_of, args.runs))
    say(
        f"as of {args.as_of.isoformat()}; medians. summary, floor: in process on an open "
        "connection; RSS: peak after the summaries (first line) and after everything "
        "(second); open+close: summary by body given the file path"
    )
    say(table(results))
    print_json({"as_of": args.as_of, "results": results})
    return 0 if all(r[by]["agree"] for r in results for by in ("body", "area")) else 1
