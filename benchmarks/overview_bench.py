"""Server-side time of the overview page, next to the figures it needs computed directly.

    python benchmarks/overview_bench.py [--scales province,national] [--runs N]

For each scale a synthetic database is made (analytics.synthetic), then the overview
is run in process through Streamlit's AppTest with TRACKER_DB pointing at it:
the first run (cold caches), an unchanged rerun (everything cached: the target is
0.1 s), and a filter change (one body chosen; the per-date reads stay cached, the
figures are recounted in memory). Next to them: the same figures computed directly
with the analytics functions (per-task states now and at the previous quarter end,
figures by body, area and body x area, the quarterly line, the early warning).
Prints medians and the ratio page / direct.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analytics.early_warning import early_warning  # noqa: E402
from analytics.figures import figures_by, task_frame  # noqa: E402
from analytics.filters import Filters  # noqa: E402
from analytics.overview import pairs, quarter_rows, quarterly_completion  # noqa: E402
from analytics.periods import Choice, previous_quarter_end  # noqa: E402
from analytics.store.connection import open_db  # noqa: E402
from analytics.synthetic import SCALES, generate  # noqa: E402

TARGETS = {"province": 0.3, "national": 1.5}


def direct(path: Path, today: date) -> float:
    """Seconds to compute what the overview shows, without Streamlit (no caches)."""
    started = time.perf_counter()
    with open_db(path) as con:
        now = task_frame(con, Choice().window(today))
        task_frame(con, Choice(as_of=previous_quarter_end(today)).window(today))
        figures_by(now, "body")
        figures_by(now, "area")
        pairs(now, "area_code", "body_code")
        quarterly_completion(quarter_rows(con, today), now, Filters(), "vi")
        early_warning(con, today)
    return time.perf_counter() - started


def page_times(path: Path, runs: int) -> dict[str, list[float]]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["TRACKER_DB"] = str(path)
    times: dict[str, list[float]] = {"first": [], "unchanged": [], "filter": []}
    with open_db(path) as con:
        bodies = [r[0] for r in con.execute("SELECT DISTINCT body_code FROM tasks").fetchall()]
    for run in range(runs):
        st.cache_data.clear()  # caches live in the process: start each round cold
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        started = time.perf_counter()
        at.run()
        times["first"].append(time.perf_counter() - started)
        if at.exception:
            raise RuntimeError(at.exception[0].value)
        started = time.perf_counter()
        at.run()
        times["unchanged"].append(time.perf_counter() - started)
        at.multiselect(key="co_quan").set_value([bodies[run % len(bodies)]])
        started = time.perf_counter()
        at.run()
        times["filter"].append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="province,national")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    today = date.today()
    print(f"{'scale':<10} {'tasks':>7} {'reports':>9} {'first':>8} {'unchanged':>10} "
          f"{'filter':>8} {'direct':>8} {'filter/direct':>14} {'target':>8}")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        for name in args.scales.split(","):
            scale = SCALES[name]
            path = Path(folder) / f"{name}.duckdb"
            tasks, reports, _ = generate(path, scale)
            direct_s = statistics.median(direct(path, today) for _ in range(args.runs))
            times = page_times(path, args.runs)
            first, unchanged, changed = (statistics.median(times[k]) for k in times)
            target = TARGETS.get(name)
            print(
                f"{name:<10} {tasks:>7} {reports:>9} {first:>7.2f}s {unchanged:>9.3f}s "
                f"{changed:>7.2f}s {direct_s:>7.2f}s {changed / direct_s:>14.2f} "
                f"{'' if target is None else f'≤ {target}s':>8}"
            )


if __name__ == "__main__":
    main()
