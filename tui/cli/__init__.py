"""The ``ward-reader`` command line: run the app, check, import, facts, generate."""
