"""Shared fixtures: the seed article, the shared corpus (skipped when absent) and a CLI runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED = SEEDS / "000_b65b49475eb0b8f6.txt"
CORPUS = REPO.parent / "shared" / "corpus"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CORPUS.is_dir():
        return
    skip = pytest.mark.skip(reason=f"shared corpus not found at {CORPUS}")
    for item in items:
        if "corpus" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _analysis_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """`briefer build` caches analyses (~/.cache/briefer by default): tests share one temporary
    cache instead. A test that changes how articles are analysed must pass --no-cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFER_CACHE_DIR", str(tmp_path_factory.mktemp("briefer-cache")))
        yield


@pytest.fixture(scope="session", autouse=True)
def _archive_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """`briefer build` records each brief in the archive ($BRIEFER_DATA_DIR, else the user's data
    folder): tests share one temporary data folder instead, and never touch the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFER_DATA_DIR", str(tmp_path_factory.mktemp("briefer-data")))
        yield


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
