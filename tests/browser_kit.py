"""What the browser tests share (not a test module): a site served on 127.0.0.1, Chromium
driven by Playwright, a guard that fails any request leaving the origin, axe-core."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from toolbox_cli.site.serve import server


@contextmanager
def served(directory: Path) -> Iterator[str]:
    """``directory`` on http://127.0.0.1:PORT (a free port), for the time of the block."""
    httpd = server(directory)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


class Guard:
    """Every request of a browser context: those leaving ``origin`` are refused and kept,
    for the test to fail on."""

    def __init__(self, context: Any, origin: str) -> None:
        self.origin = origin
        self.foreign: list[str] = []
        context.route(re.compile(r".*"), self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.origin + "/") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()


def axe_violations(page: Any, axe_js: Path) -> list[dict[str, Any]]:
    """axe-core's violations of WCAG 2.1 A and AA on the page as it is."""
    page.add_script_tag(path=str(axe_js))
    found: list[dict[str, Any]] = page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
            .map(v => ({id: v.id, impact: v.impact,
                        nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"""
    )
    return found


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))
