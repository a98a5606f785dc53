"""The brief's files are one set: after a failure or a kill at any moment (and the recovery the next
run begins with) the output folder holds the whole old set of the date's formats or the whole new
one, and no temporary file outlives the next run. Also: workers end when their parent is killed,
and `briefer analyze -o` into a folder it cannot write is a one-line error."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from render_fixtures import sample_brief

from briefer import cli, files
from briefer.errors import RenderError
from briefer.files import SetWriteError, recover_sets, write_set
from briefer.render import write_all

REPO = Path(__file__).resolve().parents[1]
DATE = "2026-01-05"
OLD = {f"brief-{DATE}.md": b"old markdown\n", f"brief-{DATE}.json": b'{"old": true}\n', f"brief-{DATE}.html": b"<p>old</p>\n"}
NEW = {f"brief-{DATE}.md": b"new markdown\n", f"brief-{DATE}.json": b'{"new": true}\n', f"brief-{DATE}.html": b"<p>new</p>\n"}


def contents(folder: Path) -> dict[str, bytes]:
    """Every file of the folder by name, hidden ones included."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.endswith((".tmp", ".journal")))


def seed(folder: Path, fileset: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in fileset.items():
        (folder / name).write_bytes(data)


class Killed(BaseException):
    """Stands for a SIGKILL in-process: nothing after it runs, no cleanup of ours catches it."""


def _interrupted_after(monkeypatch: pytest.MonkeyPatch, replaces: int) -> None:
    """Make the ``replaces``-th os.replace (the journal's is the first) die like a killed process."""
    real = os.replace
    calls = 0

    def replace(src: Any, dst: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == replaces:
            raise Killed()
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)


# --- recovery ----------------------------------------------------------------------------------


def test_a_set_replaces_the_old_one_and_leaves_nothing_behind(tmp_path: Path) -> None:
    seed(tmp_path, OLD)
    paths = write_set(tmp_path, NEW, f"brief-{DATE}")
    assert paths == [tmp_path / name for name in NEW]
    assert contents(tmp_path) == NEW


@pytest.mark.parametrize("renamed", [0, 1, 2, 3])
def test_a_committed_set_is_rolled_forward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, renamed: int) -> None:
    seed(tmp_path, OLD)
    if renamed < len(NEW):
        _interrupted_after(monkeypatch, 2 + renamed)  # killed after the journal and `renamed` files
    else:  # killed after every rename, before the journal is removed
        monkeypatch.setattr(files, "_remove", lambda path: (_ for _ in ()).throw(Killed()))
    with pytest.raises(Killed):
        write_set(tmp_path, NEW, f"brief-{DATE}")
    monkeypatch.undo()
    assert (tmp_path / f".brief-{DATE}.journal").is_file()
    assert len(leftovers(tmp_path)) == 1 + len(NEW) - renamed
    recover_sets(tmp_path, "brief-")
    assert contents(tmp_path) == NEW


def test_the_next_set_written_recovers_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed(tmp_path, OLD)
    _interrupted_after(monkeypatch, 3)
    with pytest.raises(Killed):
        write_set(tmp_path, NEW, f"brief-{DATE}")
    monkeypatch.undo()
    # Another date's set: this date's interrupted one is finished on the way.
    write_set(tmp_path, {"brief-2026-01-06.md": b"next day\n"}, "brief-2026-01-06")
    assert contents(tmp_path) == {**NEW, "brief-2026-01-06.md": b"next day\n"}


def _journal(folder: Path, fileset: dict[str, bytes]) -> dict[str, Path]:
    """A committed but not renamed set, as a kill right after the commit point leaves it."""
    temps = {name: folder / f".{name}.{i:012x}.tmp" for i, name in enumerate(fileset)}
    for name, data in fileset.items():
        temps[name].write_bytes(data)
    record = {
        "renames": [
            {"tmp": temps[n].name, "final": n, "sha256": hashlib.sha256(d).hexdigest()} for n, d in fileset.items()
        ]
    }
    (folder / f".brief-{DATE}.journal").write_text(json.dumps(record), encoding="utf-8")
    return temps


