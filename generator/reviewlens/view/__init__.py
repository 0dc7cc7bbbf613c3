"""Stage 5a: the view model: analysis records in, one plain record per page out (pages.py,
reportpage.py), with every address, word, table, chart and line mark decided here."""
