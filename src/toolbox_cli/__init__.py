"""toolbox: choose the right tools to build research-territory partnerships."""

__version__ = "0.1.0"
