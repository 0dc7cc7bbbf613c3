"""Stage 5b: the pages rendered to HTML through autoescaping Jinja templates (render.py), with the
highlighted code, the report text, the search entries and each page's Content-Security-Policy."""
