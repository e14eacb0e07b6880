"""The CLI through its real entry point: every command answers --help, errors are one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policykg.cli import app

COMMANDS = ["build", "extract", "serve", "query", "export", "viz", "eval", "push", "train", "bench"]


def _policykg() -> list[str]:
    exe = Path(sys.executable).with_name("policykg")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "policykg"]


def test_console_script_help_lists_every_command() -> None:
    result = subprocess.run([*_policykg(), "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    for name in COMMANDS:
        assert name in result.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_real_help(runner: CliRunner, name: str) -> None:
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    summary = result.output.split("Usage:")[1]
    assert len(summary.split()) > 8, f"{name} --help says too little"


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("policykg ")


def test_unreadable_input_is_named_on_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02" * 50)
    result = subprocess.run(
        [*_policykg(), "extract", str(bad)], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "broken.txt" in result.stderr
    assert "Traceback" not in result.stderr


def test_train_default_labels_match_the_trainer() -> None:
    from policykg.cli.eval_cmd import DEFAULT_LABELS
    from policykg.gold.train_ner import NER_LABELS

    assert ",".join(NER_LABELS) == DEFAULT_LABELS


def test_cli_import_does_not_load_spacy() -> None:
    code = "import sys, policykg.cli; print('spacy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
