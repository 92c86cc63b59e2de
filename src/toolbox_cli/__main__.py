"""Entry point of the ``toolbox`` command."""

from __future__ import annotations

import errno
import gc
import io
import os
import signal
import sys
from collections.abc import MutableMapping

EXIT_OUTPUT = 74  # the output could not be written (sysexits' EX_IOERR)
MAX_TERMINAL = 1000  # columns or lines: past this a value is a mistake, not a terminal
_OUTPUT_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF, errno.EPIPE}


def clamp_terminal_size(environ: MutableMapping[str, str]) -> None:
    """``COLUMNS``/``LINES`` that are not a sane size are capped or dropped: Rich and
    Typer would try to fill a line of 999,999,999,999 columns."""
    for name in ("COLUMNS", "LINES"):
        value = environ.get(name)
        if value is None:
            continue
        if not (value.isascii() and value.isdigit()) or int(value) == 0:
            del environ[name]
        elif int(value) > MAX_TERMINAL:
            environ[name] = str(MAX_TERMINAL)


def _say(key: str, **values: object) -> None:
    """One line on stderr, in the user's language (``--lang`` on the command line, else
    ``TOOLBOX_LANG``, else the locale), if stderr itself can be written."""
    from toolbox_cli.cli.usage import help_lang
    from toolbox_cli.i18n import t

    lang = help_lang(sys.argv[1:])
    try:
        if sys.stderr is not None:
            sys.stderr.write(t(lang, "error_line", line=t(lang, key, **values)) + "\n")
            sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _stdout_closed() -> bool:
    if sys.stdout is None:
        return True
    try:
        os.fstat(sys.stdout.fileno())
    except io.UnsupportedOperation:  # not a file (tests): it can be written
        return False
    except (OSError, ValueError):
        return True
    return False


def _silence_stdout() -> None:
    """After a failed write, Python would try again at exit and print a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        sys.stdout = None


def _run() -> int | str | None:
    from toolbox_cli.cli.commands import app

    code: int | str | None = None
    try:
        app()  # Typer's standalone mode always ends with SystemExit
    except SystemExit as done:
        code = done.code
    sys.stdout.flush()  # a full disk shows here, not at exit
    return code


def main() -> None:
    """Run the CLI; a closed pipe, a full disk or Ctrl-C end it with one line at most
    and the documented exit codes (README, "Exit codes"). The cycle collector, off
    during the run, is on again after it: a program (or a test) that calls ``main``
    goes on collecting its cycles (SQLite connections are freed in one)."""
    try:
        _main()
    finally:
        gc.enable()


def _main() -> None:
    # A short-lived command: reference counting frees what it makes, and the cycle
    # collector would only rescan the growing heap while a big catalogue loads.
    gc.disable()
    if hasattr(signal, "SIGPIPE"):
        # When the reader goes away (| head), end quietly like any Unix filter.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    clamp_terminal_size(os.environ)
    if _stdout_closed():
        _say("output_closed")
        sys.exit(EXIT_OUTPUT)
    for stream in (sys.stdout, sys.stderr):
        # Text for people in a locale that cannot spell it: a '?' rather than a crash
        # (JSON and Markdown are written as UTF-8 bytes, see export.write_text).
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    try:
        code = _run()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(130)
    except BrokenPipeError:
        # Where there is no SIGPIPE: stop writing, and don't complain at exit.
        _silence_stdout()
        sys.exit(141)
    except OSError as error:
        if error.errno not in _OUTPUT_ERRORS:
            raise
        _silence_stdout()
        from toolbox_cli.i18n import os_reason

        _say("output_failed", **os_reason(error))
        sys.exit(EXIT_OUTPUT)
    sys.exit(code)


def console() -> None:
    """The installed ``toolbox`` command: ``main``, then, once stdout and stderr are
    flushed, an end without the interpreter's teardown (freeing every module and
    object one by one: a fifth of a short run). The exit code is ``main``'s; anything
    unusual at the end (a flush that fails, an exit code that is not a number) takes
    the ordinary way out, which says it as before."""
    try:
        _main()  # the collector stays off: the process ends without collecting
        code: object = 0
    except SystemExit as done:
        code = done.code
    if code is None:
        code = 0
    if not isinstance(code, int) or isinstance(code, bool):
        raise SystemExit(code)
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except BaseException:
        raise SystemExit(code) from None
    os._exit(code & 0xFF)


if __name__ == "__main__":
    main()
