"""The command line: the Typer app, its help and errors, the terminal dialogues."""
