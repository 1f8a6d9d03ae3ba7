"""The Chromium that draws the report's charts reaches no other host.

Left to itself, a Chromium asks Google's servers for updates, sign-in and "optimisation
hints" as it starts, and fetches whatever a page names. The report's charts are drawn
from files on this machine, so the renderer's network is closed (every request goes to
a proxy that does not exist). Checked with a page asking for a picture from a server on
this machine's own network address, the nearest thing here to another host.
"""

from __future__ import annotations

import http.server
import os
import socket
import threading

import plotly.graph_objects as go
import pytest

from analytics.report.images import browser_path, chart_images


def outward_address() -> str | None:
    """This machine's address on its network (not loopback), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # UDP: no packet is sent
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") else address


def test_the_chart_renderer_fetches_nothing_from_another_host():
    if browser_path() is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium missing (REQUIRE_BROWSER=1)")
        pytest.skip("Chromium not installed")
    address = outward_address()
    if address is None:
        pytest.skip("no network address other than loopback")
    asked: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer((address, 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://{address}:{server.server_address[1]}/picture.png"
        figure = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
        figure.add_layout_image(source=url, x=0, y=1, sizex=1, sizey=1, xref="paper", yref="paper")
        images = chart_images({"probe": figure})
    finally:
        server.shutdown()
        server.server_close()
    assert images[0].png.startswith(b"\x89PNG")  # the chart is still drawn
    assert asked == [], f"the renderer fetched {asked} from {address}"
