"""The static site (``toolbox site``): the catalogue's pages and the questionnaire that
runs the engine in the browser; its JavaScript, a few lines of glue, is package data."""
