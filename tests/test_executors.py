"""Executors: every chunk once, positions right, errors raised, workers started only when they pay.
The function run is ``operator.mul`` (chunk x shared): picklable by any start method, no spaCy."""

from __future__ import annotations

import functools
import operator
import os
import time
from pathlib import Path

import pytest

from briefer import executors
from briefer.config import EXECUTORS, Settings
from briefer.errors import ConfigError
from briefer.executors import DaskExecutor, LocalExecutor, ProcessExecutor

CHUNKS = [1, 2, 3, 4, 5]


def _results(executor: executors.Executor, chunks: list[int]) -> dict[int, int]:
    found = dict(executor.run(operator.mul, chunks, 10))
    assert len(found) == len(chunks)
    return found


def test_local_runs_every_chunk_in_order_after_its_initializer() -> None:
    calls: list[str] = []
    executor = LocalExecutor(lambda: calls.append("init"))
    assert list(executor.run(operator.mul, CHUNKS, 10)) == [(0, 10), (1, 20), (2, 30), (3, 40), (4, 50)]
    assert list(executor.run(operator.mul, CHUNKS[:1], 10)) == [(0, 10)]
    assert calls == ["init"]  # once per process
    assert executor.workers == 0


def test_processes_spread_chunks_over_workers() -> None:
    with ProcessExecutor(jobs=2) as executor:
        assert _results(executor, CHUNKS) == {i: 10 * c for i, c in enumerate(CHUNKS)}
        assert executor.workers == 2


def test_processes_run_here_with_one_job_or_one_chunk_that_a_fresh_interpreter_would_cost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with ProcessExecutor(jobs=1) as executor:
        assert _results(executor, CHUNKS) == {i: 10 * c for i, c in enumerate(CHUNKS)}
        assert executor.workers == 0
    monkeypatch.setattr(executors, "_os_threads", lambda: 2)  # not safe to fork: fresh interpreters
    with ProcessExecutor(jobs=2) as executor:
        assert _results(executor, [7]) == {0: 70}
        assert executor.workers == 0


def _touch(folder: Path) -> None:
    (folder / str(os.getpid())).touch()


def test_start_readies_the_workers_before_the_chunks_are_known(tmp_path: Path) -> None:
    with ProcessExecutor(jobs=2, initializer=functools.partial(_touch, tmp_path)) as executor:
        executor.start(3)
        assert executor.workers == 2
        deadline = time.monotonic() + 60
        while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(list(tmp_path.iterdir())) == 2  # both initialised, no chunk given yet
        assert _results(executor, [1, 2, 3]) == {0: 10, 1: 20, 2: 30}
        assert len(list(tmp_path.iterdir())) == 2  # the run used the started workers
        # A run of another size than the one started gets a pool of its own size: one worker where
        # it forks, else (a fresh interpreter would cost more than it saves) this process.
        executor.start(5)
        assert _results(executor, [4]) == {0: 40}
        assert executor.workers == (1 if executors._start_context().get_start_method() == "fork" else 0)


def test_fork_only_when_single_threaded(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setattr(executors, "_os_threads", lambda: 3)
    assert executors._start_context().get_start_method() != "fork"
    if sys.platform == "linux":
        monkeypatch.setattr(executors, "_os_threads", lambda: 1)
        assert executors._start_context().get_start_method() == "fork"


def test_a_failing_chunk_raises_its_error() -> None:
    with ProcessExecutor(jobs=2) as executor:
        with pytest.raises(TypeError):
            list(executor.run(operator.truediv, [1, "x", 3], 2))


def test_dask_runs_every_chunk_on_a_local_cluster() -> None:
    pytest.importorskip("distributed")
    with DaskExecutor(processes=False) as executor:
        assert _results(executor, CHUNKS) == {i: 10 * c for i, c in enumerate(CHUNKS)}
        assert executor.workers == 1
        assert list(executor.run(operator.mul, [], 10)) == []


def test_the_registry_has_every_executor_the_settings_allow() -> None:
    assert set(executors._EXECUTORS) == set(EXECUTORS)
    assert isinstance(executors.from_settings(Settings(executor="local")), LocalExecutor)
    assert isinstance(executors.from_settings(Settings(jobs=3)), ProcessExecutor)


def test_a_bad_executor_lists_the_choices() -> None:
    with pytest.raises(ConfigError, match=r'^--executor \(\[run\] executor\) must be one of "processes", "local", "dask", not "threads"$'):
        executors.from_settings(Settings(executor="threads"))
    with pytest.raises(ConfigError, match="a scheduler address is for the dask executor, not 'processes'; add --executor dask"):
        executors.from_settings(Settings(scheduler="tcp://127.0.0.1:8786"))


def test_an_unreachable_scheduler_says_what_to_check(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr(executors, "SCHEDULER_TIMEOUT", 0.5)
    executor = DaskExecutor("tcp://127.0.0.1:9")
    with pytest.raises(ConfigError, match=r"cannot reach the Dask scheduler at tcp://127.0.0.1:9 .*check --scheduler"):
        list(executor.run(operator.mul, CHUNKS, 10))
    executor.close()
