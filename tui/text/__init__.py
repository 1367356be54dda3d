"""Vietnamese text handling: normalisation, search folding, numbers, dates and sorting.

Pure functions only; nothing here imports Textual.
"""
