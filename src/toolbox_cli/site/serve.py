"""``toolbox site DIR --serve``: the site previewed on 127.0.0.1, a free port said on
stderr; Ctrl-C ends it cleanly (no traceback)."""

from __future__ import annotations

import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from toolbox_cli.errors import ToolboxError
from toolbox_cli.i18n import Lang, t
from toolbox_cli.safetext import path_text


class _Quiet(SimpleHTTPRequestHandler):
    """Files of the site only; no log line per request on the terminal."""

    extensions_map = {  # noqa: RUF012 (the base class declares it so)
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass


def server(directory: Path, port: int = 0) -> ThreadingHTTPServer:
    """An HTTP server of ``directory`` on 127.0.0.1 (``port`` 0: a free one)."""
    handler = functools.partial(_Quiet, directory=str(directory))
    return ThreadingHTTPServer(("127.0.0.1", port), handler)


def serve(directory: Path, lang: Lang) -> None:
    if not (directory / "index.html").is_file():
        raise ToolboxError("site_not_written", path=path_text(directory))
    with server(directory) as httpd:
        sys.stderr.write(t(lang, "site_serving", port=httpd.server_address[1]) + "\n")
        sys.stderr.flush()
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            sys.stderr.write("\n" + t(lang, "site_stopped") + "\n")
