"""Bad data files: every error names the file, the line and the problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.cli.main import main
from tui.errors import DataError
from tui.register import Register
from tui.validate import check_document
from tui.wardfile import read_ward_file

BAD = Path(__file__).parent / "data" / "bad"

# file, expected line, words the reason must contain
SHAPE_ERRORS = [
    ("not_yaml.yaml", 4, "not valid YAML"),
    ("missing_ward_code.yaml", 1, "ward code must be five digits"),
    ("bad_paragraph_kind.yaml", 12, "unknown paragraph kind 'photo'"),
    ("unknown_fact_key.yaml", 8, "unknown fact key 'favourite_colour'"),
    ("wrong_value_type.yaml", 9, "expected a whole number"),
    ("bad_date.yaml", 9, "date must be YYYY-MM-DD"),
    ("not_utf8.yaml", 3, "not UTF-8 (byte offset"),
]

SEMANTIC_ERRORS = [
    ("quote_not_in_article.yaml", 17, "quote of fact 'party_members' is not in article a1"),
    ("value_disagrees.yaml", 15, "does not agree with its quote"),
    ("unknown_ward_code.yaml", 2, "not in the 2025 register"),
    ("unknown_article.yaml", 10, "cites unknown article 'nope'"),
    ("duplicate_article_id.yaml", 12, "duplicate article id 'a1'"),
]


@pytest.mark.parametrize(("name", "line", "reason"), SHAPE_ERRORS)
def test_bad_file_raises_with_file_line_and_reason(name: str, line: int, reason: str) -> None:
    with pytest.raises(DataError) as caught:
        read_ward_file(BAD / name)
    error = caught.value
    assert error.path == BAD / name
    assert error.line == line
    assert reason in error.reason
    assert str(error).startswith(f"{BAD / name}:{line}: ")


@pytest.mark.parametrize(("name", "line", "reason"), SEMANTIC_ERRORS)
def test_semantic_problem_names_file_line_and_reason(
    name: str, line: int, reason: str, register: Register
) -> None:
    path = BAD / name
    problems = check_document(read_ward_file(path), path, register)
    assert problems, f"{name} should not pass the check"
    assert any(p.line == line and reason in p.reason and p.path == path for p in problems), [
        str(p) for p in problems
    ]


def test_check_command_passes_on_fixture_corpus(
    corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--data", str(corpus_dir)]) == 0
    assert "ok: 3 wards, 4 articles" in capsys.readouterr().out


def test_check_command_fails_naming_file_when_a_quote_is_corrupted(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(corpus_dir, data)
    path = data / "wards" / "phu-tho" / "phuong-ky-son.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("quote: với 1.789 đảng viên", "quote: với 1.798 đảng viên"),
                    encoding="utf-8")
    assert main(["check", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:" in err and "is not in article cf5145809ceb1a09" in err


def test_check_reports_every_broken_file_and_keeps_going(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(corpus_dir, data)
    (data / "wards" / "cao-bang" / "phuong-thuc-phan.yaml").write_text("- a\nb: [\n")
    assert main(["check", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert "phuong-thuc-phan.yaml:" in err and "1 problem(s)" in err


def test_data_dir_option_and_env(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WARD_READER_DATA", str(corpus_dir))
    assert main(["check"]) == 0
    assert str(corpus_dir) in capsys.readouterr().out
