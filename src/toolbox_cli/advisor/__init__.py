"""The advisor: the answers it is given, the pure engine, the result it returns."""
