"""Where the per-article analysis runs: in this process, in a pool of processes, or on a Dask cluster.

An executor applies one picklable function to chunks of articles. :meth:`Executor.run` starts the
work (executors with workers hand every chunk out before it returns, so this process is free
meanwhile) and yields each chunk's result as soon as it is ready, with the chunk's position, so
that the caller can put results back in input order. The function must be pure (its result depends
on its arguments only), which is what lets any engine run it; briefer's is
:func:`briefer.scheduling.analyze_chunk`.

    local       every chunk in this process, one after the other
    processes   a pool of ``jobs`` processes on this machine (the default); each worker loads the
                spaCy model once and keeps it for every chunk it is given
    dask        a Dask cluster: the scheduler at ``scheduler`` (``tcp://host:8786``), or a local
                cluster of ``jobs`` worker processes; every worker needs briefer installed
                (``pip install 'briefer[dask]'``)

No scheduling is done here beyond handing chunks out: the process pool and Dask do that.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from .config import Settings
from .errors import ConfigError

if TYPE_CHECKING:
    from types import TracebackType

__all__ = ["DaskExecutor", "Executor", "LocalExecutor", "ProcessExecutor", "cpu_count", "from_settings"]

T = TypeVar("T")
R = TypeVar("R")
E = TypeVar("E", bound="_Closing")

#: Prepares a process to run chunks (imports what the function needs): called once in each process
#: that runs chunks, before its first chunk.
Initializer = Callable[[], object]


class Executor(Protocol):
    """Runs ``fn(chunk, shared)`` for every chunk; see the module docstring."""

    name: str
    #: worker processes (or Dask workers) the last :meth:`run` used; 0 means this process
    workers: int
    #: True when the work runs on this machine (this process or its worker processes), so that
    #: this process may take a share of each chunk's work itself while the workers run theirs
    reads_here: bool

    def start(self, chunks: int) -> None:
        """Start the workers that a run of ``chunks`` chunks will use, so that they prepare (import,
        load models) while this process does other work; the next :meth:`run` uses them."""
        ...

    def run(self, fn: Callable[[T, Any], R], chunks: Sequence[T], shared: Any) -> Iterator[tuple[int, R]]:
        """Start the work; yields ``(position, fn(chunks[position], shared))`` as chunks finish."""
        ...

    def close(self) -> None:
        """Release the workers."""
        ...

    def __enter__(self) -> Executor: ...

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


class _Closing:
    def __enter__(self: E) -> E:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        pass

    def start(self, chunks: int) -> None:
        pass  # no workers of its own to start early


def cpu_count() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


class LocalExecutor(_Closing):
    """Every chunk in this process, in order, as the results are asked for."""

    name = "local"
    reads_here = True

    def __init__(self, initializer: Initializer | None = None) -> None:
        self.initializer = initializer
        self.workers = 0

    def run(self, fn: Callable[[T, Any], R], chunks: Sequence[T], shared: Any) -> Iterator[tuple[int, R]]:
        if self.initializer is not None and chunks:
            self.initializer()
            self.initializer = None  # once per process
        for position, chunk in enumerate(chunks):
            yield position, fn(chunk, shared)


class ProcessExecutor(_Closing):
    """Chunks spread over a pool of up to ``jobs`` processes on this machine.

    Never more workers than chunks; each runs the initializer (its imports) once, in parallel.
    Where workers are forked (Linux) they cost nothing to start, so even a single chunk goes to a
    worker and this process is free to prepare the rest of the run meanwhile (measured on the seed:
    ~0.3 s quicker than importing here first and forking after). Where workers start as fresh
    interpreters (a fork server, spawn) a single chunk runs here, since a new interpreter costs more
    than it saves. With ``jobs`` 1 everything runs here.

    :meth:`start` forks the workers before the chunks are ready, so that each runs its initializer
    (imports spaCy and loads its model: about 2 s) while this process prepares the chunks.
    """

    name = "processes"
    reads_here = True

    def __init__(self, jobs: int = 0, initializer: Initializer | None = None) -> None:
        self.jobs = jobs or cpu_count()
        self.initializer = initializer
        self.workers = 0
        self._pool: ProcessPoolExecutor | None = None
        self._started_for = -1  # the number of chunks start() made the pool for
        self._local = LocalExecutor(initializer)

    def start(self, chunks: int) -> None:
        self.close()
        context = _start_context()
        workers = min(self.jobs, chunks)
        if self.jobs == 1 or not chunks or (workers == 1 and context.get_start_method() != "fork"):
            workers = 0  # this process runs them
        if workers:
            # Workers end with this process, even when it is killed (see _worker_start).
            self._pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=context,
                initializer=_worker_start,
                initargs=(
                    os.getpid(),
                    context.get_start_method() != "forkserver",
                    threading.current_thread() is threading.main_thread(),
                    self.initializer,
                ),
            )
            # A pool starts its workers as tasks arrive (forked ones all at the first): one empty
            # task per worker starts them all now.
            for _ in range(workers):
                self._pool.submit(_nothing)
            self._started_for = chunks
        self.workers = workers

    def run(self, fn: Callable[[T, Any], R], chunks: Sequence[T], shared: Any) -> Iterator[tuple[int, R]]:
        if self._pool is None or self._started_for != len(chunks):
            self.start(len(chunks))
        self._started_for = -1  # a pool serves one run
        if self._pool is None:
            return self._local.run(fn, chunks, shared)
        futures = {self._pool.submit(fn, chunk, shared): i for i, chunk in enumerate(chunks)}
        return self._results(futures)

    def _results(self, futures: dict[Future[R], int]) -> Iterator[tuple[int, R]]:
        try:
            pending = set(futures)
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=futures.__getitem__):
                    yield futures[future], future.result()
        finally:
            self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _nothing() -> None:
    """A task that does nothing: submitted to start a pool's workers."""


