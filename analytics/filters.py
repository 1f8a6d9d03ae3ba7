"""Filters people set on screen, applied to the per-task frame before figures are counted."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import pandas as pd

# Filter name -> per-task column (a fixed allow-list).
FILTER_COLUMNS = {
    "body": "body_code",
    "area": "area_code",
    "position": "position",
    "official": "official",
    "assigner": "assigner",
    "status": "status",
}


@dataclass(frozen=True)
class Filters:
    """Chosen values per dimension; an empty tuple means no restriction."""

    body: tuple[str, ...] = field(default_factory=tuple)
    area: tuple[str, ...] = field(default_factory=tuple)
    position: tuple[str, ...] = field(default_factory=tuple)
    official: tuple[str, ...] = field(default_factory=tuple)
    assigner: tuple[str, ...] = field(default_factory=tuple)
    status: tuple[str, ...] = field(default_factory=tuple)

    def active(self) -> dict[str, tuple[str, ...]]:
        """Only the dimensions that restrict something."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    def with_values(self, **changes: tuple[str, ...]) -> Filters:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return Filters(**values)


def apply_filters(tasks: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of ``tasks`` that pass every active filter."""
    mask = pd.Series(True, index=tasks.index)
    for name, values in filters.active().items():
        mask &= tasks[FILTER_COLUMNS[name]].isin(values)
    return tasks[mask]
