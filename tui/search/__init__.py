"""Vietnamese-aware search: one set of matching rules for every search in the app.

* ``query``: parse what the user typed (terms, phrases, smart case, smart accents).
* ``matcher``: find matches in an article's blocks, as offsets into the original text.
* ``index``: a corpus-wide SQLite FTS5 index, ranked hits with snippets.

Import the submodules directly: the package imports nothing itself, so the reader's
find (``matcher``) does not pull the SQLite index into the app's start-up.
Nothing here imports Textual: the widgets call in, never the other way round.
"""
