"""A PostgreSQL server for the tests, and fresh databases on it.

``.ci/run`` starts Debian's server on loopback and names it in ``TRACKER_TEST_PG``
(``postgresql://USER@127.0.0.1:PORT``, no database). Without it the tests start their
own: ``initdb`` and ``pg_ctl`` from Debian's ``postgresql`` package on a free loopback
port in a temporary folder (as the ``postgres`` user when run as root, which ``initdb``
requires), stopped at the end of the run. Without a server the PostgreSQL tests are
skipped, or fail when ``REQUIRE_POSTGRES=1`` (CI).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg
from psycopg import sql

from analytics.serving.workers import free_ports

ENV_VAR = "TRACKER_TEST_PG"
REQUIRE_VAR = "REQUIRE_POSTGRES"


def _binary(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


class Server:
    """A running server: ``base`` is its URL without a database."""

    def __init__(self, base: str, stop: list[str] | None = None, folder: Path | None = None):
        self.base = base.rstrip("/")
        self._stop = stop
        self._folder = folder

    def url(self, database: str) -> str:
        return f"{self.base}/{database}"

    def create_database(self, template: str | None = None) -> str:
        """A new, empty database (or a copy of ``template``); its URL."""
        name = "t_" + uuid.uuid4().hex[:16]
        with psycopg.connect(self.url("postgres"), autocommit=True) as pg:
            if template:
                pg.execute(
                    sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                        sql.Identifier(name), sql.Identifier(template)
                    )
                )
            else:
                pg.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def stop(self) -> None:
        if self._stop:
            subprocess.run(self._stop, check=False, capture_output=True)
        if self._folder:
            shutil.rmtree(self._folder, ignore_errors=True)


def _as_postgres(command: str) -> list[str]:
    if os.geteuid() == 0:
        return ["su", "postgres", "-s", "/bin/bash", "-c", command]
    return ["/bin/bash", "-c", command]


def start() -> Server | None:
    """The server named by ``TRACKER_TEST_PG``, else one started here; None if impossible."""
    given = os.environ.get(ENV_VAR, "").strip()
    if given:
        return Server(given)
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not initdb or not pg_ctl:
        return None
    folder = Path(tempfile.mkdtemp(prefix="tracker-test-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", free_ports(1)[0]
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    setup = (
        f"{initdb} -D {data} -A trust -U postgres -E UTF8 --locale=C.UTF-8"
        f" >{folder}/initdb.log 2>&1"
        f" && {pg_ctl} -D {data} -o '{options}' -l {folder}/server.log -w start >/dev/null"
    )
    done = subprocess.run(_as_postgres(setup), check=False, capture_output=True)
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    stop = _as_postgres(f"{pg_ctl} -D {data} -m immediate stop")
    return Server(f"postgresql://postgres@127.0.0.1:{port}", stop, folder)


def check_copy_matches(store: object) -> None:
    """Every table of the process's copy of ``store`` equals the server's (a fresh copy)."""
    from analytics.store.connection import PostgresStore
    from analytics.store.postgres import table_fingerprints

    if getattr(store, "_mirror", None) is None:
        return
    fresh = PostgresStore(store.name)
    try:
        with fresh.connect() as copy, store.connect() as held:
            mine, server = table_fingerprints(held), table_fingerprints(copy)
            differ = {name: (mine[name], server.get(name)) for name in mine
                      if mine[name] != server.get(name)}  # fmt: skip
            assert not differ, f"the process's copy differs from the server: {differ}"
    finally:
        fresh.close()
