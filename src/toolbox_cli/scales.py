"""The scales, defined once (no Pydantic here: light paths and renderers read them).

Partnership levels, families of tools, and maturity: the highest level already
practised together, 0 for none yet.
"""

LEVELS = range(1, 6)
FAMILIES = range(1, 5)
MATURITIES = range(0, 6)
