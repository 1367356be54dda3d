"""``ward-reader facts`` in its three formats."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli.main import main

SEEDS = sorted((Path(__file__).parent / "data" / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("facts")
    assert main(["import", *map(str, SEEDS), "--data", str(path)]) == 0
    return path


def test_json(data_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["facts", "--data", str(data_dir), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {tuple(sorted(r)) for r in rows} == {
        ("article", "key", "province", "qualifier", "quote", "unit", "value", "ward", "ward_code")
    }
    dates = [r["value"] for r in rows if r["key"] == "congress_date"]
    assert "2025-07-24" in dates
    merged = next(r for r in rows if r["key"] == "merged_from" and r["ward_code"] == "04894")
    assert merged["value"] == ["Kỳ Sơn", "Độc Lập", "Mông Hóa"]
    population = next(r for r in rows if r["key"] == "population" and r["ward"] == "Thục Phán")
    assert population["value"] == 41000 and population["qualifier"] == "more than"


def test_ward_filter_by_name_and_code(data_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["facts", "--data", str(data_dir), "--ward", "thanh mieu", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {r["ward_code"] for r in rows} == {"07909"}
    investment = sorted(r["value"] for r in rows if r["key"] == "total_investment_bn_vnd")
    assert investment == [15200.0, 15219.0]  # the two articles disagree: both kept
    assert main(["facts", "--data", str(data_dir), "--ward", "99999"]) == 1


def test_csv(data_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["facts", "--data", str(data_dir), "--ward", "04894", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["ward_code"] == "04894"
    assert any(r["key"] == "secretary" and r["value"] == "Hoàng Văn Minh" for r in rows)


def test_table(data_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["facts", "--data", str(data_dir), "--ward", "01273"]) == 0
    out = capsys.readouterr().out
    assert "Thục Phán" in out and "4.632" in out


def test_table_is_wide_when_piped(data_dir: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("COLUMNS", raising=False)
    capsys.readouterr()
    assert main(["facts", "--data", str(data_dir), "--ward", "04894"]) == 0
    lines = capsys.readouterr().out.splitlines()
    widths = [len(line) for line in lines]
    assert max(widths) > 80  # not wrapped at the 80 columns Rich assumes for a pipe
    assert max(widths) <= 200


ROOT = Path(__file__).parent.parent


def _closed_pipe(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m tui ARGS`` with its stdout a pipe whose reader has already gone,
    like ``| head -1`` once head has its line."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read()
    process.wait(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, b"", err)


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_broken_pipe_is_quiet(data_dir: Path, fmt: str) -> None:
    result = _closed_pipe("facts", "--data", str(data_dir), "--format", fmt)
    assert result.stderr == b""
    assert result.returncode == 0


def test_import_broken_pipe_is_quiet(tmp_path: Path) -> None:
    result = _closed_pipe("import", *map(str, SEEDS), "--data", str(tmp_path))
    assert b"Traceback" not in result.stderr and b"BrokenPipe" not in result.stderr
    assert result.returncode == 0
    assert len(list(tmp_path.rglob("*.yaml"))) == 3  # the import itself finished


def test_commands_other_than_the_app_run_with_garbage_collection(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    seen: list[bool] = []
    import tui.cli.facts_cmd as facts_cmd

    real = facts_cmd.run
    monkeypatch.setattr(facts_cmd, "run", lambda args: seen.append(gc.isenabled()) or real(args))
    assert main(["facts", "--data", str(data_dir), "--format", "json"]) == 0
    assert seen == [True] and gc.isenabled()
