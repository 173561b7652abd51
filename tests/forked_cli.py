"""Run the `lovwatch` CLI in a child process forked from the test process.

Most of the suite's time went into starting interpreters: every `python -m lovwatch` spends
about a second importing SQLModel, Scrapy and the rest before it reads its arguments. A child
forked from the test process already has those modules, so a command costs what the command
itself costs. It is still a real process: its own pid, its own exit code, its own standard
streams (pipes the test reads), its own environment and signal handlers, and nothing it does
touches the test process's memory.

What a fresh interpreter would have and a fork would not is put back before `main()` runs:
- the environment is replaced, and the settings module that reads it at import is re-read;
- signal handlers, warning filters, the root logger, the asyncio event loop policy and the
  `atexit` functions are as a new interpreter starts them;
- thread pools the test process made (Apprise keeps one) forget the threads the fork did not
  carry, and `__main__` is what `python -m lovwatch` has (spawned workers look at it);
- standard input is /dev/null, standard output and error new pipes, encoded as UTF-8.
At its end the child does what an interpreter does at exit (stop executors, join threads, run
`atexit` functions) and leaves with `os._exit`, so the test process's finalizers never run in it.

Where that is not enough the test process runs `python -m lovwatch` instead (`needs_exec`): a
`PYTHON*` variable (read only at interpreter start), a Twisted reactor already installed in
the test process, or `LOVWATCH_TEST_EXEC=1` to run the whole suite the slow way. The entry
point itself (`python -m lovwatch`, the console script) keeps its own tests in a new
interpreter (`test_cli_startup.py`).
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures.thread as futures_thread
import importlib
import importlib.util
import io
import logging
import os
import pkgutil
import selectors
import signal
import subprocess
import sys
import threading
import time
import traceback
import types
import warnings

#: Set to 1 to start every CLI call in a new interpreter, as before.
ALWAYS_EXEC = os.environ.get("LOVWATCH_TEST_EXEC") == "1"

#: Modules that read the environment when imported: re-read in the child.
_READS_ENVIRONMENT_AT_IMPORT = ("lovwatch.settings",)

#: Packages a crawl or a notification imports, loaded once into the test process (`preload`)
#: so that a forked child does not import them again. Never `twisted.internet.reactor`: a
#: reactor is installed by the crawl itself, in its own process.
_PRELOAD_PACKAGES = (
    "lovwatch",
    "scrapy.core",
    "scrapy.downloadermiddlewares",
    "scrapy.spidermiddlewares",
    "scrapy.extensions",
)
_PRELOAD_MODULES = (
    "twisted.internet.asyncioreactor",
    "alembic.command",
    "alembic.runtime.migration",
    "sqlalchemy.dialects.sqlite",
    "apprise",
)
#: Not to be imported as a library: the CLI's `-m` entry point and Alembic's migration scripts.
_NOT_PRELOADED = ("lovwatch.__main__", "lovwatch.migrations")


def needs_exec(overrides: dict[str, str]) -> bool:
    """True when a forked child could not behave as a new interpreter would."""
    return (
        ALWAYS_EXEC
        or not hasattr(os, "fork")
        or any(name.startswith("PYTHON") for name in overrides)
        or "twisted.internet.reactor" in sys.modules
    )


def preload() -> None:
    """Import what the CLI's commands use, once per test process (about a second)."""
    names = list(_PRELOAD_MODULES)
    for package in _PRELOAD_PACKAGES:
        module = importlib.import_module(package)
        names += [
            found.name
            for found in pkgutil.walk_packages(module.__path__, f"{package}.")
            if not found.name.startswith(_NOT_PRELOADED)
        ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated Scrapy modules say so when imported
        for name in names:
            try:
                importlib.import_module(name)
            except ImportError:  # an optional part (HTTP/2, S3, ...) not installed: not needed
                pass
    assert "twisted.internet.reactor" not in sys.modules, "a preloaded module installed a reactor"


def run_forked(args: list[str], env: dict[str, str], timeout: float) -> tuple[int, str, str]:
    """`lovwatch ARGS` in a forked child: (exit code, stdout, stderr). Raises
    `subprocess.TimeoutExpired` after `timeout` seconds, as `subprocess.run` does."""
    from lovwatch.cli import main  # imported here, in the parent, so the child has it

    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the test process
        code = 70
        try:
            os.close(out_read)
            os.close(err_read)
            code = _child(main, args, env, out_write, err_write)
        except BaseException:  # the runner itself failed: say so where the test looks
            try:
                os.write(err_write, traceback.format_exc().encode())
            except OSError:
                pass
        finally:
            os._exit(code)
    os.close(out_write)
    os.close(err_write)
    try:
        stdout, stderr = _read_both(out_read, err_read, pid, timeout, args)
    except BaseException:  # a test's own timeout or Ctrl-C: leave no child behind, as run() does
        _kill(pid)
        raise
    finally:
        os.close(out_read)
        os.close(err_read)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), stdout, stderr


