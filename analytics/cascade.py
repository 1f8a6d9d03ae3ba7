"""Who assigned what to whom: assigning level → body → position → task, with the
completion rate at every level (no Streamlit here).

The nodes feed a plotly sunburst (``ids``/``parents``) and an indented table. Leaves
are tasks, coloured by their status; with very many tasks the leaves are left out
and the chart stops at positions.
"""

from __future__ import annotations

import pandas as pd

from analytics.figures import UNRECORDED_LABEL

LEVELS = ("assigner", "body", "position", "task")
MAX_LEAVES = 400
_COLUMNS = {"assigner": "assigner", "body": "body_code", "position": "position"}


def nodes(
    tasks: pd.DataFrame,
    body_names: dict[str, str],
    body_order: list[str] | None = None,
    position_order: list[str] | None = None,
) -> pd.DataFrame:
    """One row per node, parents before children, in the order of the indented table.

    Bodies and positions follow the reference order; assigning levels follow the
    cascade, the one assigning the highest positions first (the Provincial Party
    Standing Board before the Standing Committee before the Chief of Office).

    Columns: ``id``, ``parent`` ("" for the top), ``level``, ``key`` (the filter value:
    the assigner, body code, position or task code), ``label``, ``short`` (the label to
    draw in a ring: bodies by code), ``tasks``, ``done``,
    ``overdue``, ``completion_rate`` (from the counts), ``status`` (leaves only).
    """
    columns = ["id", "parent", "level", "key", "label", "short", "tasks", "done", "overdue",
               "completion_rate", "status"]  # fmt: skip
    if tasks.empty:
        return pd.DataFrame(columns=columns)
    frame = tasks.assign(
        is_done=tasks["status"].isin(["hoan_thanh_dung_han", "hoan_thanh_qua_han"]).astype(int),
        is_overdue=(tasks["status"] == "qua_han").astype(int),
    )
    rows: list[dict] = []
    with_leaves = len(frame) <= MAX_LEAVES
    rank = {p: i for i, p in enumerate(position_order or [])}
    frame["position_rank"] = frame["position"].map(rank).fillna(len(rank))
    assigner_rank = frame.groupby("assigner")["position_rank"].min()
    orders = {
        "assigner": lambda keys: sorted(keys, key=lambda k: (assigner_rank[k], k)),
        "body": lambda keys: _ordered(keys, body_order),
        "position": lambda keys: _ordered(keys, position_order),
    }

    def walk(part: pd.DataFrame, depth: int, parent: str) -> None:
        level = LEVELS[depth]
        if level == "task":
            for task in part.sort_values("code").itertuples():
                rows.append({"id": f"{parent}/t:{task.code}", "parent": parent, "level": level,
                             "key": task.code, "label": task.code, "tasks": 1,
                             "done": task.is_done, "overdue": task.is_overdue,
                             "status": task.status})  # fmt: skip
            return
        groups = dict(list(part.groupby(_COLUMNS[level], sort=False)))
        for key in orders[level](list(groups)):
            group = groups[key]
            node = f"{parent}/{level[0]}:{key}" if parent else f"{level[0]}:{key}"
            label = body_names.get(key, key) if level == "body" else key
            rows.append({"id": node, "parent": parent, "level": level, "key": key,
                         "label": label or UNRECORDED_LABEL, "tasks": len(group),
                         "done": int(group["is_done"].sum()),
                         "overdue": int(group["is_overdue"].sum()), "status": None})  # fmt: skip
            if depth + 1 < len(LEVELS) - 1 or with_leaves:
                walk(group, depth + 1, node)

    walk(frame, 0, "")
    out = pd.DataFrame(rows)
    out["completion_rate"] = out["done"] / out["tasks"]
    # The chart's rings are narrow: bodies go by their code there (KTNS, VP, ...).
    out["short"] = out["key"].where(out["level"] == "body", out["label"])
    return out[columns]


def indented(nodes_frame: pd.DataFrame) -> pd.DataFrame:
    """The nodes as an indented table: the name shifted right by its level."""
    depth = nodes_frame["level"].map({level: i for i, level in enumerate(LEVELS)})
    return pd.DataFrame(
        {
            "name": ["\u2003" * d + ("└ " if d else "") + str(label)
                     for d, label in zip(depth, nodes_frame["label"], strict=True)],
            "tasks": nodes_frame["tasks"],
            "done": nodes_frame["done"],
            "overdue": nodes_frame["overdue"],
            "completion": nodes_frame["completion_rate"] * 100,
        }
    )  # fmt: skip


def _ordered(keys: list[str], order: list[str] | None) -> list[str]:
    rank = {k: i for i, k in enumerate(order or [])}
    return sorted(keys, key=lambda k: (rank.get(k, len(rank)), k))
