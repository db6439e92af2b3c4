"""A real browser (Debian's headless Chromium, driven by Selenium through Debian's chromium-driver)
against a real server: two teams play whole games, one of them by keyboard alone, the facilitator
releases a pause from the console (the team's page notices by itself) and downloads the report.

Without Chromium and its driver the test is skipped with the reason, except in CI (CI=true), where
it fails: `.ci/run` installs both."""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.workshop.files import read_session
from tests.web_support import make_workshop, start

pytestmark = pytest.mark.xdist_group("web_browser")

CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"


def _missing() -> str:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed (Debian package chromium)"
    if not (Path(DRIVER).exists() or shutil.which("chromedriver")):
        return f"{DRIVER} is not installed (Debian package chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    return ""


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    missing = _missing()
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the browser test must run in CI, but {missing}")
        pytest.skip(f"no browser to test with: {missing}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(arg)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER if Path(DRIVER).exists() else shutil.which("chromedriver")),
                              options=options)
    driver.downloads = downloads  # type: ignore[attr-defined]
    try:
        yield driver
    finally:
        driver.quit()


def _has(driver, css: str) -> bool:  # type: ignore[no-untyped-def]
    return bool(driver.find_elements("css selector", css))


# What a team's page shows once loaded: the ending, a pause, an event to answer, or a turn to plan.
SCREENS = ".card.ending, .card.pause, form[action$='/choose'], input[name=pick]"


def _gone(driver, element, seconds: float = 15) -> None:  # type: ignore[no-untyped-def]
    """Wait until the page that held ``element`` has been replaced by the next one."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, seconds).until(expected_conditions.staleness_of(element))


def _wait(driver, css: str, present: bool = True, seconds: float = 15) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if _has(driver, css) == present:
            return
        time.sleep(0.2)
    raise AssertionError(f"{css} {'never appeared' if present else 'never went'}: {driver.current_url}\n{driver.page_source[:3000]}")


def _play(driver, url: str, console: str, *, keyboard: bool) -> list[str]:  # type: ignore[no-untyped-def]
    """Play the team's game in its own tab to the debrief; the screens met."""
    from selenium.webdriver.common.keys import Keys

    seat_tab = driver.current_window_handle
    driver.get(url)
    seen: list[str] = []
    for _ in range(80):
        _wait(driver, SCREENS)  # a page of the game has loaded, not one on its way out
        if _has(driver, ".card.ending"):
            seen.append("ending")
            return seen
        if _has(driver, ".card.pause"):
            seen.append("pause")
            driver.switch_to.new_window("tab")
            driver.get(console)
            driver.find_element("xpath", "//button[normalize-space()='Release every waiting team']").click()
            _wait(driver, ".notice")
            driver.close()
            driver.switch_to.window(seat_tab)
            _wait(driver, ".card.pause", present=False)  # the page's script saw the release by itself
            continue
        if _has(driver, "form[action$='/choose']"):
            seen.append("event")
            answer = driver.find_element("css selector", "ol.answers button")
            answer.click()
            _gone(driver, answer)
            continue
        seen.append("turn")
        boxes = [b for b in driver.find_elements("css selector", "input[name=pick]") if b.is_enabled()]
        if keyboard:
            boxes[0].send_keys(Keys.SPACE)
            assert boxes[0].is_selected()
            if len(seen) == 1:  # forecast the plan first: the page comes back with it still ticked
                driver.find_element("xpath", "//button[normalize-space()='Forecast this plan']").send_keys(Keys.ENTER)
                _wait(driver, ".forecast")
                assert "Success" in driver.find_element("css selector", ".forecast").text
                assert driver.find_elements("css selector", "input[name=pick]:checked")
            driver.find_element("xpath", "//button[normalize-space()='Play the turn']").send_keys(Keys.ENTER)
        else:
            boxes[0].click()
            driver.find_element("xpath", "//button[normalize-space()='Play the turn']").click()
        _gone(driver, boxes[0])
    raise AssertionError(f"the game did not end: {seen[-8:]}")


def test_two_teams_play_whole_games_in_a_browser(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    driver = browser
    w = make_workshop(tmp_path)
    proc, teams, console, _ = start(w.folder)
    try:
        red = _play(driver, teams["Red"], console, keyboard=True)
        blue = _play(driver, teams["Blue"], console, keyboard=False)
        for seen in (red, blue):
            assert seen.count("pause") == len(w.pauses()) and seen[-1] == "ending"
        for team in ("Red", "Blue"):
            saved = read_session(w.session_path(team))
            assert saved.status == "ended" and saved.released == [p.after_turn for p in w.pauses()]
        assert "What if" in driver.page_source
        driver.find_element("link text", "What if").click()
        _wait(driver, "tr.you")
        driver.get(console)
        assert driver.find_element("css selector", "table.board").text.count("ended") >= 2
        driver.find_element("link text", "Download report.html").click()
        report = driver.downloads / "report.html"
        end = time.monotonic() + 30
        while time.monotonic() < end and not (report.exists() and report.stat().st_size > 0):
            time.sleep(0.2)
        assert report.exists() and "Red" in report.read_text(encoding="utf-8")
        problems = [entry["message"] for entry in driver.get_log("browser")
                    if entry["level"] == "SEVERE" or "Content Security Policy" in entry["message"]]
        assert problems == []  # no script or style refused, nothing failed to load
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