def _child(main, args: list[str], env: dict[str, str], out_fd: int, err_fd: int) -> int:  # type: ignore[no-untyped-def]
    """Make this forked process look like a new interpreter, run the CLI, return its code."""
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out_fd, 1)
    os.dup2(err_fd, 2)
    for fd in (null, out_fd, err_fd):
        os.close(fd)
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(
        io.FileIO(1, "w", closefd=False), encoding="utf-8", line_buffering=False
    )
    sys.stderr = io.TextIOWrapper(
        io.FileIO(2, "w", closefd=False),
        encoding="utf-8",
        errors="backslashreplace",
        line_buffering=True,
    )
    sys.__stdout__, sys.__stderr__, sys.__stdin__ = sys.stdout, sys.stderr, sys.stdin

    os.environ.clear()
    os.environ.update(env)
    for name in _READS_ENVIRONMENT_AT_IMPORT:
        if name in sys.modules:
            importlib.reload(sys.modules[name])

    for number in (signal.SIGTERM, signal.SIGALRM, signal.SIGHUP, signal.SIGUSR1, signal.SIGCHLD):
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    signal.set_wakeup_fd(-1)
    signal.setitimer(signal.ITIMER_REAL, 0)

    warnings.resetwarnings()  # a new interpreter's defaults, last filter first
    for category in (ResourceWarning, ImportWarning, PendingDeprecationWarning, DeprecationWarning):
        warnings.simplefilter("ignore", category)
    warnings.filterwarnings("default", category=DeprecationWarning, module="__main__")

    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.setLevel(logging.WARNING)
    logging.disable(logging.NOTSET)

    asyncio.set_event_loop_policy(None)
    atexit._clear()  # the test process's exit work is not the child's
    atexit.register(logging.shutdown)  # but a new interpreter's is
    _forget_dead_threads()
    sys.argv = ["lovwatch", *args]
    sys.modules["__main__"] = _main_module()  # multiprocessing's spawn looks at it

    code = 0
    try:
        main()
    except SystemExit as exc:
        code = _exit_code(exc.code)
    except KeyboardInterrupt:
        code = 130
    except BaseException:
        traceback.print_exc()
        code = 1
    # What the interpreter does at exit: stop executors, join threads, run atexit functions.
    threading._shutdown()  # type: ignore[attr-defined]
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    return code


def _forget_dead_threads() -> None:
    """Thread pools made by the test process (Apprise keeps one per process) lost their threads
    in the fork: let them start new ones instead of queueing work for threads that are gone."""
    # Every pool thread is registered in `_threads_queues`, its first argument a weak reference
    # to its pool: the pools are found through their threads, without a walk of the heap.
    for thread in list(futures_thread._threads_queues):  # type: ignore[attr-defined]
        pool = thread._args[0]()  # type: ignore[attr-defined]
        if pool is not None:
            pool._threads = set()
            pool._idle_semaphore = threading.Semaphore(0)
            pool._shutdown_lock = threading.Lock()
        del futures_thread._threads_queues[thread]  # type: ignore[attr-defined]


def _main_module() -> types.ModuleType:
    """A `__main__` as `python -m lovwatch` has it, not executed: spawned workers skip it."""
    spec = importlib.util.find_spec("lovwatch.__main__")
    assert spec is not None
    module = types.ModuleType("__main__")
    module.__spec__ = spec
    module.__file__ = spec.origin
    module.__package__ = "lovwatch"
    return module


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _exit_code(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, int):
        return value & 0xFF
    print(value, file=sys.stderr)
    return 1


def _read_both(
    out_fd: int, err_fd: int, pid: int, timeout: float, args: list[str]
) -> tuple[str, str]:
    """Both pipes to their ends (a child that fills one must not block on it)."""
    chunks: dict[int, list[bytes]] = {out_fd: [], err_fd: []}
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        for fd in chunks:
            selector.register(fd, selectors.EVENT_READ)
        while selector.get_map():
            left = deadline - time.monotonic()
            if left <= 0:
                raise subprocess.TimeoutExpired(["lovwatch", *args], timeout)
            for key, _ in selector.select(left):
                data = os.read(key.fd, 65536)
                if data:
                    chunks[key.fd].append(data)
                else:
                    selector.unregister(key.fd)
    return _text(b"".join(chunks[out_fd])), _text(b"".join(chunks[err_fd]))


def _text(data: bytes) -> str:
    """As `subprocess.run(text=True)` decodes: UTF-8, universal newlines."""
    return data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
