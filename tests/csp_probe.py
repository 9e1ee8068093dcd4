"""Reads the CSP test site in Chromium in a process of its own (the browser tests' session already
drives one Playwright instance, and Playwright's sync API allows one per process); prints JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from .test_browser import CHROMIUM, CHROMIUM_ARGS

DATASET = "Object.assign({}, document.documentElement.dataset)"


def main(base_url: str) -> None:
    assert Path(CHROMIUM).is_file(), "Debian's chromium is required: apt-get install chromium"
    report: dict[str, object] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))

        page.goto(f"{base_url}/background/", wait_until="networkidle")
        page.wait_for_timeout(300)
        report["smuggled"] = {"ran": page.evaluate(DATASET), "errors": list(errors)}
        errors.clear()

        page.goto(f"{base_url}/404.html", wait_until="networkidle")
        report["404"] = {"errors": list(errors)}
        errors.clear()

        for path in ("", "timeline/", "sources/", "data/"):
            page.goto(f"{base_url}/{path}", wait_until="networkidle")
            report[f"page:{path}"] = {"ran": page.evaluate(DATASET)}
        before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== {before!r}", timeout=5000)
        report["palette"] = [before, page.evaluate("document.body.getAttribute('data-md-color-scheme')")]
        page.locator("input.md-search__input").click()
        page.keyboard.type("Testville")
        page.locator(".md-search-result__item").first.wait_for(timeout=15000)
        report["search_results"] = page.locator(".md-search-result__item").count()
        report["theme_errors"] = list(errors)
        browser.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1])
