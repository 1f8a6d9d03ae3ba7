"""``summary``: the figures of CONTRACT.md section 4 per group, as JSON or CSV."""

from __future__ import annotations

import argparse
import sys

from analytics.choices import GROUPS


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from analytics.cli import date_argument

    parser = sub.add_parser(
        "summary",
        parents=[common],
        help="figures per group",
        description="Figures per group as of a date or over a window [--from, --to].",
    )
    parser.add_argument("--by", choices=GROUPS, default="all", help="grouping (default all)")
    parser.add_argument(
        "--as-of", type=date_argument, metavar="DATE", help="as of DATE (YYYY-MM-DD or dd/mm/yyyy)"
    )
    parser.add_argument("--from", dest="date_from", type=date_argument, metavar="DATE")
    parser.add_argument("--to", dest="date_to", type=date_argument, metavar="DATE")
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from analytics.cli import Misuse, print_json
    from analytics.figures import summary
    from analytics.periods import Choice

    if args.as_of is not None and (args.date_from is not None or args.date_to is not None):
        raise Misuse("--as-of cannot be combined with --from/--to")
    today = date.today()
    try:
        window = Choice(args.as_of, args.date_from, args.date_to).window(today)
    except ValueError as error:
        raise Misuse(str(error)) from None
    groups = summary(args.db, args.by, args.as_of, args.date_from, args.date_to, today=today)
    if args.format == "csv":
        groups.to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    print_json({"as_of": window.as_of, "groups": groups.to_dict(orient="records")})
    return 0
