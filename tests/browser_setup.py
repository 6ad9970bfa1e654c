"""What the browser tests (tests/test_site_browser.py) need besides Python: a Chromium
and axe-core. Run it before the tests (README, "Testen"; .ci/run); it does only what is
missing, so running it again costs next to nothing:

- Chromium: when none is found and this runs as root on a system with apt-get
  (Debian, Ubuntu, a CI container), ``apt-get install chromium``; otherwise it says
  how to install one. Playwright drives the browser of the system: its own download
  (``playwright install``) is not used.
- axe-core: ``npm ci`` in tests/ (the version of tests/package-lock.json), when
  tests/node_modules does not have it yet.

Nothing here is fatal: without a browser or npm the browser tests are skipped, and
pytest -ra says why.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")


def say(text: str) -> None:
    print(f"browsertests: {text}", flush=True)


def chromium() -> None:
    found = next((b for b in BROWSERS if shutil.which(b)), None)
    if found:
        return
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    if not (root and shutil.which("apt-get")):
        say(
            "geen Chromium gevonden; installeer het pakket chromium (bijv. "
            "'sudo apt-get install chromium'), anders worden de browsertests overgeslagen"
        )
        return
    say("Chromium installeren (apt-get install chromium) ...")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for args in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        if subprocess.run(args, env=env, check=False).returncode != 0:
            say(f"'{' '.join(args)}' mislukte; de browsertests worden overgeslagen")
            return


def axe() -> None:
    lock = json.loads((TESTS / "package-lock.json").read_text(encoding="utf-8"))
    wanted = lock["packages"]["node_modules/axe-core"]["version"]
    installed = TESTS / "node_modules" / "axe-core" / "package.json"
    if (
        installed.is_file()
        and json.loads(installed.read_text(encoding="utf-8")).get("version") == wanted
    ):
        return
    npm = shutil.which("npm")
    if npm is None:
        say("npm ontbreekt, dus axe-core ook; de browsertests worden overgeslagen")
        return
    say(f"axe-core {wanted} installeren (npm ci in tests/) ...")
    result = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TESTS, check=False
    )
    if result.returncode != 0:
        say("npm ci mislukte; de browsertests worden overgeslagen")


def main() -> int:
    chromium()
    axe()
    return 0


if __name__ == "__main__":
    sys.exit(main())
