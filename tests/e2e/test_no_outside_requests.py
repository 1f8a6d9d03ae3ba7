"""Every request the browser makes goes to the app's own address.

A council's intranet is often cut off from the internet, and where it is not, a request
to another host tells a third party that someone opened the dashboard. So every page is
opened the way a user opens it (the top bar, the pages inside its menus, a task link
from a list), with every request routed: one for another host is recorded and refused.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from tests.e2e.conftest import screenshot, wait_for_rerun

pytestmark = pytest.mark.browser

HEADER = 35  # px: the height of a data grid's header row, and of each of its rows
MENUS = ("Dữ liệu", "Khác")  # the top bar's menus (nav_data, nav_more)


class Watch:
    """Routes every request of a browser context; records those for another host, and
    which page was open when they were made."""

    def __init__(self, context, own: str) -> None:
        self.own = urlsplit(own).netloc
        self.where = "(start)"
        self.outside: list[tuple[str, str]] = []
        context.route("**/*", self._route)
        # WebSockets are not routed; they are watched.
        context.on("page", lambda page: page.on("websocket", self._socket))

    def _route(self, route) -> None:
        url = route.request.url
        if urlsplit(url).netloc == self.own:
            route.continue_()
        else:
            self.outside.append((self.where, url))
            route.abort("blockedbyclient")

    def _socket(self, socket) -> None:
        if urlsplit(socket.url).netloc != self.own:
            self.outside.append((self.where, socket.url))


def label(link) -> str:
    """A navigation link's title (its text also holds the icon's name, on a line before)."""
    return link.inner_text().strip().splitlines()[-1].strip()


def open_menu(page, menu: str):
    page.locator("header").get_by_text(menu, exact=True).click()
    links = page.locator("[data-testid=stTopNavDropdownLink]")
    links.first.wait_for(timeout=15_000)
    return links


def follow_link_cell(page, watch: Watch, grid, x: float, where: str) -> str:
    """Click the link in the first row of ``grid`` at ``x`` px from its left edge; the
    task opens in a new tab. Returns the new tab's address."""
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    spot = (box["x"] + x, box["y"] + HEADER + HEADER / 2)
    page.mouse.move(*spot)  # the grid opens a link only when the pointer is on its text
    page.wait_for_timeout(300)
    with page.context.expect_page(timeout=15_000) as opened:
        page.mouse.click(*spot)
    tab = opened.value
    watch.where = where
    wait_for_rerun(tab, timeout=60_000)
    tab.get_by_role("heading").first.wait_for(timeout=30_000)
    address = tab.url
    tab.close()
    return address


def test_no_page_asks_another_host_for_anything(browser, app):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    watch = Watch(context, app.url)
    page = context.new_page()
    opened: list[str] = []

    watch.where = "Tổng quan (first address)"
    page.goto(app.url)
    wait_for_rerun(page, timeout=60_000)
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    opened.append("Tổng quan")
    # The overview's list of tasks needing attention: its last column ("Xem →") links
    # to the task; the first row is the most overdue task.
    grid = page.locator("[data-testid=stDataFrame]").first
    width = grid.bounding_box()["width"]
    task = follow_link_cell(page, watch, grid, width - 80, "Tổng quan ▸ Xem → (new tab)")
    assert "nhiem-vu?ma=" in task, task
    opened.append(task)

    top = [label(link) for link in page.locator("[data-testid=stTopNavLink]").all()]
    for title in top[1:]:
        watch.where = title
        page.locator("[data-testid=stTopNavLink]").filter(has_text=title).click()
        wait_for_rerun(page, timeout=60_000)
        opened.append(title)
        if title == "Nhiệm vụ":  # the task search list: its first column links to a task
            grid = page.locator("[data-testid=stDataFrame]").first
            task = follow_link_cell(page, watch, grid, 30, "Nhiệm vụ ▸ mã (new tab)")
            assert "nhiem-vu?ma=" in task, task
            opened.append(task)
    for menu in MENUS:
        titles = [label(link) for link in open_menu(page, menu).all()]
        page.keyboard.press("Escape")
        for title in titles:
            watch.where = f"{menu} ▸ {title}"
            open_menu(page, menu).filter(has_text=title).click()
            wait_for_rerun(page, timeout=60_000)
            opened.append(f"{menu} ▸ {title}")
    watch.where = "(after the last page)"
    page.wait_for_timeout(1000)  # a late request (an icon, a font) is still seen

    # Every page of the app was opened: 5 in the top bar, 2 and 3 in the menus, 2 task links.
    assert len(opened) == 12, opened
    for page_title in ("Hộp thư", "Tải lên", "Lịch sử nhập", "Cách tính", "Quản trị"):
        assert any(page_title in title for title in opened), opened
    # The tab's icon is the app's own file.
    icon = urljoin(page.url, page.locator("link[rel='shortcut icon']").get_attribute("href"))
    screenshot(page, "no-outside-requests-last-page-1920")
    assert not watch.outside, "requests to other hosts:\n" + "\n".join(
        f"  on {where}: {url}" for where, url in watch.outside
    )
    assert urlsplit(icon).netloc == urlsplit(app.url).netloc, icon
    answer = context.request.get(icon)
    assert answer.ok and answer.headers["content-type"] == "image/png", icon
    context.close()
