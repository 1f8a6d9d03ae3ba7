"""Chart images for the report: the overview's plotly figures as PNG, through kaleido.

Kaleido 1.x drives a Chromium it is given; here it is always given the installed one
(``BROWSER_PATH``, else ``chromium`` on the PATH, e.g. Debian's /usr/bin/chromium), so
it never looks for or downloads a browser of its own (``kaleido.get_chrome`` is not
used). MathJax is switched off: it would be fetched from the network. The browser's
network is closed (``NO_NETWORK``): the page and plotly.js are files, and nothing else
is needed, while a Chromium left alone asks Google's servers for updates, sign-in and
hints as it starts, and fetches whatever a figure names. One browser
renders every chart of a report, in a thread of its own so the caller's event loop
(Streamlit's, say) is never touched.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_SECONDS = 60
WIDTH_PX = 800  # printed 17 cm wide: the screen's 14 px type reads as about 8 pt
SCALE = 2  # pixels per CSS pixel: sharp in print
# Every request of the chart browser goes to this proxy, where nothing listens (port 9,
# "discard", on this machine): it fails at once and no request leaves the server. Files
# (the page, plotly.js) are read directly, never through a proxy.
NO_NETWORK = "127.0.0.1:9"


class ChartsUnavailable(RuntimeError):
    """No browser to render the charts with, or rendering failed."""


@dataclass(frozen=True)
class ChartImage:
    """One chart as PNG, with its size in CSS pixels (for the aspect ratio)."""

    key: str
    png: bytes
    width: int
    height: int


def browser_path() -> str | None:
    """The Chromium to render with: ``BROWSER_PATH`` if set, else one on the PATH."""
    chosen = os.environ.get("BROWSER_PATH", "").strip()
    if chosen:
        return chosen if Path(chosen).is_file() else None
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def chart_images(
    figures: Mapping[str, go.Figure], heights: Mapping[str, int] | None = None
) -> list[ChartImage]:
    """Each figure as a PNG ``WIDTH_PX`` wide (``heights`` overrides a figure's height),
    in the order given. Raises :class:`ChartsUnavailable` when no browser is found or
    the rendering fails."""
    if not figures:
        return []
    browser = browser_path()
    if browser is None:
        raise ChartsUnavailable("không tìm thấy trình duyệt Chromium (chromium)")
    sized: list[tuple[str, go.Figure, int]] = []
    for key, figure in figures.items():
        height = int((heights or {}).get(key) or figure.layout.height or 400)
        copy = go.Figure(figure)  # the caller's figure may be cached and shared: never edit it
        copy.update_layout(width=WIDTH_PX, height=height)
        sized.append((key, copy, height))
    with ThreadPoolExecutor(max_workers=1) as pool:
        try:
            pngs = pool.submit(asyncio.run, _render(browser, sized)).result()
        except ChartsUnavailable:
            raise
        except Exception as error:  # kaleido and the browser fail in many ways
            raise ChartsUnavailable(f"{type(error).__name__}: {error}"[:200]) from error
    return [ChartImage(key, png, WIDTH_PX, height)
            for (key, _, height), png in zip(sized, pngs, strict=True)]  # fmt: skip


async def _render(browser: str, sized: list[tuple[str, go.Figure, int]]) -> list[bytes]:
    import kaleido  # late: only a report needs it

    out: list[bytes] = []
    async with kaleido.Kaleido(
        path=browser, mathjax=False, timeout=TIMEOUT_SECONDS, proxy_server=NO_NETWORK
    ) as k:
        for _, figure, height in sized:
            opts = {"format": "png", "width": WIDTH_PX, "height": height, "scale": SCALE}
            out.append(await k.calc_fig(figure, opts=opts))
    return out
