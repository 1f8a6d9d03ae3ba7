"""``user add|list|edit|disable|enable|passwd``: accounts of the app.

Passwords are read from standard input only (``--password-stdin``): never from an
argument, which other users of the machine could read in the process list and the
shell keeps in its history. From a terminal the password is asked twice without echo;
from a pipe the first line is read.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING

from analytics.choices import ROLES

if TYPE_CHECKING:
    from analytics.accounts import AccountError


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "user",
        parents=[common],
        help="manage the app's accounts (add, list, edit, disable, enable, passwd)",
        description="Accounts of the app. The first account switches local mode off: from "
        "then on every page asks to sign in. Passwords are read from standard input only.",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser(
        "add", parents=[common], help="create an account",
        description="Create an account; the password is read from standard input.",
    )  # fmt: skip
    add.add_argument("name", metavar="NAME", help="sign-in name, e.g. vanthu.tonghop")
    add.add_argument("--role", required=True, choices=ROLES, help="what it may do")
    add.add_argument(
        "--body", action="append", default=[], metavar="CODE",
        help="staff: a body whose tasks it may import (repeat for several; without it, every "
        "body); official: its one body (required)",
    )  # fmt: skip
    add.add_argument(
        "--position", metavar="NAME",
        help="official only (required): its position, as in the list of positions, e.g. "
        '"Trưởng Ban Kinh tế - Ngân sách"',
    )  # fmt: skip
    add.add_argument("--email", metavar="ADDRESS", help="an e-mail address (any role)")
    _password_flag(add)
    add.set_defaults(run=run_add)

    listing = actions.add_parser("list", parents=[common], help="list the accounts")
    listing.set_defaults(run=run_list)

    edit = actions.add_parser(
        "edit", parents=[common], help="change an account's e-mail or reminder choice",
        description="Change an account's e-mail address (--email, or --no-email to remove "
        "it) and whether reminder e-mails go to it (--reminders on|off).",
    )  # fmt: skip
    edit.add_argument("name", metavar="NAME")
    address = edit.add_mutually_exclusive_group()
    address.add_argument("--email", metavar="ADDRESS", help="the new e-mail address")
    address.add_argument("--no-email", action="store_true", help="remove the e-mail address")
    edit.add_argument("--reminders", choices=("on", "off"), help="reminder e-mails on or off")
    edit.set_defaults(run=run_edit)

    for name, disabled, help_text in (
        ("disable", True, "stop an account from signing in (its sessions end)"),
        ("enable", False, "let a disabled account sign in again"),
    ):
        p = actions.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.add_argument("name", metavar="NAME")
        p.set_defaults(run=run_disable, disabled=disabled)

    passwd = actions.add_parser(
        "passwd", parents=[common], help="set a new password (clears a lock)",
        description="Set an account's password, read from standard input; a lock after "
        "wrong passwords is cleared and its open sessions end.",
    )  # fmt: skip
    passwd.add_argument("name", metavar="NAME")
    _password_flag(passwd)
    passwd.set_defaults(run=run_passwd)


def _password_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin", action="store_true",
        help="read the password from standard input (required: never give it as an argument)",
    )  # fmt: skip


def _read_password(args: argparse.Namespace) -> str:
    from analytics.cli import Misuse

    if not args.password_stdin:
        raise Misuse("the password is read from standard input only: add --password-stdin")
    if sys.stdin is None:
        raise Misuse("--password-stdin needs a standard input")
    if sys.stdin.isatty():
        first = getpass.getpass("Mật khẩu / Password: ")
        if getpass.getpass("Nhập lại / Again: ") != first:
            raise Misuse("the two passwords differ")
        return first
    line = sys.stdin.readline()
    return line[:-1] if line.endswith("\n") else line


def _actor() -> str:
    from analytics.importing import default_user

    return default_user()


def _refused(error: AccountError) -> int:
    from analytics.cli import EXIT_REJECTED, print_json, say

    print_json({"status": "rejected", "reason": error.code, "message": error.message()})
    say(error.message())
    return EXIT_REJECTED


def run_add(args: argparse.Namespace) -> int:
    from analytics import accounts
    from analytics.cli import EXIT_OK, Misuse, print_json, say

    official = args.role == "official"
    if args.body and args.role not in ("staff", "official"):
        raise Misuse("--body is for staff and official accounts only")
    if official and len(args.body) > 1:
        raise Misuse("an official account has one --body")
    if args.position is not None and not official:
        raise Misuse("--position is for official accounts only")
    password = _read_password(args)
    try:
        account = accounts.add_user(
            args.db, args.name, args.role, password, () if official else tuple(args.body),
            body=args.body[0] if official and args.body else None, position=args.position,
            email=args.email, actor=_actor(), channel="cli",
        )  # fmt: skip
    except accounts.AccountError as error:
        return _refused(error)
    made = {"status": "ok", "name": account.name, "role": account.role,
            "bodies": list(account.bodies)}  # fmt: skip
    if official:
        made |= {"body": account.body, "position": account.position}
    if account.email:
        made["email"] = account.email
    print_json(made)
    say(f"Đã tạo tài khoản {account.name} ({accounts.role_name(account.role)}).")
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from analytics import accounts
    from analytics.cli import EXIT_OK, print_json

    users = accounts.list_users(args.db)
    rows = [
        {
            "name": row["name"],
            "role": row["role"],
            "bodies": list(accounts.split_bodies(row["bodies"])),
            "body": _text(row["body_code"]),
            "position": _text(row["position"]),
            "email": _text(row["email"]),
            "reminders": bool(row["reminders"]),
            "disabled": bool(row["disabled"]),
            "failed_count": int(row["failed_count"]),
            "locked_until": _when(row["locked_until"]),
            "created_at": _when(row["created_at"]),
            "updated_at": _when(row["updated_at"]),
        }
        for row in users.to_dict("records")
    ]
    print_json({"users": rows})
    return EXIT_OK


def _text(value: object) -> str | None:
    import pandas as pd

    return None if value is None or pd.isna(value) else str(value)


def run_edit(args: argparse.Namespace) -> int:
    from analytics import accounts
    from analytics.cli import EXIT_OK, Misuse, print_json, say

    if args.email is None and not args.no_email and args.reminders is None:
        raise Misuse("say what to change: --email, --no-email or --reminders")
    email: object = accounts.KEEP
    if args.no_email:
        email = None
    elif args.email is not None:
        email = args.email
    reminders = None if args.reminders is None else args.reminders == "on"
    try:
        accounts.edit_user(
            args.db, args.name, email=email, reminders=reminders, actor=_actor(), channel="cli"
        )
    except accounts.AccountError as error:
        return _refused(error)
    name = accounts.fold_name(args.name)
    row = accounts.list_users(args.db).set_index("name").loc[name]
    print_json({"status": "ok", "name": name, "email": _text(row["email"]),
                "reminders": bool(row["reminders"])})  # fmt: skip
    say(f"Đã sửa tài khoản {name}.")
    return EXIT_OK


def _when(value: object) -> str | None:
    import pandas as pd

    return None if value is None or pd.isna(value) else pd.Timestamp(value).isoformat()


def run_disable(args: argparse.Namespace) -> int:
    from analytics import accounts
    from analytics.cli import EXIT_OK, print_json, say

    try:
        accounts.set_disabled(args.db, args.name, args.disabled, actor=_actor(), channel="cli")
    except accounts.AccountError as error:
        return _refused(error)
    name = accounts.fold_name(args.name)
    print_json({"status": "ok", "name": name, "disabled": args.disabled})
    say(f"Đã {'khoá' if args.disabled else 'mở lại'} tài khoản {name}.")
    return EXIT_OK


def run_passwd(args: argparse.Namespace) -> int:
    from analytics import accounts
    from analytics.cli import EXIT_OK, print_json, say

    password = _read_password(args)
    try:
        accounts.set_password(args.db, args.name, password, actor=_actor(), channel="cli")
    except accounts.AccountError as error:
        return _refused(error)
    name = accounts.fold_name(args.name)
    print_json({"status": "ok", "name": name})
    say(f"Đã đặt mật khẩu mới cho {name}.")
    return EXIT_OK
