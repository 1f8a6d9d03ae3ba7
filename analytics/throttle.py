"""Failed sign-ins counted per client address, so one machine cannot try name after name.

The per-account lock (five wrong passwords in a row) stops guessing one account's
password; this stops trying a few common passwords on many names. After
:data:`LIMIT` failures from one address within :data:`WINDOW`, that address's next
attempts are refused unchecked, with the same message as any failure, until the oldest
of those failures is older than the window. Kept in the server's memory: a restart
forgets it, which costs an attacker a restart they cannot cause. Behind a reverse proxy
the address is the one the proxy passes on, when the proxy is named in
``TRACKER_TRUSTED_PROXY`` (:func:`client_address`).
"""

from __future__ import annotations

import ipaddress
import threading
from collections import deque
from datetime import datetime, timedelta

LIMIT = 20
WINDOW = timedelta(minutes=15)
TRUSTED_PROXY_ENV = "TRACKER_TRUSTED_PROXY"  # the reverse proxy's address(es); unset: none


def client_address(peer: str | None, forwarded: str | None, trusted_proxies: str | None) -> str:
    """The address a sign-in attempt is counted against.

    ``peer`` is the connection's own address (None for this machine, as Streamlit gives
    it); ``forwarded`` the ``X-Forwarded-For`` header; ``trusted_proxies`` the setting
    naming the reverse proxy (comma-separated; empty or unset: no proxy). The header is
    believed only on a connection from a trusted proxy, and then only its last address,
    the one that proxy appended (the ones before it are whatever the client sent);
    otherwise anyone could name a fresh address with each attempt.
    """
    own = peer or "localhost"
    last = (forwarded or "").split(",")[-1].strip()
    if last and _is_trusted(peer, trusted_proxies or ""):
        return last
    return own


def _is_trusted(peer: str | None, trusted_proxies: str) -> bool:
    for name in (t.strip() for t in trusted_proxies.split(",")):
        try:
            trusted = ipaddress.ip_address(name)
        except ValueError:
            continue
        if peer is None and trusted.is_loopback:
            return True
        try:
            if peer is not None and ipaddress.ip_address(peer.split("%")[0]) == trusted:
                return True
        except ValueError:
            pass
    return False


class FailureThrottle:
    """Failed sign-ins per address within a sliding window (thread-safe)."""

    def __init__(self, limit: int = LIMIT, window: timedelta = WINDOW) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[datetime]] = {}
        self._lock = threading.Lock()

    def blocked(self, address: str, when: datetime) -> bool:
        """Whether ``address`` has used up its failures for now."""
        with self._lock:
            return len(self._recent(address, when)) >= self.limit

    def failed(self, address: str, when: datetime) -> bool:
        """Count a failure; True when it is the one that blocks the address."""
        with self._lock:
            recent = self._recent(address, when)
            recent.append(when)
            return len(recent) == self.limit

    def _recent(self, address: str, when: datetime) -> deque[datetime]:
        recent = self._failures.setdefault(address, deque())
        while recent and when - recent[0] >= self.window:
            recent.popleft()
        if not recent:  # forget quiet addresses, so the table does not grow
            del self._failures[address]
            recent = self._failures.setdefault(address, deque())
        return recent