def test_a_set_with_a_file_missing_is_rolled_back(tmp_path: Path) -> None:
    seed(tmp_path, OLD)
    temps = _journal(tmp_path, NEW)
    temps[f"brief-{DATE}.json"].unlink()  # neither under its temporary name nor in place
    recover_sets(tmp_path, "brief-")
    assert contents(tmp_path) == OLD


def test_a_set_with_a_changed_file_is_rolled_back(tmp_path: Path) -> None:
    seed(tmp_path, OLD)
    temps = _journal(tmp_path, NEW)
    temps[f"brief-{DATE}.md"].write_bytes(b"new markd")  # cut short
    recover_sets(tmp_path, "brief-")
    assert contents(tmp_path) == OLD


def test_an_unreadable_journal_is_rolled_back(tmp_path: Path) -> None:
    seed(tmp_path, OLD)
    _journal(tmp_path, NEW)
    (tmp_path / f".brief-{DATE}.journal").write_text('{"renames": [{"tmp": "../x"', encoding="utf-8")
    recover_sets(tmp_path, "brief-")
    # The journal's temporary files are named by no journal that can be read: stray, removed.
    assert contents(tmp_path) == OLD


def test_stray_temporary_files_are_removed_and_others_kept(tmp_path: Path) -> None:
    seed(tmp_path, OLD)
    stray = [f".brief-{DATE}.pdf.0123456789ab.tmp", f".brief-{DATE}.journal.ba9876543210.tmp"]
    for name in stray:
        (tmp_path / name).write_bytes(b"half")
    (tmp_path / ".notes.md.0123456789ab.tmp").write_bytes(b"not ours")
    recover_sets(tmp_path, "brief-")
    assert contents(tmp_path) == {**OLD, ".notes.md.0123456789ab.tmp": b"not ours"}


def test_recovering_a_missing_folder_does_nothing(tmp_path: Path) -> None:
    recover_sets(tmp_path / "nowhere", "brief-")
    assert not (tmp_path / "nowhere").exists()


# --- failures while writing ----------------------------------------------------------------------


def _disk_full_after(monkeypatch: pytest.MonkeyPatch, writes: int) -> None:
    real = os.write
    calls = 0

    def write(fd: int, data: Any) -> int:
        nonlocal calls
        calls += 1
        if calls > writes:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, data)

    monkeypatch.setattr(os, "write", write)


@pytest.mark.parametrize("writes", [0, 1, 2, 3])  # the 4th write is the journal's
def test_a_full_disk_leaves_the_old_set_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writes: int
) -> None:
    brief = sample_brief()
    first = tmp_path / "first"
    write_all(brief, first, formats=["md", "json", "html"])
    out = tmp_path / "out"
    seed(out, {f"brief-{brief.date}.{ext}": f"old {ext}\n".encode() for ext in ("md", "json", "html")})
    old = contents(out)
    _disk_full_after(monkeypatch, writes)
    with pytest.raises(RenderError) as caught:
        write_all(brief, out, formats=["md", "json", "html"])
    monkeypatch.undo()
    message = str(caught.value)
    assert "\n" not in message
    assert message == (
        f"{out}/brief-{brief.date}.{{md,json,html}}: cannot write the brief (No space left on device); "
        "the previous brief is unchanged; check that the output folder is writable and has space"
    )
    assert contents(out) == old
    assert contents(first) != old


def test_a_failed_first_rename_undoes_the_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed(tmp_path, OLD)
    real = os.replace
    calls = 0

    def replace(src: Any, dst: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError) as caught:
        write_set(tmp_path, NEW, f"brief-{DATE}")
    assert not isinstance(caught.value, SetWriteError)
    assert contents(tmp_path) == OLD


