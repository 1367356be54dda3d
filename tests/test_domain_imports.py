"""Domain code must not import Textual: it is used by the CLI, tests and benchmarks."""

from __future__ import annotations

import subprocess
import sys

DOMAIN_MODULES = [
    "tui.models",
    "tui.units",
    "tui.cache",
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


def test_start_up_imports_leave_out_what_the_first_frame_does_not_need() -> None:
    """What the app imports before its first frame: each module left out here was a
    measured cost at every start (tui.models: ~5 ms of dataclass definitions; sqlite3,
    the footer and the search machinery are used only after the first frame)."""
    code = (
        "import sys\n"
        "import tui.cli.main, tui.cli.run_cmd, tui.app\n"
        "unwanted = ['tui.models', 'tui.wardfile', 'tui.search', 'tui.corpus_search',\n"
        "            'tui.screens', 'sqlite3', 'yaml', 'textual.widgets._footer', 'argparse',\n"
        "            'tui.facts']\n"
        "print(sorted(m for m in unwanted if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
