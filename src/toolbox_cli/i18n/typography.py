"""French typography for what people read: the spaces a line must not break at.

The French messages (``locale/fr/LC_MESSAGES/toolbox.po``), cards and the vocabulary
are written with plain spaces, as a translator or the documents type them. A French
message is typeset when it is looked up (``i18n``); card text before it is shown to
people (Rich) or in Markdown. A space before ``:`` ``;`` ``?`` ``!`` ``»`` or after
``«`` becomes a narrow no-break space (U+202F), and a level or step number is held to
its word ("niveau 4", "étape 2", a message's "niveau {level}") by a no-break space
(U+00A0). English puts no space there, so English text is left as it is. JSON keeps
card text as written.
"""

from __future__ import annotations

import functools
import re

NARROW_NO_BREAK, NO_BREAK = "\u202f", "\u00a0"


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Compiled when first needed: a ``--json`` run imports this module and never
    typesets anything."""
    return (
        re.compile(r"[ \u00a0]+(?=[:;?!»])"),  # a space before a high mark
        re.compile(r"(?<=«)[ \u00a0]+"),  # a space after an opening quote
        # "niveau d'intensité 4", "étape 2": a number is never carried alone to the
        # next line
        re.compile(r"\b(niveaux?|intensité|étape) (\d|\{)", re.IGNORECASE),
    )


def typeset(text: str) -> str:
    """``text`` with the no-break spaces French typography wants."""
    if " " not in text:
        return text
    before_mark, after_quote, numbered = _patterns()
    text = before_mark.sub(NARROW_NO_BREAK, text)
    if "«" in text:
        text = after_quote.sub(NARROW_NO_BREAK, text)
    return numbered.sub(f"\\1{NO_BREAK}\\2", text)
