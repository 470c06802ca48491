"""The demo network (Astana 2021 and two generated workshops), made once, copied per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from matchdesk.store.demo import create_demo_network


@pytest.fixture(scope="session")
def _demo_network_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template") / "network"
    create_demo_network(folder)
    return folder


@pytest.fixture
def network(_demo_network_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo network's folder (the three workshop files and their
    companions), for a test to add decisions to."""
    folder = tmp_path / "network"
    shutil.copytree(_demo_network_template, folder)
    return folder
