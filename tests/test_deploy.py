"""The deployment recipes in docs/deploy.md are the real ones: the Caddyfiles it shows are the files in
deploy/, and its production settings make `manage.py check --deploy` clean."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEPLOY_DOC = (ROOT / "docs" / "deploy.md").read_text()


def production_settings() -> str:
    """The shell block under docs/deploy.md's "Production settings" heading."""
    section = DEPLOY_DOC.split("## Production settings", 1)[1]
    match = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert match, "docs/deploy.md lost its production settings block"
    return match.group(1)


def check_deploy(settings_script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`manage.py check --deploy` after `settings_script`, in an environment with nothing else set."""
    environment = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(ROOT),
        "SPECIOSA_DATA_DIR": str(tmp_path),
    }
    script = f'{settings_script}\nexec "{sys.executable}" manage.py check --deploy --fail-level WARNING'
    return subprocess.run(
        ["bash", "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("name", ["Caddyfile", "Caddyfile.internal"])
def test_the_docs_show_each_caddyfile_as_it_is_in_deploy(name):
    contents = (ROOT / "deploy" / name).read_text()
    assert f"`deploy/{name}`:\n\n```caddyfile\n{contents}```" in DEPLOY_DOC


def test_the_documented_production_settings_are_one_https_address():
    assert production_settings() == "export SPECIOSA_PUBLIC_URL=https://journal.example.org\n"


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    result = check_deploy(production_settings(), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_without_them(tmp_path):
    result = check_deploy("", tmp_path)
    assert result.returncode == 1
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_an_http_public_address_stops_the_server_from_starting(tmp_path):
    result = check_deploy("export SPECIOSA_PUBLIC_URL=http://journal.example.org", tmp_path)
    assert result.returncode == 1
    assert "SPECIOSA_PUBLIC_URL must start with https://" in result.stderr
