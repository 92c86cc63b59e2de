"""GitHub Actions annotations: one ``::error`` workflow command per catalogue issue.

GitHub reads a line ``::error file=F,line=L,title=T::MESSAGE`` on a step's output
as an error on line L of file F. The escaping is GitHub's own (``@actions/core``,
``command.ts``): in the message ``%``, ``\\r`` and ``\\n``; in a property also ``:``
and ``,``, which would otherwise end it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolbox_cli.i18n import Lang, t

if TYPE_CHECKING:
    from toolbox_cli.catalogue.validate import CatalogueIssue


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(issue: CatalogueIssue, lang: Lang) -> str:
    """The ``::error`` line of ``issue``, its message in ``lang``."""
    properties = [f"file={escape_property(issue.file)}"]
    if issue.line is not None:
        properties.append(f"line={issue.line}")
    properties.append(f"title={escape_property(t(lang, 'github_title'))}")
    message = ": ".join(part for part in (issue.field, issue.text(lang)) if part)
    return f"::error {','.join(properties)}::{escape_data(message)}"