def test_a_failed_later_rename_is_finished_by_the_next_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed(tmp_path, OLD)
    real = os.replace
    calls = 0

    def replace(src: Any, dst: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(SetWriteError, match="1 of 3 files are in place, the next run puts the rest"):
        write_set(tmp_path, NEW, f"brief-{DATE}")
    monkeypatch.undo()
    recover_sets(tmp_path, "brief-")
    assert contents(tmp_path) == NEW


def test_a_full_disk_is_one_line_from_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_path: Path) -> None:
    out = tmp_path / "out"
    seed(out, {f"brief-{DATE}.md": b"old\n", f"brief-{DATE}.json": b"{}\n"})
    _disk_full_after(monkeypatch, 1)
    result = CliRunner().invoke(
        cli.main, ["build", "-q", "-j", "1", str(seed_path), "--date", DATE, "-f", "md,json", "-o", str(out)]
    )
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "cannot write the brief (No space left on device); the previous brief is unchanged" in result.output
    assert contents(out) == {f"brief-{DATE}.md": b"old\n", f"brief-{DATE}.json": b"{}\n"}


# --- kills -------------------------------------------------------------------------------------

_KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from briefer import files

    folder, step, target = Path(sys.argv[1]), 0, int(sys.argv[2])
    new = {name: ("new " + name + "\\n").encode() for name in sys.argv[3:]}

    def tick():
        global step
        step += 1
        if step == target:
            os.kill(os.getpid(), signal.SIGKILL)

    for name in ("_write_new", "_sync_folder"):
        real = getattr(files, name)
        def wrapped(*args, _real=real, **kwargs):
            if kwargs.get("durable", True) is False:  # a cache entry, not the brief: no step
                return _real(*args, **kwargs)
            tick()
            _real(*args, **kwargs)
            tick()
        setattr(files, name, wrapped)
    real_replace, real_remove = os.replace, files._remove
    def replace(*args):
        tick(); real_replace(*args); tick()
    def remove(*args):
        tick(); real_remove(*args); tick()
    os.replace, files._remove = replace, remove
    files.write_set(folder, new, "brief-2026-01-05")
    print(step)
    """
)


def test_a_kill_at_every_step_leaves_a_whole_set(tmp_path: Path) -> None:
    """Kill a set's writer before and after each of its steps (write, sync, rename, remove)."""
    names = list(OLD)
    new = {name: f"new {name}\n".encode() for name in names}
    folder = tmp_path / "out"
    seed(folder, OLD)
    count = subprocess.run(
        [sys.executable, "-c", _KILLER, str(folder), "0", *names], check=True, capture_output=True, text=True,
        cwd=REPO,
    )
    steps = int(count.stdout)
    assert contents(folder) == new
    seen = set()
    for target in range(1, steps + 1):
        seed(folder, OLD)
        done = subprocess.run([sys.executable, "-c", _KILLER, str(folder), str(target), *names], cwd=REPO)
        assert done.returncode == -signal.SIGKILL
        recover_sets(folder, "brief-")
        after = contents(folder)
        assert after in (OLD, new), f"killed at step {target} of {steps}: {sorted(after)}"
        seen.add("old" if after == OLD else "new")
    assert seen == {"old", "new"}


ARTICLES = {
    "old": [
        ("Senate passes infrastructure bill", "The Senate passed the infrastructure bill on Tuesday by a vote of 60 to 40. "
         "Senator Jane Smith said the bill would create jobs across the country. The House will vote next week."),
        ("Storm closes schools in Ohio", "A winter storm closed hundreds of schools across Ohio on Monday. "
         "Governor Mike DeWine urged drivers to stay off the roads. Forecasters expect more snow on Wednesday."),
    ],
    "new": [
        ("Central bank holds rates steady", "The central bank held its main interest rate at 4 percent on Thursday. "
         "Governor Anna Berg said inflation was falling but remained too high. Markets had expected the decision."),
        ("Port strike enters second week", "Dock workers at the port of Rotterdam extended their strike into a second week. "
         "The union said talks with employers had stalled. Shipping firms diverted vessels to Antwerp."),
        ("Museum returns stolen paintings", "The city museum returned three paintings stolen during the war to their owners. "
         "Director Paul Weiss called it a day of justice. The works had hung in the museum for decades."),
    ],
}
FORMATS = "md,json,html,pdf"


