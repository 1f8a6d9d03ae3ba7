"""nginx's configuration for ``serve``: the shipped site (``deploy/nginx.conf``) with the
workers' ports, listening on a loopback port without TLS, in a main file whose pid file and
temporary files stay in one private folder (its errors go to ``serve``'s stderr).

The shipped file is the template, so ``serve`` and an installed site send the same
headers and keep the same limits; each change made to it here must find its place
exactly once, or :class:`TemplateChanged` says which.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from analytics.serving.workers import ROOT

SHIPPED_SITE = ROOT / "deploy" / "nginx.conf"
INSTALL_HINT = "apt-get install -y nginx"
# Debian installs nginx in /usr/sbin, which a normal user's PATH often lacks.
SBIN_DIRS = ("/usr/sbin", "/usr/local/sbin", "/sbin")
TEMP_KINDS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
UPSTREAM = re.compile(r"(upstream tracker_workers \{\n)(.*?)(\n\})", re.S)
SERVER_LINE = re.compile(r"^[ \t]*server [^;]*;[^\n]*\n?", re.M)
LISTEN_LINE = re.compile(r"^([ \t]*)listen 443 ssl;$", re.M)
TLS_LINE = re.compile(r"^[ \t]*ssl_[a-z_]+ [^\n]*\n", re.M)


class TemplateChanged(ValueError):
    """``deploy/nginx.conf`` no longer has a part that ``serve`` rewrites."""


def find_nginx() -> str | None:
    """The nginx program: on the PATH, else in the usual sbin folders; None when absent."""
    search = os.pathsep.join([os.environ.get("PATH", ""), *SBIN_DIRS])
    return shutil.which("nginx", path=search)


def site_config(listen: str, worker_ports: Sequence[int], template: str | None = None) -> str:
    """The shipped site, listening on ``listen`` (``ADDRESS:PORT``) without TLS and passing
    to the workers on ``127.0.0.1`` at ``worker_ports``."""
    text = SHIPPED_SITE.read_text(encoding="utf-8") if template is None else template
    servers = "".join(f"    server 127.0.0.1:{port};\n" for port in worker_ports)
    text = _once(UPSTREAM, lambda m: m[1] + _servers(m[2], servers) + m[3], text, "upstream")
    text = _once(LISTEN_LINE, lambda m: f"{m[1]}listen {listen};", text, "listen 443 ssl;")
    return TLS_LINE.sub("", text)


def _servers(block: str, servers: str) -> str:
    if not SERVER_LINE.search(block):
        raise TemplateChanged(f"{SHIPPED_SITE}: no server line in upstream tracker_workers")
    kept = SERVER_LINE.sub("", block)
    return (kept.rstrip("\n") + "\n" if kept.strip() else "") + servers.rstrip("\n")


def _once(
    pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str], text: str, what: str
) -> str:
    new, count = pattern.subn(replace, text)
    if count != 1:
        raise TemplateChanged(f"{SHIPPED_SITE}: expected one '{what}', found {count}")
    return new


def write_config(folder: Path, port: int, worker_ports: Sequence[int]) -> Path:
    """Write ``nginx.conf`` (and the site it includes) into ``folder`` for nginx listening
    on ``127.0.0.1:port``; its pid file and temporary files go there too, its errors to
    its standard error. Returns the main file."""
    site = folder / "tracker.conf"
    site.write_text(site_config(f"127.0.0.1:{port}", worker_ports), encoding="utf-8")
    user = _worker_user(folder)
    temp = "".join(f'    {kind}_temp_path "{folder / kind}";\n' for kind in TEMP_KINDS)
    main = folder / "nginx.conf"
    main.write_text(
        "# Written by `python -m analytics serve`; removed when it stops.\n"
        f"{user}worker_processes 1;\n"
        f'pid "{folder / "nginx.pid"}";\n'
        "error_log stderr warn;\n"
        "events { worker_connections 1024; }\n"
        "http {\n"
        "    access_log off;\n"
        f"{temp}"
        f'    include "{site}";\n'
        "}\n",
        encoding="utf-8",
    )
    return main


def _worker_user(folder: Path) -> str:
    """nginx's worker processes run as the user who started ``serve``, like the app's: their
    temporary folders (an upload is buffered there) are private to that user. Started by
    root, nginx would switch them to ``nobody``, who may not enter the private folder."""
    for kind in TEMP_KINDS:
        (folder / kind).mkdir(mode=0o700, exist_ok=True)
    if os.geteuid() != 0:
        return ""
    return "user root;\n"


def command(nginx: str, config: Path) -> list[str]:
    """nginx in the foreground (a child of ``serve``) with ``config``."""
    return [nginx, "-p", f"{config.parent}/", "-c", str(config), "-g", "daemon off;"]