#: Seconds between a worker's checks that its parent is still there.
PARENT_CHECK_SECONDS = 1.0
#: prctl(2) option: the signal a process gets when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1


def _worker_start(owner: int, direct_child: bool, main_thread: bool, initializer: Initializer | None) -> None:
    """A worker's first act: end when the process that made the pool ends, then prepare (``initializer``).

    A process killed outright (SIGKILL, the OOM killer) cannot shut its pool down, and its workers
    would live on, adopted by init. So each worker asks Linux to kill it when its parent dies
    (``PR_SET_PDEATHSIG``) and, on any system, watches from a daemon thread, ending within
    :data:`PARENT_CHECK_SECONDS` of ``owner`` (the process with the pool): its parent process
    changes (init adopts it), or the pipe ``owner`` holds open for it closes (how multiprocessing
    tells a child its parent is gone; the one check that also sees through a fork server, the
    parent of its workers, which lives on as long as they do). Linux sends the signal when the
    *thread* that started the worker ends, so it is asked for only where the pool was made in the
    main thread (and the worker is ``owner``'s own child); elsewhere the watch does the work.
    """
    parent = os.getppid()
    if sys.platform == "linux" and main_thread and direct_child:
        _die_with_parent()
    if (direct_child and parent != owner) or os.getppid() != parent or _owner_gone():
        os._exit(1)  # the owner died before the watch began
    threading.Thread(target=_watch_parent, args=(parent,), name="briefer-parent-watch", daemon=True).start()
    if initializer is not None:
        initializer()


def _owner_gone() -> bool:
    """True when the process that started this one (through a fork server or not) has ended."""
    owner = multiprocessing.parent_process()
    try:
        return owner is not None and not owner.is_alive()
    except (OSError, ValueError):
        return False


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies; nothing where that cannot be asked."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the watch thread still ends the worker


def _watch_parent(parent: int) -> None:
    """End this process when its parent is no longer ``parent`` (it died; init adopted us) or the
    process that started it has ended."""
    while True:
        time.sleep(PARENT_CHECK_SECONDS)
        if os.getppid() != parent or _owner_gone():
            os._exit(1)


#: What a fork server imports once for all the workers it forks: the slow imports of the actors half
#: of the analysis, which is all that workers on this machine run (see briefer.scheduling).
FORKSERVER_PRELOAD: tuple[str, ...] = ("briefer.scheduling", "briefer.actors", "spacy")


