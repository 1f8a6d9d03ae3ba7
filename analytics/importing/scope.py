"""The bodies an import may touch: an account limited to some bodies imports only for them.

A tasks row is out of scope when its body is another one, or when it changes a stored
task of another body (moving a task away from its body counts as touching it); a
progress or appraisal row when its task belongs to another body. Checked on the rows a
valid file would write, so every offending row is listed with its number.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from analytics.importing.headers import TASKS
from analytics.importing.issues import Issues
from analytics.store import accounts_sql
from analytics.store.connection import Connection


def check_scope(
    con: Connection,
    kind: str,
    frame: pd.DataFrame,
    allowed_bodies: Collection[str],
    issues: Issues,
) -> None:
    """Add an ``other_body`` error for every row of ``frame`` outside ``allowed_bodies``."""
    allowed = set(allowed_bodies)
    shown = ", ".join(sorted(allowed)) or "–"
    stored = accounts_sql.task_bodies(con, frame["code"].unique().tolist())
    codes = frame["code"].astype(str).to_numpy(dtype=object)
    rows = frame["row"].to_numpy()
    stored_body = np.array([stored.get(c, "") for c in codes], dtype=object)
    stored_out = np.array([b != "" and b not in allowed for b in stored_body], dtype=bool)
    if kind == TASKS:
        new_body = frame["body_code"].astype(str).to_numpy(dtype=object)
        new_out = np.array([b not in allowed for b in new_body], dtype=bool)
        issues.add_rows("other_body", "co_quan", rows[new_out], new_body[new_out], shown)
        moved = stored_out & ~new_out
        issues.add_rows("other_body", "ma_nhiem_vu", rows[moved], codes[moved], shown)
        return
    issues.add_rows("other_body", "ma_nhiem_vu", rows[stored_out], codes[stored_out], shown)
