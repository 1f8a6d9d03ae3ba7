"""``serve``: its refusals, the nginx configuration it writes from the shipped site, and
the systemd unit that runs the same processes (the processes themselves:
tests/e2e/test_serve.py)."""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time

import pytest

from analytics.cli import main
from analytics.serving import nginx, supervise, workers
from tests.conftest import ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_without_nginx_one_line_names_the_apt_get_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))  # a folder without nginx
    monkeypatch.setattr(nginx, "SBIN_DIRS", ())
    code = main(["serve", "--port", str(_free_port())])
    lines = capsys.readouterr().err.splitlines()
    assert code == 1
    assert len(lines) == 1 and "apt-get install -y nginx" in lines[0]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--workers", "0"], "--workers must be between 1 and 32, not 0"),
        (["--workers", "33"], "--workers must be between 1 and 32, not 33"),
        (["--port", "0"], "--port must be between 1 and 65535, not 0"),
        (["--port", "65536"], "--port must be between 1 and 65535, not 65536"),
        (["--workers", "two"], "argument --workers: invalid int value: 'two'"),
    ],
)
def test_misuse_says_what_is_wrong_and_exits_2(args, named, capsys):
    assert exit_code(["serve", *args]) == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith(named)


def exit_code(argv: list[str]) -> int:
    """What ``python -m analytics ARGV`` exits with (argparse's own refusals included)."""
    try:
        return main(argv)
    except SystemExit as stop:
        return stop.code


def test_a_port_in_use_is_misuse(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["serve", "--port", str(port)])
    assert code == 2
    assert (
        capsys.readouterr()
        .err.splitlines()[-1]
        .endswith(f"--port {port}: 127.0.0.1:{port} is in use or not allowed")
    )


def test_a_missing_store_is_named_with_init(tmp_path, capsys):
    missing = tmp_path / "none.duckdb"
    code = main(["serve", "--db", str(missing), "--port", str(_free_port())])
    lines = capsys.readouterr().err.splitlines()
    if nginx.find_nginx() is None:  # refused earlier, for the missing nginx
        pytest.skip("nginx is not installed")
    assert code == 1
    assert len(lines) == 1 and str(missing) in lines[0] and "analytics init" in lines[0]
    assert not missing.exists()


SHIPPED = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")


def test_the_site_is_the_shipped_one_with_the_workers_and_a_loopback_listen():
    site = nginx.site_config("127.0.0.1:9000", [41001, 41002, 41003])
    upstream = re.search(r"upstream tracker_workers \{\n(.*?)\n\}", site, re.S)[1]
    assert re.findall(r"server (\S+);", upstream) == [
        "127.0.0.1:41001", "127.0.0.1:41002", "127.0.0.1:41003",
    ]  # fmt: skip
    assert "hash $tracker_worker consistent;" in upstream
    assert re.findall(r"^\s*listen .*$", site, re.M) == ["    listen 127.0.0.1:9000;"]
    assert "ssl" not in site.replace("$scheme", "")
    # Everything else as shipped: headers, limits, upload size, the cookie that picks.
    changed = {"listen 443 ssl;", "server 127.0.0.1:8501;", "server 127.0.0.1:8502;"}
    for line in SHIPPED.splitlines():
        if line.strip() and line.strip() not in changed and "ssl_certificate" not in line:
            assert line in site.splitlines(), line
    for kept in ("client_max_body_size 101m;", "X-Forwarded-For $remote_addr",
                 "Set-Cookie $tracker_worker_cookie", "limit_req zone=tracker_upload"):  # fmt: skip
        assert kept in site


def test_a_shipped_site_without_its_upstream_is_refused_by_name():
    with pytest.raises(nginx.TemplateChanged, match="upstream"):
        nginx.site_config("127.0.0.1:9000", [41001], SHIPPED.replace("upstream", "# up"))
    with pytest.raises(nginx.TemplateChanged, match="listen 443 ssl;"):
        nginx.site_config("127.0.0.1:9000", [41001], SHIPPED.replace("listen 443", "listen 80"))


def test_nginx_accepts_the_written_configuration(tmp_path):
    binary = nginx.find_nginx()
    if binary is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("nginx is missing")
        pytest.skip("nginx is not installed")
    config = nginx.write_config(tmp_path, _free_port(), [41001, 41002])
    done = subprocess.run([*nginx.command(binary, config), "-t"], capture_output=True,
                          text=True, timeout=30)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert str(tmp_path / "nginx.pid") in config.read_text()


def test_the_systemd_unit_runs_what_serve_runs():
    unit = (ROOT / "deploy" / "tracker@.service").read_text(encoding="utf-8")
    start = shlex.split(re.search(r"^ExecStart=(.*)$", unit, re.M)[1])
    assert start[1:5] == ["-m", "streamlit", "run", "asgi.py"]
    assert start[5:] == workers.streamlit_options("%i")
    assert "Environment=TRACKER_TRUSTED_PROXY=127.0.0.1" in unit
    assert workers.worker_environment("x.duckdb", {})["TRACKER_TRUSTED_PROXY"] == "127.0.0.1"


def test_when_one_process_ends_the_others_are_stopped_and_serve_exits_1(monkeypatch):
    """The supervisor itself, with stand-ins for the workers: the first ends at once with
    code 3, the second would run for a minute."""
    started = []
    stand_ins = iter(["import sys; sys.exit(3)", "import time; time.sleep(60)"])
    monkeypatch.setattr(
        workers, "worker_command", lambda port, script: [sys.executable, "-c", next(stand_ins)]
    )
    start = supervise._start
    monkeypatch.setattr(supervise, "_start", lambda *a: started.append(start(*a)) or started[-1])
    said = []
    began = time.monotonic()
    code = supervise.serve("x.duckdb", 2, _free_port(), "nginx-never-started", said.append)
    assert code == 1
    assert time.monotonic() - began < 30  # the sleeper was stopped, not waited for
    assert [child.process.returncode for child in started] == [3, -signal.SIGTERM]
    assert len(said) == 1 and said[0].startswith("tiến trình 1 (127.0.0.1:")
    assert "mã thoát 3" in said[0]
