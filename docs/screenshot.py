"""Regenerate docs/screenshot.svg: the app on the bundled data, a ward open, a fact chosen.

    .venv/bin/python docs/screenshot.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


async def main() -> None:
    os.environ["WARD_READER_STATE_DIR"] = tempfile.mkdtemp()
    os.environ["WARD_READER_NO_CACHE"] = "1"
    from tui.app import WardReaderApp
    from tui.repository import Repository

    app = WardReaderApp(Repository.load(ROOT / "data"))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers_started.wait()
        await app.workers.wait_for_complete()
        await pilot.press("G", "enter")
        facts = app.facts
        secretary = next(r for r in facts.rows if r.fact.key == "secretary")
        facts.options.focus()
        facts.options.highlighted = facts.options.get_option_index(f"fact-{secretary.row_id}")
        await pilot.press("enter")
        await pilot.pause()
        app.save_screenshot(filename="screenshot.svg", path=str(ROOT / "docs"))


if __name__ == "__main__":
    asyncio.run(main())
