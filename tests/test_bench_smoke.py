"""The benchmark runs end to end on 100 articles (figures printed, not asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_bench_smoke_100_articles(tmp_path: Path) -> None:
    env = dict(os.environ, WARD_READER_CACHE_DIR=str(tmp_path / "cache"))
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "100", "--runs", "1"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    print(result.stdout, result.stderr[-2000:])
    assert result.returncode == 0, result.stderr[-2000:]
    assert "| 100 |" in result.stdout
