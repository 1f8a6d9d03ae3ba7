"""Widget values kept in the URL's query parameters, by their codes.

Streamlit's own binding writes a widget's *displayed* label into the URL, which
changes with the language; here the URL holds codes (``?co_quan=TT&ky=year``), so a
shared link means the same view in either language. On a session's first run the
values are read from the URL (unknown values are dropped); after every run the
current values are written back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import streamlit as st

_LOADED = "_url_loaded"
_PUBLISHED = "_url_keys"


def restore(
    key: str,
    options: Sequence[Any] | None = None,
    *,
    multi: bool = False,
    parse: Callable[[str], Any] = str,
    default: Any = None,
) -> None:
    """Set ``st.session_state[key]`` from the URL once per session, else to ``default``.

    Values not among ``options`` (when given) or that ``parse`` rejects are ignored.
    """
    loaded = st.session_state.setdefault(_LOADED, set())
    st.session_state.setdefault(_PUBLISHED, {})[key] = [] if multi else default
    if key not in loaded:
        loaded.add(key)
        values = _parsed(key, options, parse)
        if values:
            st.session_state[key] = list(dict.fromkeys(values)) if multi else values[0]
    if key not in st.session_state:
        st.session_state[key] = [] if multi else default


def _parsed(key: str, options: Sequence[Any] | None, parse: Callable[[str], Any]) -> list:
    values = []
    for raw in st.query_params.get_all(key) if key in st.query_params else []:
        try:
            value = parse(raw)
        except (TypeError, ValueError):
            continue
        if options is None or value in options:
            values.append(value)
    return values


def publish() -> None:
    """Write every restored widget's value into the URL; empty or default values are left out."""
    for key, default in sorted(st.session_state.get(_PUBLISHED, {}).items()):
        value = st.session_state.get(key)
        if value is None or value == [] or value == "" or value == default:
            if key in st.query_params:
                del st.query_params[key]
            continue
        st.query_params[key] = _as_text(value)


def _as_text(value: Any) -> str | list[str]:
    if isinstance(value, (list, tuple)):
        return [str(_as_text(v)) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
