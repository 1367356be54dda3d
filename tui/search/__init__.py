"""Vietnamese-aware search: one set of matching rules for every search in the app.

* ``query``: parse what the user typed (terms, phrases, smart case, smart accents).
* ``matcher``: find matches in an article's blocks, as offsets into the original text.
* ``index``: a corpus-wide SQLite FTS5 index, ranked hits with snippets.

Nothing here imports Textual: the widgets call in, never the other way round.
"""

from tui.search.index import CorpusIndex, Hit, IndexedDoc, SearchResults
from tui.search.matcher import Match, find_matches, snippet
from tui.search.query import FoldMode, Query, Term, parse_query

__all__ = [
    "CorpusIndex",
    "FoldMode",
    "Hit",
    "IndexedDoc",
    "Match",
    "Query",
    "SearchResults",
    "Term",
    "find_matches",
    "parse_query",
    "snippet",
]
