"""Screenshots of the workshop in the browser for the facilitator guide: a team's seat and the console,
in English and French, taken in headless Chromium (Debian's, through its chromium-driver).

    .venv/bin/python docs/screenshots/web_capture.py

Writes web-seat-1280x1000.png, web-seat-fr-1280x1000.png, web-console-1280x900.png and
web-console-fr-1280x900.png beside this file.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from game.web.serve import read_addresses

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def start(folder: Path, lang: str) -> tuple[subprocess.Popen[str], dict[str, str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "game", "workshop", "serve", str(folder), "--port", "0", "--lang", lang],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    assert proc.stdout is not None
    teams, console = read_addresses(proc.stdout)
    return proc, teams, console


def browser(width: int, height: int):  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--window-size={width},{height}"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def play(driver, url: str, turns: int) -> None:  # type: ignore[no-untyped-def]
    driver.get(url)
    played = 0
    while played < turns:
        time.sleep(0.4)  # let the page the last click asked for load
        if driver.find_elements("css selector", "ol.answers button"):
            driver.find_elements("css selector", "ol.answers button")[0].click()
            continue
        boxes = [b for b in driver.find_elements("css selector", "input[name=pick]") if b.is_enabled()]
        if not boxes:  # a pause or the end
            return
        boxes[played % len(boxes)].click()
        driver.find_element("css selector", "button.primary").click()
        played += 1
        print(f"  {url[-8:]} played {played}: {driver.title}")


def capture(lang: str, suffix: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="web-shots-")) / "ws"
    teams = "Red,Blue,Green,Amber" if lang == "en" else "Rouge,Bleue,Verte,Ambre"
    subprocess.run([sys.executable, "-m", "game", "workshop", "new", str(folder), "--scenario", "system_reform",
                    "--teams", teams, "--seed", "11", "--decision-seconds", "300", "--lang", lang],
                   check=True, capture_output=True, cwd=ROOT)
    proc, urls, console = start(folder, lang)
    names = list(urls)
    try:
        driver = browser(1280, 1000)
        try:
            play(driver, urls[names[1]], 4)  # to the first discussion pause
            for _ in range(10):  # answering any event that came with the fourth turn
                answers = driver.find_elements("css selector", "ol.answers button")
                if not answers:
                    break
                answers[0].click()
                time.sleep(0.4)
            play(driver, urls[names[0]], 2)
            from selenium.webdriver.support.ui import Select

            driver.get(console)
            row = f"//tr[th[normalize-space()='{names[2]}']]"
            Select(driver.find_element("xpath", row + "//select")).select_by_value("balanced")
            driver.find_element("xpath", row + "//button").click()
            driver.get(urls[names[0]])
            boxes = []
            for _ in range(150):  # answer any waiting event, then find the turn's options
                answers = driver.find_elements("css selector", "ol.answers button")
                if answers:
                    answers[0].click()
                    continue
                boxes = [b for b in driver.find_elements("css selector", "input[name=pick]") if b.is_enabled()]
                if len(boxes) > 1:
                    break
                time.sleep(0.3)
            boxes[1].click()
            driver.find_element("css selector", "button.secondary").click()
            time.sleep(1.0)
            driver.save_screenshot(str(HERE / f"web-seat{suffix}-1280x1000.png"))
            driver.set_window_size(1280, 900)
            driver.get(console)
            time.sleep(0.5)
            driver.save_screenshot(str(HERE / f"web-console{suffix}-1280x900.png"))
        finally:
            driver.quit()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)


if __name__ == "__main__":
    languages = sys.argv[1:] or ["en", "fr"]  # or name one: web_capture.py fr
    for code in languages:
        capture(code, "" if code == "en" else f"-{code}")
