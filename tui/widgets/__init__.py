"""The app's widgets: each receives models, never paths."""
