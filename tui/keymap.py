"""A user keymap: remap any binding by its id (``reader.find: ctrl+f``).

Read from ``keymap.yaml`` in the user config dir (or ``$WARD_READER_KEYMAP``), safely;
a broken file is reported and ignored rather than stopping the app.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir

from .errors import DataError

__all__ = ["KEYMAP_ENV_VAR", "keymap_path", "load_keymap"]

KEYMAP_ENV_VAR = "WARD_READER_KEYMAP"


def keymap_path() -> Path:
    override = os.environ.get(KEYMAP_ENV_VAR)
    if override:
        return Path(override)
    return Path(user_config_dir("ward-reader", appauthor=False)) / "keymap.yaml"


def load_keymap(path: Path | None = None) -> dict[str, str]:
    """``{binding id: "key[,key]"}``; empty when there is no file. Raises DataError."""
    path = path or keymap_path()
    if not path.is_file():
        return {}
    from .wardfile import load_yaml

    data = load_yaml(path)
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise DataError(path, 1, 'expected lines like "reader.find: ctrl+f"')
    return dict(data)
