"""Failed sign-ins per address: blocked at the limit, free again after the window."""

from __future__ import annotations

from datetime import datetime, timedelta

from analytics.throttle import FailureThrottle

T0 = datetime(2026, 11, 27, 9, 0)


def test_an_address_is_blocked_at_the_limit_and_others_are_not():
    throttle = FailureThrottle(limit=3, window=timedelta(minutes=15))
    outcomes = [throttle.failed("10.0.0.5", T0 + timedelta(minutes=i)) for i in range(3)]
    assert outcomes == [False, False, True]  # the third failure blocks
    assert throttle.blocked("10.0.0.5", T0 + timedelta(minutes=3))
    assert not throttle.blocked("10.0.0.6", T0 + timedelta(minutes=3))


def test_failures_older_than_the_window_no_longer_count():
    throttle = FailureThrottle(limit=3, window=timedelta(minutes=15))
    for minute in (0, 5, 10):
        throttle.failed("10.0.0.5", T0 + timedelta(minutes=minute))
    # At 0:15 the failure of 0:00 has left the window: two remain, under the limit.
    assert throttle.blocked("10.0.0.5", T0 + timedelta(minutes=14, seconds=59))
    assert not throttle.blocked("10.0.0.5", T0 + timedelta(minutes=15))
    assert throttle.failed("10.0.0.5", T0 + timedelta(minutes=16))  # 5, 10, 16: blocked again


def _address_seen(monkeypatch, peer: str | None, forwarded: str, trusted: str | None) -> str:
    """What ui.auth counts a sign-in against, for a connection from ``peer`` (None: this
    machine, as Streamlit reports it) carrying ``forwarded`` as X-Forwarded-For."""
    from types import SimpleNamespace

    from ui import auth

    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    context = SimpleNamespace(headers=headers, ip_address=peer)
    monkeypatch.setattr(auth, "st", SimpleNamespace(context=context))
    if trusted is None:
        monkeypatch.delenv("TRACKER_TRUSTED_PROXY", raising=False)
    else:
        monkeypatch.setenv("TRACKER_TRUSTED_PROXY", trusted)
    return auth._client_address()


def test_a_forwarded_address_counts_only_through_the_trusted_proxy(monkeypatch):
    # Straight to Streamlit (no setting): a forged header changes nothing.
    assert _address_seen(monkeypatch, "198.51.100.9", "203.0.113.1", None) == "198.51.100.9"
    assert _address_seen(monkeypatch, None, "203.0.113.1", None) == "localhost"
    # The proxy on this machine, named as trusted: the address it appended last counts
    # (anything before it was sent by the client and proves nothing).
    seen = _address_seen(monkeypatch, None, "203.0.113.1, 10.0.0.7", "127.0.0.1")
    assert seen == "10.0.0.7"
    assert _address_seen(monkeypatch, "10.0.0.2", "10.0.0.7", "10.0.0.2") == "10.0.0.7"
    # A setting that names another machine: a client reaching Streamlit directly is
    # counted by its own address, whatever it claims.
    assert _address_seen(monkeypatch, "198.51.100.9", "10.0.0.7", "10.0.0.2") == "198.51.100.9"
    assert _address_seen(monkeypatch, None, "10.0.0.7", "10.0.0.2") == "localhost"
    # Through the trusted proxy without the header (or a blank one): the proxy itself.
    assert _address_seen(monkeypatch, "10.0.0.2", " ", "10.0.0.2") == "10.0.0.2"


def test_the_trusted_proxy_setting_reads_addresses_and_skips_junk():
    from analytics.throttle import client_address

    assert client_address("::1%eth0", "10.0.0.7", "::1") == "10.0.0.7"
    assert client_address("10.0.0.3", "10.0.0.7", "junk, 10.0.0.3") == "10.0.0.7"
    assert client_address("10.0.0.3", "10.0.0.7", "junk") == "10.0.0.3"
    assert client_address("10.0.0.3", "10.0.0.7", "") == "10.0.0.3"
