"""Sending through the council's SMTP server with Python's own ``smtplib``: the settings
of CONTRACT.md section 6, STARTTLS or SSL as set, a timeout, and a login when a user is
set. No third-party mail service."""

from __future__ import annotations

import contextlib
import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

TIMEOUT_SECONDS = 30
TLS_MODES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


class MailSettingsError(ValueError):
    """The SMTP settings do not make sense (an unknown TLS mode, a port not a number)."""


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    sender: str
    tls: str
    user: str | None
    password: str | None

    @classmethod
    def from_environment(cls) -> MailSettings | None:
        """The settings from ``TRACKER_SMTP_*``; None when no host is set (inbox only)."""
        host = os.environ.get("TRACKER_SMTP_HOST", "").strip()
        if not host:
            return None
        tls = (os.environ.get("TRACKER_SMTP_TLS") or "starttls").strip().lower()
        if tls not in TLS_MODES:
            raise MailSettingsError(
                f"TRACKER_SMTP_TLS={tls!r}: một trong {', '.join(TLS_MODES)} "
                f"(one of {', '.join(TLS_MODES)})"
            )
        port_text = (os.environ.get("TRACKER_SMTP_PORT") or "").strip()
        try:
            port = int(port_text) if port_text else DEFAULT_PORTS[tls]
        except ValueError:
            raise MailSettingsError(
                f"TRACKER_SMTP_PORT={port_text!r} không phải là số (not a number)"
            ) from None
        sender = (os.environ.get("TRACKER_SMTP_FROM") or f"tracker@{host}").strip()
        return cls(
            host, port, sender, tls, os.environ.get("TRACKER_SMTP_USER") or None,
            os.environ.get("TRACKER_SMTP_PASSWORD") or None,
        )  # fmt: skip


class Mailer:
    """One connection for a run, opened at the first message; ``send`` raises
    ``smtplib.SMTPException`` or ``OSError`` when a message could not go."""

    def __init__(self, settings: MailSettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        context = ssl.create_default_context()
        if s.tls == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                s.host, s.port, timeout=TIMEOUT_SECONDS, context=context
            )
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=TIMEOUT_SECONDS)
            if s.tls == "starttls":
                smtp.starttls(context=context)
        if s.user:
            smtp.login(s.user, s.password or "")
        return smtp

    def send(self, message: EmailMessage) -> None:
        if self._smtp is None:
            self._smtp = self._connect()
        try:
            self._smtp.send_message(message)
        except smtplib.SMTPServerDisconnected:
            self._smtp = None
            raise

    def close(self) -> None:
        if self._smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._smtp.quit()
            self._smtp = None
