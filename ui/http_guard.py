"""What the app's own web server adds to Streamlit's: security headers on every answer,
and a refusal of uploads that no signed-in session with the right to import sends.

Two ASGI middlewares, given to ``st.App`` in ``asgi.py`` (Streamlit 1.67 has no setting
for either). The upload check runs before the request's body is read, so a refused
upload never reaches Streamlit's memory; ``analytics.upload_gate`` decides.
"""

from __future__ import annotations

import ipaddress
from http.cookies import SimpleCookie

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from analytics.session_cookie import COOKIE_NAME
from analytics.store.connection import DatabaseBusy, StoreUnavailable, resolve_db
from analytics.upload_gate import may_upload

SECURITY_HEADERS = (
    (b"content-security-policy", b"frame-ancestors 'self'"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
)
UPLOAD_PATH = "/_stcore/upload_file/"
FORWARDED = (b"x-forwarded-for", b"x-real-ip", b"forwarded")


class SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every HTTP answer (the page may not be framed by
    another site; no type sniffing; no full address sent to other sites)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class UploadGate:
    """Refuses (403) a PUT to Streamlit's upload endpoint unless ``may_upload`` agrees."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "PUT"
            and UPLOAD_PATH in scope["path"]
            and not await run_in_threadpool(_allowed, scope)
        ):
            await send({"type": "http.response.start", "status": 403,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                    (b"connection", b"close")]})  # fmt: skip
            await send({"type": "http.response.body", "body": b"sign in first\n"})
            return
        await self.app(scope, receive, send)


def _allowed(scope: Scope) -> bool:
    headers = dict(scope.get("headers") or [])
    cookies = SimpleCookie()
    try:
        cookies.load(headers.get(b"cookie", b"").decode("latin-1"))
    except Exception:  # a malformed header carries no usable cookie
        cookies = SimpleCookie()
    cookie = cookies[COOKIE_NAME].value if COOKIE_NAME in cookies else None
    try:
        return may_upload(cookie, resolve_db(None), local_request=_local(scope, headers))
    except (DatabaseBusy, StoreUnavailable):  # busy or unreachable: refuse (403), never a 500
        return False


def _local(scope: Scope, headers: dict[bytes, bytes]) -> bool:
    """Whether the request was made on this machine, not through a proxy."""
    if any(name in headers for name in FORWARDED):
        return False
    host = (scope.get("client") or ("", 0))[0]
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
