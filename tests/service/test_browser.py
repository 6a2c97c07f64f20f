"""The explain page in headless Debian Chromium (selenium + the system chromedriver, no downloads)."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.service.conftest import SEEDS

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() or not CHROMEDRIVER.exists(),
    reason="Debian chromium / chromium-driver not installed (.ci/run installs them: "
           "apt-get install chromium chromium-driver)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,2000"]


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_AVOID_STATS", "true")
    profile = tempfile.mkdtemp(prefix="extractor-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _seed_with_donation():
    seeds = [s for s in SEEDS if s.lines("donation")]
    assert seeds, "no seed has a donation-labelled line"
    return max(seeds, key=lambda s: len(s.lines("donation")))


@pytest.mark.timeout(120)
def test_explain_page_highlights_the_donation_appeal(gunicorn_server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    seed = _seed_with_donation()
    browser.get(gunicorn_server.url + "/")
    textarea = browser.find_element(By.ID, "input")
    # "Paste": set the whole seed at once, as a paste does, then fire the input event.
    browser.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        textarea, seed.text)
    assert browser.find_element(By.ID, "mode").get_attribute("value") == "balanced"
    browser.find_element(By.ID, "run").click()
    WebDriverWait(browser, 30).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-state"))
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-state") == "done", \
        browser.find_element(By.ID, "error").text
    WebDriverWait(browser, 10).until(EC.visibility_of_element_located((By.ID, "result")))

    # The cleaned article holds the body.
    cleaned = browser.find_element(By.ID, "text").text
    for line in seed.lines("body")[:3]:
        assert " ".join(line.split())[:60] in " ".join(cleaned.split())

    # Every block is listed; the donation appeal is among the removed ones, highlighted, with a
    # category badge and its reason.
    donation = {" ".join(t.split()) for t in seed.lines("donation")}
    removed = browser.find_elements(By.CSS_SELECTOR, "#blocks li.block.removed")
    assert removed
    hits = [li for li in removed
            if " ".join(li.find_element(By.CSS_SELECTOR, ".t").text.split()) in donation]
    assert hits, "no donation-labelled line is shown as removed"
    for li in hits:
        badge = li.find_element(By.CSS_SELECTOR, ".badge")
        assert badge.is_displayed() and badge.text == li.get_attribute("data-category")
        assert li.get_attribute("data-reason")
        assert f"cat-{li.get_attribute('data-category')}" in li.get_attribute("class")
        background = li.value_of_css_property("background-color")
        assert background not in ("rgba(255, 255, 255, 1)", "rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    kept = browser.find_elements(By.CSS_SELECTOR, "#blocks li.block.kept")
    assert kept and all(li.value_of_css_property("background-color") == "rgba(255, 255, 255, 1)" for li in kept)
    # The legend counts removed blocks per category.
    assert browser.find_element(By.ID, "legend").text
