"""Reading and writing files: the one bounded YAML reader, the one safe writer."""
