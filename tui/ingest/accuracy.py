"""Precision and recall of fact extraction against hand-labelled articles.

A label file (``tests/data/labels/*.yaml``) names a source file and lists the facts a
person found in it (key, value). An extracted fact is correct when a label of the same
key has the same value: numbers equal, dates equal, lists equal as folded names in any
order, text equal up to case/spacing/dashes or one containing the other. Each label
matches at most one extracted fact.

``python -m tui.ingest.accuracy LABEL_DIR SOURCE_DIR`` prints the Markdown table.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..models import Fact
from ..register import Register, load_register
from ..text.fold import fold_for_search, nfc
from ..wardfile import SafeLoader
from .importer import prepare_article

__all__ = ["Score", "score_labels", "markdown_table", "values_match"]


@dataclass
class Score:
    labelled: Counter[str]
    extracted: Counter[str]
    correct: Counter[str]

    def precision(self, key: str | None = None) -> float:
        extracted = self.extracted[key] if key else sum(self.extracted.values())
        correct = self.correct[key] if key else sum(self.correct.values())
        return correct / extracted if extracted else 1.0

    def recall(self, key: str | None = None) -> float:
        labelled = self.labelled[key] if key else sum(self.labelled.values())
        correct = self.correct[key] if key else sum(self.correct.values())
        return correct / labelled if labelled else 1.0

    def keys(self) -> list[str]:
        return sorted(set(self.labelled) | set(self.extracted))


def _loose(text: str) -> str:
    text = re.sub(r"\s*[-–—]\s*", "-", nfc(text))
    return re.sub(r"\s+", " ", text).strip(" .…").lower()


def values_match(expected: Any, found: Any) -> bool:
    if isinstance(found, tuple) or isinstance(expected, list | tuple):
        if not isinstance(found, tuple) or not isinstance(expected, list | tuple):
            return False
        return sorted(fold_for_search(nfc(str(v))) for v in expected) == sorted(
            fold_for_search(v) for v in found
        )
    if isinstance(found, dt.date) or isinstance(expected, dt.date):
        return bool(found == expected)
    if isinstance(found, int | float) and not isinstance(found, bool):
        if isinstance(expected, bool) or not isinstance(expected, int | float):
            return False
        return abs(float(found) - float(expected)) <= 1e-9 * max(1.0, abs(float(expected)))
    if isinstance(found, str) and isinstance(expected, str):
        a, b = _loose(expected), _loose(found)
        return bool(a) and bool(b) and (a == b or a in b or b in a)
    return False


def score_facts(labels: list[dict[str, Any]], facts: list[Fact], score: Score) -> None:
    remaining = list(labels)
    for label in labels:
        score.labelled[label["key"]] += 1
    for fact in facts:
        score.extracted[fact.key] += 1
        for label in remaining:
            if label["key"] == fact.key and values_match(label["value"], fact.value):
                score.correct[fact.key] += 1
                remaining.remove(label)
                break


def score_labels(
    label_dir: Path, source_dir: Path, register: Register | None = None
) -> Score:
    register = register or load_register()
    score = Score(Counter(), Counter(), Counter())
    for label_path in sorted(label_dir.glob("*.yaml")):
        data = yaml.load(label_path.read_text(encoding="utf-8"), Loader=SafeLoader)  # noqa: S506
        prepared = prepare_article(
            source_dir / data["source"], register, ward=data.get("ward_code")
        )
        score_facts(data["facts"], prepared.facts, score)
    return score


def markdown_table(score: Score) -> str:
    lines = [
        "| key | labelled | extracted | correct | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for key in score.keys():
        lines.append(
            f"| {key} | {score.labelled[key]} | {score.extracted[key]} | {score.correct[key]}"
            f" | {score.precision(key):.2f} | {score.recall(key):.2f} |"
        )
    lines.append(
        f"| **all** | {sum(score.labelled.values())} | {sum(score.extracted.values())}"
        f" | {sum(score.correct.values())} | {score.precision():.2f} | {score.recall():.2f} |"
    )
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(markdown_table(score_labels(Path(sys.argv[1]), Path(sys.argv[2]))))
