"""Nhiệm vụ đột phá, đổi mới: figures, imports and storage, usable without Streamlit."""

from __future__ import annotations

from typing import Any

__all__ = ["summary"]


def __getattr__(name: str) -> Any:
    # ``from analytics import summary`` loads the figures (and pandas) only when asked, so a
    # command that needs neither (``python -m analytics --help``) starts without them.
    if name == "summary":
        from analytics.figures import summary

        return summary
    raise AttributeError(f"module 'analytics' has no attribute {name!r}")
