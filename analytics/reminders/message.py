"""One reminder message for one account: a subject, a plain-text part and an HTML part,
in Vietnamese (or English), each item with the task's code, title, deadline in force,
days left or late, and a link to its page. User text is escaped in the HTML part."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import quote

from analytics.reminders.items import Item

BASE_URL_VAR = "TRACKER_BASE_URL"
DEFAULT_BASE_URL = "http://localhost:8501"
TASK_PAGE = "nhiem-vu"  # the task page's address (app.py)

HEADINGS = {
    "qua_han": ("Quá hạn", "Overdue"),
    "giai_trinh": ("Yêu cầu giải trình chờ trả lời", "Explanation requests to answer"),
    "sap_den_han": ("Sắp đến hạn", "Due soon"),
    "chua_bao_cao": ("Chưa báo cáo kỳ này", "No report this period"),
    "cho_duyet": ("Chờ Thường trực quyết định", "Waiting for a decision"),
}  # in the order a message lists them: the most pressing first
HEADING_COLOURS = {"qua_han": "#D55E00"}  # the overdue status colour (UX.md)
KIND_ORDER = tuple(HEADINGS)


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    html: str


def base_url() -> str:
    return (os.environ.get(BASE_URL_VAR) or DEFAULT_BASE_URL).rstrip("/")


def task_link(code: str, base: str | None = None) -> str:
    return f"{base or base_url()}/{TASK_PAGE}?ma={quote(code, safe='')}"


def _when(item: Item, language: str) -> str:
    """The deadline in force and the days left or late, in words."""
    vi = language != "en"
    parts = []
    if item.due is not None:
        parts.append(f"{'hạn' if vi else 'due'} {item.due:%d/%m/%Y}")
    if item.kind == "sap_den_han" and item.days == 0:
        parts.append("hạn là hôm nay" if vi else "due today")
    elif item.kind == "sap_den_han" and item.days is not None:
        parts.append(f"còn {item.days} ngày" if vi else f"{item.days} days left")
    if item.kind == "qua_han" and item.days is not None:
        parts.append(f"quá hạn {item.days} ngày" if vi else f"{item.days} days late")
    return ", ".join(parts)


def _extra(item: Item, language: str) -> str:
    vi = language != "en"
    if item.kind == "chua_bao_cao":
        return f"chưa có báo cáo trong {item.text}" if vi else f"no report in {item.text}"
    if item.kind == "giai_trinh":
        return f"yêu cầu: {item.text}" if vi else f"request: {item.text}"
    if item.kind == "cho_duyet":
        if item.key.startswith("extension:"):
            return f"xin gia hạn đến {item.text}" if vi else f"extension asked to {item.text}"
        return (
            "đăng ký chờ giao"
            if vi and item.key == "dang_ky"
            else (
                "đề xuất chờ giao"
                if vi
                else ("registered" if item.key == "dang_ky" else "proposed")
            )
        )
    return ""


def compose(name: str, items: list[Item], today: date, language: str = "vi") -> Message:
    """The message listing ``items`` for the account ``name``."""
    vi = language != "en"
    count = len(items)
    subject = (
        f"Nhắc việc ngày {today:%d/%m/%Y}: {count} việc cần anh/chị xử lý"
        if vi
        else f"Reminder {today:%d/%m/%Y}: {count} items need you"
    )
    base = base_url()
    lines = [
        f"Kính gửi {name}," if vi else f"Dear {name},",
        "",
        "Các nhiệm vụ sau cần anh/chị xử lý:" if vi else "These tasks need you:",
    ]
    blocks = []
    for kind in KIND_ORDER:
        chosen = [i for i in items if i.kind == kind]
        if not chosen:
            continue
        heading = HEADINGS[kind][0 if vi else 1]
        lines += ["", f"{heading} ({len(chosen)})"]
        rows = []
        for item in chosen:
            facts = "; ".join(p for p in (_when(item, language), _extra(item, language)) if p)
            link = task_link(item.task, base)
            lines.append(f"- {item.task}: {item.title} ({facts})")
            lines.append(f"  {link}")
            safe_link = html.escape(link, quote=True)
            rows.append(
                f'<li style="margin-bottom:10px"><a href="{safe_link}">'
                f"<b>{html.escape(item.task)}</b></a>: {html.escape(item.title)}<br>"
                f'<span style="color:#444;font-size:13px">{html.escape(facts)}</span></li>'
            )
        colour = HEADING_COLOURS.get(kind, "#222")
        blocks.append(
            f'<h3 style="color:{colour};margin:18px 0 6px">{html.escape(heading)} '
            f"({len(chosen)})</h3><ul>{''.join(rows)}</ul>"
        )
    footer = (
        f"Thư này do hệ thống theo dõi nhiệm vụ đột phá, đổi mới gửi tự động; xem mọi thư "
        f"nhắc và tắt thư điện tử trong Hộp thư: {base}/hop-thu"
        if vi
        else f"Sent by the breakthrough-task tracker; every reminder, and turning e-mails "
        f"off, in the Inbox: {base}/hop-thu"
    )
    lines += ["", footer]
    greeting = html.escape(lines[0])
    intro = html.escape(lines[2])
    body_html = (
        f'<!doctype html><html lang="{"vi" if vi else "en"}"><head><meta charset="utf-8">'
        f"<title>{html.escape(subject)}</title></head>"
        f'<body style="font-family:Arial,sans-serif;font-size:15px;line-height:1.5">'
        f"<p>{greeting}</p><p>{intro}</p>{''.join(blocks)}"
        f'<p style="color:#555;font-size:13px">{html.escape(footer)}</p></body></html>'
    )
    return Message(subject, "\n".join(lines) + "\n", body_html)


def email_of(message: Message, sender: str, to: str) -> EmailMessage:
    """The message as an e-mail with a plain-text and an HTML part."""
    mail = EmailMessage()
    mail["Subject"] = message.subject
    mail["From"] = sender
    mail["To"] = to
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    mail.set_content(message.text)
    mail.add_alternative(message.html, subtype="html")
    return mail
