"""``remind [--today DATE] [--dry-run]``: today's reminders (CONTRACT.md section 6)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from analytics.cli import date_argument

    parser = sub.add_parser(
        "remind",
        parents=[common],
        help="send today's reminders by e-mail and to the inboxes",
        description="One message per account listing what needs it: deadlines near, "
        "overdue tasks, missing reports, explanation requests, decisions waiting. Sent "
        "through TRACKER_SMTP_HOST (inbox only when it is not set); the same item never "
        "twice within its interval. Exit 1, naming the accounts, when a message could not "
        "be sent (it is tried again by the next run).",
    )
    parser.add_argument("--today", type=date_argument, metavar="DATE",
                        help="the day of the run (default today)")  # fmt: skip
    parser.add_argument("--dry-run", action="store_true",
                        help="say what would be sent; send and record nothing")  # fmt: skip
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from analytics.cli import EXIT_OK, EXIT_REJECTED, print_json, say
    from analytics.reminders.mail import MailSettingsError
    from analytics.reminders.run import remind

    try:
        result = remind(args.db, args.today, dry_run=args.dry_run)
    except MailSettingsError as error:
        say(str(error))
        return EXIT_REJECTED
    print_json(result.to_json())
    if not result.mail_configured and any(m.email for m in result.messages):
        say("TRACKER_SMTP_HOST chưa đặt: thư chỉ vào hộp thư trong ứng dụng. "
            "(TRACKER_SMTP_HOST is not set: messages go to the in-app inbox only.)")  # fmt: skip
    if result.failed:
        names = ", ".join(result.failed)
        say(f"Không gửi được thư cho: {names}; lần chạy sau sẽ gửi lại. "
            f"(Could not send to: {names}; the next run tries again.)")  # fmt: skip
        return EXIT_REJECTED
    return EXIT_OK