def _start_context() -> multiprocessing.context.BaseContext:
    """How workers start: a fork where it is safe (Linux, a single-threaded process: the workers
    start at once); else a fork server, which imports the analysis once and forks the workers from
    that clean process (started once per process, reused by later pools); else (no fork at all) a
    fresh interpreter per worker."""
    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods and _os_threads() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(FORKSERVER_PRELOAD))
        return context
    return multiprocessing.get_context("spawn")


def _os_threads() -> int:
    """Threads of this process, native ones (a BLAS pool) included, as Linux counts them."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return threading.active_count() + 1  # unknown: not provably single-threaded


#: Seconds to wait for a Dask scheduler to answer before saying it cannot be reached.
SCHEDULER_TIMEOUT = 10


class DaskExecutor(_Closing):
    """Chunks run as tasks on a Dask cluster: the scheduler at ``scheduler``, or a local cluster.

    The client connects (or the local cluster starts) on the first :meth:`run`, so a run whose
    articles are all in the cache never touches the cluster. ``processes=False`` (a local cluster
    of one worker thread in this process) is for tests: a spaCy pipeline is not meant to be shared
    between threads.
    """

    name = "dask"
    reads_here = False  # the cluster runs the whole analysis: this process may be the smallest machine

    def __init__(self, scheduler: str = "", jobs: int = 0, *, processes: bool = True) -> None:
        import importlib.util

        if importlib.util.find_spec("distributed") is None:
            raise ConfigError("the dask executor needs Dask; install it with: pip install 'briefer[dask]'")
        self.scheduler = scheduler
        self.jobs = jobs or cpu_count()
        self.processes = processes
        self.workers = 0
        self._cluster: Any = None
        self._client: Any = None

    @property
    def client(self) -> Any:
        """The ``distributed.Client`` the chunks are submitted through, connected on first use."""
        if self._client is None:
            from distributed import Client, LocalCluster

            if self.scheduler:
                try:
                    self._client = Client(self.scheduler, timeout=SCHEDULER_TIMEOUT)  # type: ignore[no-untyped-call]
                except OSError as exc:
                    raise ConfigError(
                        f"cannot reach the Dask scheduler at {self.scheduler} ({exc}); "
                        "check --scheduler (e.g. tcp://host:8786) and that the scheduler is running"
                    ) from None
            else:
                self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=self.jobs if self.processes else 1,
                    threads_per_worker=1,
                    processes=self.processes,
                    dashboard_address=None,
                )
                self._client = Client(self._cluster)  # type: ignore[no-untyped-call]
        return self._client

    def run(self, fn: Callable[[T, Any], R], chunks: Sequence[T], shared: Any) -> Iterator[tuple[int, R]]:
        if not chunks:
            return iter(())
        client = self.client
        self.workers = len(client.scheduler_info(n_workers=-1)["workers"])
        # Settings are small; scattering them once still spares sending a copy with every task.
        [shared_future] = client.scatter([shared], broadcast=True, hash=False)
        futures = client.map(fn, chunks, [shared_future] * len(chunks), pure=False)
        return self._results(client, futures)

    @staticmethod
    def _results(client: Any, futures: list[Any]) -> Iterator[tuple[int, Any]]:
        from distributed import as_completed

        position = {f.key: i for i, f in enumerate(futures)}
        try:
            for future in as_completed(futures):  # type: ignore[no-untyped-call]
                yield position[future.key], future.result()
        finally:
            client.cancel(futures)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


_EXECUTORS: dict[str, Callable[[Settings, Initializer | None], Executor]] = {
    "processes": lambda s, init: ProcessExecutor(s.jobs, init),
    "local": lambda s, init: LocalExecutor(init),
    "dask": lambda s, init: DaskExecutor(s.scheduler, s.jobs),
}


def from_settings(settings: Settings, initializer: Initializer | None = None) -> Executor:
    """The executor ``settings.executor`` names, with its jobs and scheduler.

    ``initializer`` runs once in each local process that analyses articles (Dask workers import
    what they need their own way).
    """
    make = _EXECUTORS.get(settings.executor)
    if make is None:
        raise ConfigError(f"unknown executor {settings.executor!r}; use one of {', '.join(_EXECUTORS)}")
    if settings.scheduler and settings.executor != "dask":
        raise ConfigError(f"a scheduler address is for the dask executor, not {settings.executor!r}; add --executor dask")
    return make(settings, initializer)
