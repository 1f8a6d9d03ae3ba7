"""``appraisal --year YEAR``: year-end ratings per official or body, as JSON or CSV."""

from __future__ import annotations

import argparse
import sys

from analytics.choices import APPRAISAL_GROUPS


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "appraisal",
        parents=[common],
        help="year-end ratings per official or body",
        description="Per group, the number of tasks given each rating for YEAR and the "
        "number not yet appraised, over the assigned tasks whose period covers YEAR.",
    )
    parser.add_argument("--year", type=_year, required=True, metavar="YEAR")
    parser.add_argument("--by", choices=APPRAISAL_GROUPS, default="official")
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    parser.set_defaults(run=run)


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"'{text}' is not a year YYYY")
    return int(text)


def run(args: argparse.Namespace) -> int:
    from analytics.cli import print_json
    from analytics.cycle import appraisal_summary

    groups = appraisal_summary(args.db, args.year, args.by)
    if args.format == "csv":
        groups.to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    print_json({"year": args.year, "groups": groups.to_dict(orient="records")})
    return 0
