"""The cells of a file as read, before any meaning is given to them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass
class RawTable:
    """A header row and the data rows under it, every cell as text.

    ``cells`` has one column per header cell (named by position 0, 1, ...) and one row
    per non-blank data record; ``rows`` holds each record's row number as a
    spreadsheet shows it (the header is row 1 when it is the first record).
    """

    headers: list[str]
    cells: pd.DataFrame
    rows: np.ndarray


def cells_frame(records: list[list[str]], width: int) -> pd.DataFrame:
    """Records of ``width`` cells as a frame of text columns named 0, 1, ..."""
    return pd.DataFrame(records, columns=[str(i) for i in range(width)], dtype="str")


def drop_blank_rows(cells: pd.DataFrame, rows: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """Remove records whose every cell is empty or spaces (their row numbers stay used).

    Only rows whose first cell is blank can be blank, so the other columns are looked
    at for those rows alone.
    """
    if cells.shape[1] == 0 or len(cells) == 0:
        return cells, rows
    candidates = np.flatnonzero(_blank(cells.iloc[:, 0]))
    if len(candidates) == 0:
        return cells, rows
    blank = np.ones(len(candidates), dtype=bool)
    subset = cells.iloc[candidates]
    for position in range(1, cells.shape[1]):
        blank &= _blank(subset.iloc[:, position])
    if not blank.any():
        return cells, rows
    keep = np.ones(len(cells), dtype=bool)
    keep[candidates[blank]] = False
    return cells.loc[keep].reset_index(drop=True), rows[keep]


def _blank(column: pd.Series) -> np.ndarray:
    return (column.str.strip() == "").to_numpy(dtype=bool, na_value=True)
