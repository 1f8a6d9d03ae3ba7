"""Synthetic databases for the benchmark, at the scales a council could reach.

The rows are made inside DuckDB (``analytics.store.synthetic_sql``), so the national
scale (165,000 tasks, about ten million reports) takes seconds; the same scale gives
the same rows every time.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    description: str
    tasks: int
    reports: int

    @property
    def reports_per_task(self) -> float:
        return self.reports / self.tasks


SCALES: dict[str, Scale] = {
    s.name: s
    for s in (
        Scale("tiny", "smoke test", 60, 900),
        Scale("province", "one provincial council", 200, 5_000),
        Scale("communes", "every commune council of a province", 6_000, 360_000),
        Scale("national", "the whole country", 165_000, 10_000_000),
    )
}
DEFAULT_SCALES = ("province", "communes", "national")


def generate(path: str | os.PathLike[str], scale: Scale) -> tuple[int, int, float]:
    """Create a database file at ``path`` (which must not exist) filled at ``scale``.

    Returns the numbers of tasks and reports written and the seconds it took.
    """
    from analytics.store.connection import open_db
    from analytics.store.synthetic_sql import checkpoint, fill_synthetic, table_counts

    if os.path.exists(path):
        raise FileExistsError(path)
    started = time.perf_counter()
    with open_db(path, create=True) as con:
        fill_synthetic(con, scale.tasks, scale.reports_per_task)
        checkpoint(con)
        tasks, reports = table_counts(con)
    return tasks, reports, time.perf_counter() - started
