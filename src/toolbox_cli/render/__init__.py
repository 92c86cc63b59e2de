"""Renderers: results put into words for people, Markdown, JSON and HTML."""
