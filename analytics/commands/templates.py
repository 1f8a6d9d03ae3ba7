"""``templates [--out DIR]``: write the blank import templates (CSV and XLSX)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "templates",
        help="write the blank import templates",
        description="Write the blank templates for tasks, progress and appraisal files, "
        "as CSV (UTF-8 with BOM) and XLSX, into DIR (default data/templates).",
    )
    parser.add_argument("--out", metavar="DIR", type=Path, help="default data/templates")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from analytics.cli import print_json, say
    from analytics.importing.templates import TEMPLATE_DIR, write_templates

    out = args.out or TEMPLATE_DIR
    written = write_templates(out)
    say(f"Đã ghi {len(written)} tệp mẫu vào {out}.")
    print_json({"status": "ok", "files": [str(p) for p in written]})
    return 0