#: `python -m briefer` on a slow disk: each file of a set takes 0.1 s to write and each rename
#: 0.2 s, so that a kill at a random moment often lands while the set is written or moved in place.
_SLOW_BRIEFER = textwrap.dedent(
    """
    import os, runpy, sys, time
    from briefer import files

    real_write, real_replace = files._write_new, os.replace
    def write(path, *args, **kwargs):
        if path.name.startswith(".brief-"):  # the brief's files only, as before the cache shared _write_new
            time.sleep(0.1)
        real_write(path, *args, **kwargs)
    def replace(*args):
        time.sleep(0.2)
        real_replace(*args)
    files._write_new, os.replace = write, replace
    sys.argv[0] = "briefer"
    runpy.run_module("briefer", run_name="__main__")
    """
)


def _command(inputs: Path, out: Path, cache: Path) -> list[str]:
    return [sys.executable, "-c", _SLOW_BRIEFER, "build", "-q", "-j", "1", "--cache-dir", str(cache),
            str(inputs), "--date", DATE, "-f", FORMATS, "-o", str(out)]


def _build(inputs: Path, out: Path, cache: Path) -> None:
    done = subprocess.run(_command(inputs, out, cache), cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_builds_killed_at_random_moments_leave_the_old_or_the_new_brief(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    inputs, sets = {}, {}
    for which, articles in ARTICLES.items():
        folder = tmp_path / f"in-{which}"
        folder.mkdir()
        for i, (title, body) in enumerate(articles):
            (folder / f"{i}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        inputs[which] = folder
        _build(folder, tmp_path / f"ref-{which}", cache)
        sets[which] = contents(tmp_path / f"ref-{which}")
    started = time.monotonic()  # a build whose analyses are cached, as the killed ones are
    _build(inputs["new"], tmp_path / "again", cache)
    seconds = time.monotonic() - started
    assert contents(tmp_path / "again") == sets["new"]
    assert sets["old"].keys() == sets["new"].keys() and len(sets["old"]) == 4
    assert sets["old"] != sets["new"] and all(sets["old"][n] != sets["new"][n] for n in sets["old"])

    out = tmp_path / "out"
    shutil.copytree(tmp_path / "ref-old", out)
    rng = random.Random(15)
    results = []
    state = "old"
    for attempt in range(6):
        which = "new" if state == "old" else "old"  # always the other set: every kill can mix them
        build = subprocess.Popen(_command(inputs[which], out, cache), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        delay = rng.uniform(0.55, 1.0) * seconds
        time.sleep(delay)  # the writing is at the end
        build.send_signal(signal.SIGKILL)
        build.wait(30)
        results.append(build.returncode)
        assert build.returncode in (0, -signal.SIGKILL)
        visible = {n: d for n, d in contents(out).items() if not n.startswith(".")}
        # Unrecovered, the set is whole, or a journal says which set the next run completes.
        if visible not in (sets["old"], sets["new"]):
            assert any(n.endswith(".journal") for n in os.listdir(out)), sorted(visible)
        before = sorted(os.listdir(out))
        recover_sets(out, "brief-")  # what the next build begins with
        after = contents(out)
        assert after in (sets["old"], sets["new"]), f"attempt {attempt}: killed with {before}, left {sorted(after)}"
        state = "old" if after == sets["old"] else "new"
    assert -signal.SIGKILL in results

    # What kills leave, for the next run to clear: strays, and a set killed after its commit point.
    for name in ("a", "b"):
        (out / f".brief-{DATE}.md.{name * 12}.tmp").write_bytes(b"stray")
    _journal(out, sets["old"] if state == "new" else sets["new"])
    _build(inputs["new"], out, cache)
    assert contents(out) == sets["new"]
    assert leftovers(out) == []


# --- workers end with their parent -----------------------------------------------------------------

_POOL = textwrap.dedent(
    """
    import sys
    from briefer import executors
    from slowtask import slow

    if sys.argv[1] == "forkserver":
        executors._os_threads = lambda: 2  # not safe to fork: the fork server starts the workers
        executors.FORKSERVER_PRELOAD = ()
    executor = executors.ProcessExecutor(jobs=2)
    executor.start(2)
    results = executor.run(slow, [60, 60], None)
    print(" ".join(str(pid) for pid in executor._pool._processes), flush=True)
    for _ in results:
        pass
    """
)


def _alive(pid: int) -> bool:
    """Running (a zombie, which nothing may reap in a container, has ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_workers_end_when_their_parent_is_killed(method: str, tmp_path: Path) -> None:
    import multiprocessing

    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    (tmp_path / "slowtask.py").write_text("import time\n\ndef slow(seconds, shared):\n    time.sleep(seconds)\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")]))}
    parent = subprocess.Popen(
        [sys.executable, "-c", _POOL, method], cwd=REPO, stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert parent.stdout is not None
        workers = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(workers) == 2
        time.sleep(0.5)  # the workers are in their sleep
        assert all(_alive(pid) for pid in workers)
    finally:
        parent.kill()
        parent.wait(10)
        if parent.stdout is not None:
            parent.stdout.close()
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"workers {left} outlived their parent"


def test_the_watch_ends_a_worker_whose_parent_died_without_a_signal() -> None:
    """Where Linux cannot be asked (another system, a pool made in a thread), the watch does it."""
    script = textwrap.dedent(
        """
        import os, time
        from briefer import executors
        executors.PARENT_CHECK_SECONDS = 0.1
        me = os.getpid()
        pid = os.fork()
        if pid == 0:  # the worker: its parent ends below, no signal asked for
            executors._worker_start(me, True, False, None)
            time.sleep(30)
            os._exit(0)
        print(pid, flush=True)
        os._exit(0)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=30)
    worker = int(done.stdout)
    deadline = time.monotonic() + 5
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    if _alive(worker):
        os.kill(worker, signal.SIGKILL)
        pytest.fail("the worker outlived its parent")


# --- analyze -o into a folder it cannot write ---------------------------------------------------


def test_analyze_into_a_folder_it_cannot_write_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_path: Path
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):  # root writes anyway: refuse as a read-only file system would
        real = os.open

        def refuse(path: Any, flags: int, mode: int = 0o777, **kwargs: Any) -> int:
            if str(path).startswith(str(folder)) and flags & os.O_CREAT:
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
            return real(path, flags, mode, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    target = folder / "articles.jsonl"
    result = CliRunner().invoke(cli.main, ["analyze", "-q", "-j", "1", str(seed_path), "-o", str(target)])
    monkeypatch.undo()
    folder.chmod(0o755)
    assert result.exit_code == 1, result.output
    assert result.output.count("\n") == 1
    assert result.output.startswith(f"Error: {target}: cannot write the analysed articles (")
    assert "unexpected" not in result.output
    assert "choose another file with -o" in result.output
    assert os.listdir(folder) == []


def test_analyze_reports_the_write_error_when_the_cleanup_fails_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_path: Path
) -> None:
    real_replace = os.replace

    def full(src: Any, dst: Any) -> None:
        if str(dst).endswith("articles.jsonl"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst)

    def cannot_unlink(self: Path, missing_ok: bool = False) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))

    monkeypatch.setattr(os, "replace", full)
    monkeypatch.setattr(Path, "unlink", cannot_unlink)
    target = tmp_path / "articles.jsonl"
    result = CliRunner().invoke(cli.main, ["analyze", "-q", "-j", "1", str(seed_path), "-o", str(target)])
    monkeypatch.undo()
    assert result.exit_code == 1, result.output
    assert result.output.count("\n") == 1
    assert f"{target}: cannot write the analysed articles (No space left on device)" in result.output
    for stray in tmp_path.glob(".articles.jsonl.*.tmp"):
        stray.unlink()
