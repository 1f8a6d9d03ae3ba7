"""``imports``: the list of past imports, newest first."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "imports",
        parents=[common],
        help="list past imports",
        description="List past imports: id, time, user, file name, sha256, kind, counts, "
        "and whether each was undone.",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from analytics.cli import print_json
    from analytics.importing import list_imports

    frame = list_imports(args.db)
    imports = [
        {
            "id": int(r.id),
            "imported_at": _time(r.imported_at),
            "user": r.user_name,
            "file_name": r.file_name,
            "sha256": r.sha256,
            "kind": r.kind,
            "rows": int(r.rows),
            "inserted": int(r.inserted),
            "updated": int(r.updated),
            "unchanged": int(r.unchanged),
            "undone": bool(r.undone),
            "undone_at": _time(r.undone_at),
            "undone_by": r.undone_by if isinstance(r.undone_by, str) else None,
        }
        for r in frame.itertuples(index=False)
    ]
    print_json({"imports": imports})
    return 0


def _time(value: object) -> str | None:
    import pandas as pd

    return None if value is None or pd.isna(value) else pd.Timestamp(value).isoformat()
