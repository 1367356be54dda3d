"""Domain code must not import Textual: it is used by the CLI, tests and benchmarks."""

from __future__ import annotations

import subprocess
import sys

DOMAIN_MODULES = [
    "tui.models",
    "tui.repository",
    "tui.wardfile",
    "tui.validate",
    "tui.register",
    "tui.catalog",
    "tui.facts",
    "tui.article_layout",
    "tui.state",
    "tui.keymap",
    "tui.corpus_search",
    "tui.text.fold",
    "tui.text.numbers",
    "tui.text.collate",
    "tui.cli.main",
    "tui.cli.check_cmd",
]


def test_domain_modules_import_no_textual() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        f"mods = {DOMAIN_MODULES!r}\n"
        "for pkg in ('tui.text', 'tui.ingest', 'tui.search'):\n"
        "    try:\n"
        "        package = importlib.import_module(pkg)\n"
        "    except ModuleNotFoundError:\n"
        "        continue\n"
        "    mods += [pkg + '.' + m.name for m in pkgutil.iter_modules(package.__path__)]\n"
        "for name in mods:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(len(mods), leaked)\n"
        "sys.exit(1 if leaked else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
