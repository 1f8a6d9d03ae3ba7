"""``task ACTION CODE ... --user NAME [--on DATE]`` and ``task history CODE``: the actions
of CONTRACT.md section 5 on one task, and its timeline."""

from __future__ import annotations

import argparse

# action -> (help, [(flag, dest, metavar, required, help)])
_OPTIONS: dict[str, tuple[str, list[tuple[str, str, str, bool, str]]]] = {
    "register": (
        "register a new task (state: registered)",
        [
            ("--title", "title", "T", True, "the task"),
            ("--body", "body", "B", True, "body code or name"),
            ("--position", "position", "P", True, "position, as in the list of positions"),
            ("--area", "area", "A", True, "area code or name"),
            ("--period", "period", "K", True, "period, e.g. 2026 or 2026-2030"),
            ("--due", "due", "DATE", True, "deadline"),
            ("--official", "official", "N", False, "holder of the position"),
            ("--description", "description", "X", False, "description"),
            ("--target", "target", "X", False, "target (chỉ tiêu)"),
        ],
    ),
    "propose": ("propose a registered task", []),
    "assign": (
        "assign a registered or proposed task (its assignment date becomes --on)",
        [("--assigner", "assigner", "TEXT", False, "who assigns, e.g. Thường trực HĐND")],
    ),
    "return": (
        "return a registered or proposed task, with the reason",
        [("--reason", "reason", "T", True, "why, shown to the official")],
    ),
    "report": (
        "report progress, dated --on (a second report of the same day replaces the first)",
        [
            ("--progress", "progress", "P", True, "0 to 100"),
            ("--status", "status", "S", False, "Chưa triển khai, Đang thực hiện, Hoàn thành"),
            ("--note", "note", "T", False, "note"),
            ("--evidence", "evidence", "E", False, "an http(s):// link or a document number"),
        ],
    ),
    "extend": (
        "ask for a later deadline",
        [
            ("--due", "due", "DATE", True, "the new deadline, after the one in force"),
            ("--reason", "reason", "T", True, "why"),
        ],
    ),
    "approve-extension": ("approve the open extension request (counts from --on)", []),
    "refuse-extension": (
        "refuse the open extension request",
        [("--reason", "reason", "T", True, "why")],
    ),
    "ask": ("ask for an explanation", [("--text", "text", "T", True, "the request")]),
    "answer": (
        "answer the oldest open explanation request",
        [("--text", "text", "T", True, "the answer")],
    ),
    "comment": ("comment on the task", [("--text", "text", "T", True, "the comment")]),
}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from analytics.cli import date_argument

    parser = sub.add_parser(
        "task",
        parents=[common],
        help="act on one task (register, propose, assign, report, extend, ask, ...) or "
        "print its history",
        description="The actions of the assignment cycle on one task, allowed by role "
        "(CONTRACT.md section 5). A refusal exits 1 with one line and writes nothing.",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    for action, (text, options) in _OPTIONS.items():
        one = actions.add_parser(action, parents=[common], help=text, description=text)
        one.add_argument("code", metavar="CODE", help="the task's code")
        for flag, dest, metavar, required, help_text in options:
            one.add_argument(flag, dest=dest, metavar=metavar, required=required, help=help_text)
        one.add_argument("--user", required=True, metavar="NAME", help="who acts (an account)")
        one.add_argument(
            "--on", type=date_argument, metavar="DATE",
            help="the day it happened (default today; never in the future)",
        )  # fmt: skip
        one.set_defaults(run=run, options=[dest for _, dest, *_ in options])
    history = actions.add_parser(
        "history", parents=[common], help="the task's timeline, oldest first (JSON)"
    )
    history.add_argument("code", metavar="CODE")
    history.set_defaults(run=run_history)


def run(args: argparse.Namespace) -> int:
    from analytics.actions import ActionRefused, account_named, act
    from analytics.cli import EXIT_OK, EXIT_REJECTED, print_json, say

    options = {dest: getattr(args, dest) for dest in args.options}
    try:
        account = account_named(args.db, args.user)
        done = act(args.db, account, args.action, args.code, on=args.on, channel="cli", **options)
    except ActionRefused as refused:
        say(str(refused))
        return EXIT_REJECTED
    print_json(done.to_json())
    return EXIT_OK


def run_history(args: argparse.Namespace) -> int:
    from analytics.actions import ActionRefused, history
    from analytics.cli import EXIT_OK, EXIT_REJECTED, print_json, say

    try:
        payload = history(args.db, args.code)
    except ActionRefused as refused:
        say(str(refused))
        return EXIT_REJECTED
    print_json(payload)
    return EXIT_OK
