"""Run a page so that people never see a traceback: a busy database or a fault is explained."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from analytics.labels import text
from analytics.store.connection import DatabaseBusy, StoreMissing, StoreUnavailable

log = logging.getLogger("tracker")
T = TypeVar("T")


def guarded(work: Callable[[], T], language: str) -> T | None:
    """Run ``work`` and return its result; on failure show a message and return None."""
    try:
        return work()
    except DatabaseBusy:
        st.warning(text("db_busy", language))
    except StoreUnavailable:
        log.exception("store unreachable")
        st.error(text("db_unreachable", language))
    except StoreMissing as missing:
        st.error(text("db_missing", language, path=missing.path))
    except Exception:
        log.exception("page failed")
        st.error(text("page_failed", language))
    return None
