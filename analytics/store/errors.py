"""What opening or writing a store can refuse, the same on both engines."""

from __future__ import annotations


class DatabaseBusy(RuntimeError):
    """Another process keeps the database file locked."""

    def __init__(self, path: object, waited: float) -> None:
        super().__init__(
            f"Cơ sở dữ liệu {path} đang được một tiến trình khác sử dụng "
            f"(đã chờ {waited:.0f} giây); hãy thử lại sau. "
            f"(The database is in use by another process.)"
        )
        self.path = path


class StoreMissing(FileNotFoundError):
    """No store there (a file that does not exist, a PostgreSQL database without the
    schema); only ``init`` (or the app's first start on the default file) creates one."""

    def __init__(self, path: object) -> None:
        super().__init__(
            f"Không có cơ sở dữ liệu {path}; hãy tạo bằng: python -m analytics init --db {path} "
            f"(no database at this path; create it with init)"
        )
        self.path = path


class StoreUnavailable(ConnectionError):
    """The PostgreSQL server cannot be reached or refused the connection."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(
            f"Không kết nối được cơ sở dữ liệu {url}: {reason} (cannot connect to the database)"
        )
        self.path = url


class WriteConflict(RuntimeError):
    """Another write changed the rows this one was computed from; the caller retries it
    against the new rows."""


class BadStoreAddress(ValueError):
    """``--db`` or ``TRACKER_DB`` names a store in a way that cannot be used."""
