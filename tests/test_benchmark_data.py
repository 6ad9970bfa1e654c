"""The benchmark's synthetic data is valid data: the figures measure a clean run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from helpers import invoke


def test_generated_data_validates_without_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "genereer.py"),
            str(tmp_path),
            "--records",
            "400",
        ],
        check=True,
        capture_output=True,
    )
    result = invoke(capsys, ["--data", str(tmp_path / "data"), "validate", "--format", "json"])
    doc = json.loads(result.out)
    assert doc["fouten"] == 0, [f for f in doc["bevindingen"] if f["ernst"] == "fout"][:5]
    assert doc["bestanden"] >= 350
    assert result.code == 0
