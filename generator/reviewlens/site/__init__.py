"""Stage 5: the view model and the pages, rendered through autoescaping templates."""
