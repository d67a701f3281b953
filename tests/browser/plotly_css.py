"""The CSS rules plotly.js would inject into the page, kept as static/vendor/plotly/plotly.css.

Under the Content Security Policy pages may not carry inline <style>: they link this file with
the id and class plotly.js looks for (`plotly.js-style-global`, `no-inline-styles`), and
plotly.js then injects nothing. A browser test compares the file with what the pages' bundle
(static/plotly/plotly.min.js, `make plotly`) injects; after upgrading plotly.js, regenerate it:

    .venv/bin/python -m tests.browser.plotly_css
"""

from pathlib import Path

from playwright.sync_api import sync_playwright

STATIC = Path(__file__).resolve().parents[2] / "static"
PLOTLY_JS = STATIC / "plotly" / "plotly.min.js"
CSS = STATIC / "vendor" / "plotly" / "plotly.css"
HEADER = (
    "/* The rules plotly.js injects at load, extracted by tests/browser/plotly_css.py from the "
    "plotly.js the pages load: pages link them instead (no inline style). */\n"
)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def injected_rules(page) -> str:
    """Load plotly.js in a blank page and read back the rules it injected, in its order."""
    page.set_content("<!doctype html><html><head></head><body></body></html>")
    page.add_script_tag(path=str(PLOTLY_JS))
    rules = page.evaluate(
        "Array.from(document.getElementById('plotly.js-style-global').sheet.cssRules)"
        ".map(rule => rule.cssText)"
    )
    return HEADER + "\n".join(reversed(rules)) + "\n"  # plotly inserts each rule first


if __name__ == "__main__":
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        CSS.write_text(injected_rules(browser.new_page()))
        browser.close()
    print(f"written: {CSS}")
