"""Screens beyond the main reader: help, corpus search."""
