"""Entry point of the ``toolbox`` command."""

from __future__ import annotations

import gc
import os
import signal
import sys


def main() -> None:
    """Run the CLI; a closed pipe or Ctrl-C ends it quietly with the usual exit codes."""
    # A short-lived command: reference counting frees what it makes, and the cycle
    # collector would only rescan the growing heap while a big catalogue loads.
    gc.disable()
    if hasattr(signal, "SIGPIPE"):
        # When the reader goes away (| head), end quietly like any Unix filter.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    for stream in (sys.stdout, sys.stderr):
        # Text for people in a locale that cannot spell it: a '?' rather than a crash
        # (JSON and Markdown are written as UTF-8 bytes, see export.write_text).
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    try:
        from .cli import app

        app()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(130)
    except BrokenPipeError:
        # Where there is no SIGPIPE: stop writing, and don't complain at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(141)


if __name__ == "__main__":
    main()
