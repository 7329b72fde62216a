#!/usr/bin/env python3
"""The status console in a real browser (docs/service.md, "The status console").

Starts `statute serve` on 127.0.0.1 (a free port) with a ledger store holding one record
and a users file with one member of staff, opens the console in headless Chromium through
Selenium and signs in with her personal token. Then:

- picks the certification policy, fills the form for an Active certification completed
  2025-01-31 that expires after 13 months with the notice setting at 0, today 2026-02-20,
  submits it, and checks the answer: Active, the next change to Expired on 2026-02-28,
  and the words that the notice setting is 0;
- looks the stored record up by id on the policy page, reads its status and history, and
  pauses the enrollment with a reason: the page then shows Inactive, and the history
  names her, her role and the reason.

Saves a screenshot of the answer, and one of the record page beside it.

Usage: console_test.py [--statute PATH] [--screenshot PATH]...
Needs: chromium, chromium-driver (Debian) and selenium (PyPI). Bounded: every wait has a
timeout, and the whole run is stopped after 120 s.
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager reach the network

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


RECORD_ID = "enrol-42"


def prepare_records(statute, folder):
    """A ledger store with one record (applied for, so it has a history), and a member of staff.
    Returns her personal token, printed once by `statute users add`."""
    store = "sqlite:" + os.path.join(folder, "ledger.db")
    policy = os.path.join(folder, "policies", "certification.yaml")
    subprocess.run([statute, "ledger", "init", "--store", store], check=True, stdout=subprocess.DEVNULL, timeout=60)
    record = '{"id": "%s", "event": "apply", "facts": {"components": {"required": 3, "completed": 1}}}\n' % RECORD_ID
    subprocess.run([statute, "ledger", "import", "--store", store, "--policy", policy], input=record.encode(),
                   check=True, stdout=subprocess.DEVNULL, timeout=60)
    added = subprocess.run([statute, "users", "add", "Ann Clerk", "--role", "staff", "--file", os.path.join(folder, "users.yaml")],
                           check=True, capture_output=True, timeout=60)
    return store, added.stdout.decode().strip()


def start_server(statute, folder):
    # The server runs in `folder`: a relative path to the binary is made absolute first.
    statute = os.path.abspath(statute)
    store, token = prepare_records(statute, folder)
    log = open(os.path.join(folder, "stderr"), "w+")
    process = subprocess.Popen([statute, "serve", "--policy", os.path.join(folder, "policies"), "--port", "0",
                                "--store", store, "--users", os.path.join(folder, "users.yaml")],
                               stdout=subprocess.DEVNULL, stderr=log, cwd=folder)
    deadline = time.time() + 60
    while time.time() < deadline:
        log.seek(0)
        found = re.search(r"listening on (http://127\.0\.0\.1:\d+)", log.read())
        if found:
            return process, found.group(1), token
        if process.poll() is not None:
            break
        time.sleep(0.2)
    log.seek(0)
    process.kill()
    sys.exit("console_test: the server did not start:\n" + log.read())


def browser():
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1100,1900", "--lang=en-US"]:
        options.add_argument(argument)
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if binary:
        options.binary_location = binary
    driver_path = shutil.which("chromedriver") or "/usr/lib/chromium/chromedriver"
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(30)
    return driver


def set_value(driver, element, value):
    """Types into a field; date fields get their value set as the browser's date picker would."""
    if element.get_attribute("type") == "date":
        driver.execute_script(
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", element, value)
    else:
        element.clear()
        element.send_keys(value)


def run(statute, screenshots):
    folder = tempfile.mkdtemp(prefix="statute-console-")
    os.makedirs(os.path.join(folder, "policies"))
    shutil.copy(os.path.join(ROOT, "policies", "certification.yaml"), os.path.join(folder, "policies"))
    server, base, token = start_server(statute, folder)
    driver = None
    try:
        driver = browser()
        wait = WebDriverWait(driver, 20)
        driver.get(base + "/")
        # The console asks who is there: she signs in with her own token.
        wait.until(EC.presence_of_element_located((By.ID, "token")))
        driver.find_element(By.ID, "token").send_keys(token)
        driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        wait.until(EC.title_contains("Policies"))
        assert "Policies" in driver.title, driver.title
        # Pick the certification policy, then its "Why this status, and what next?" form.
        driver.find_element(By.LINK_TEXT, "Certification enrollment statuses").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "figure.diagram svg")))
        driver.find_element(By.PARTIAL_LINK_TEXT, "Why this status").click()
        wait.until(EC.presence_of_element_located((By.ID, "decide")))

        # Fields are found by their labels, as a person (or a screen reader) finds them.
        def field(label):
            target = driver.find_element(By.XPATH, f"//label[normalize-space()={label!r}]").get_attribute("for")
            return driver.find_element(By.ID, target)

        Select(field("Current status")).select_by_visible_text("Active (active)")
        set_value(driver, field("Completion date"), "2025-01-31")
        set_value(driver, field("Expires after (months)"), "13")
        set_value(driver, field("Send 'Certification Expiring' Emails n Days Before Expiration"), "0")
        set_value(driver, field("Today"), "2026-02-20")
        driver.find_element(By.ID, "f-request-evaluate").click()
        Select(field("Role")).select_by_value("staff")
        driver.find_element(By.CSS_SELECTOR, "#decide button[type=submit]").click()

        wait.until(EC.presence_of_element_located((By.ID, "result-status")))
        status = driver.find_element(By.ID, "result-status").text
        following = driver.find_element(By.ID, "result-next").text
        settings = driver.find_element(By.ID, "result-settings").text
        words = driver.find_element(By.ID, "result-words").text
        assert status.startswith("Active"), status
        assert "Expired" in following and "2026-02-28" in following, following
        assert re.search(r"expiring_notice_days .* is 0", settings), settings
        assert "settings.expiring_notice_days = 0" in words, words
        # The answer is in focus for keyboard and screen-reader users.
        focused = driver.execute_script("return document.activeElement && document.activeElement.id")
        assert focused == "answer-box", focused
        driver.execute_script("window.scrollTo(0, 0)")
        for path in screenshots:
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
            driver.save_screenshot(path)
            print(f"console_test: screenshot saved to {path}")

        # The stored record: looked up by id on the policy page.
        driver.find_element(By.LINK_TEXT, "certification").click()
        wait.until(EC.presence_of_element_located((By.ID, "look-up")))
        driver.find_element(By.ID, "record-id").send_keys(RECORD_ID)
        driver.find_element(By.CSS_SELECTOR, "#look-up button[type=submit]").click()
        wait.until(EC.presence_of_element_located((By.ID, "record-status")))
        assert RECORD_ID in driver.find_element(By.TAG_NAME, "h1").text
        assert driver.find_element(By.ID, "record-status").text.startswith("In Progress")
        rows = driver.find_elements(By.CSS_SELECTOR, "#history tbody tr")
        assert len(rows) == 1 and "apply" in rows[0].text and "system" in rows[0].text, [row.text for row in rows]
        assert driver.find_element(By.ID, "person").text == "Ann Clerk"
        # A manual change her role may make, with a reason.
        driver.find_element(By.CSS_SELECTOR, "#change input[value=deactivate]").click()
        driver.find_element(By.ID, "reason").send_keys("on parental leave until June")
        driver.find_element(By.CSS_SELECTOR, "#change button[type=submit]").click()
        wait.until(EC.presence_of_element_located((By.ID, "notice")))
        assert "version 2" in driver.find_element(By.ID, "notice").text
        assert driver.find_element(By.ID, "record-status").text.startswith("Inactive")
        newest = driver.find_elements(By.CSS_SELECTOR, "#history tbody tr")[0].text
        assert "deactivate" in newest and "Ann Clerk" in newest and "as staff" in newest, newest
        assert "on parental leave until June" in newest, newest
        for path in screenshots:
            root, extension = os.path.splitext(path)
            driver.save_screenshot(root + "-record" + (extension or ".png"))
        print(f"console_test: passed — {status}; {following}; record {RECORD_ID}: {newest}")
    finally:
        if driver is not None:
            driver.quit()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--statute", default=os.path.join(ROOT, ".build", "debug", "statute"))
    parser.add_argument("--screenshot", action="append", default=[])
    arguments = parser.parse_args()
    signal.signal(signal.SIGALRM, lambda *_: sys.exit("console_test: timed out after 120 s"))
    signal.alarm(120)
    run(arguments.statute, arguments.screenshot or [os.path.join(ROOT, ".build", "console.png")])


if __name__ == "__main__":
    main()
