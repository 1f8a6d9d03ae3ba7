"""A helper process for the crash test: imports one file per request in a forked child.

Modules are imported once here, so each child starts at once and the test can kill
it at any moment of the import. Protocol on stdin/stdout, one line each:
``DB FILE`` → ``pid N`` (the child started) → ``exit CODE`` (the child ended or was killed).
"""

from __future__ import annotations

import os
import sys

from analytics.importing import import_file


def main() -> None:
    print("ready", flush=True)
    for line in sys.stdin:
        db, path = line.split()
        pid = os.fork()
        if pid == 0:
            try:
                result = import_file(path, db, user="crash")
                os._exit(0 if result.ok else 3)
            except BaseException:
                os._exit(4)
        print(f"pid {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"exit {status}", flush=True)


if __name__ == "__main__":
    main()
