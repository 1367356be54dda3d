"""Ward Reader: a terminal reader for coverage of Vietnam's 2025 ward Party congresses."""

__version__ = "0.1.0"
