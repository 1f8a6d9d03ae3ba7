"""Failed sign-ins counted per client address, so one machine cannot try name after name.

The per-account lock (five wrong passwords in a row) stops guessing one account's
password; this stops trying a few common passwords on many names. After
:data:`LIMIT` failures from one address within :data:`WINDOW`, that address's next
attempts are refused unchecked, with the same message as any failure, until the oldest
of those failures is older than the window. Kept in the server's memory: a restart
forgets it, which costs an attacker a restart they cannot cause.
"""

from __future__ import annotations

import threading
from collections import deque
from datetime import datetime, timedelta

LIMIT = 20
WINDOW = timedelta(minutes=15)


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
