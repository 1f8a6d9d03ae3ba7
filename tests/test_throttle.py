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
