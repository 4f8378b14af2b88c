"""Reading a PDF or Word file within limits of time and memory, so that a hostile file (a zip
bomb, a PDF of tens of thousands of pages, a page that takes minutes to parse) is refused in
seconds instead of taking a web worker or an import with it.

The parser runs in a forked child process whose address space is capped (RLIMIT_AS) and which
is killed at its deadline; only its text or its error comes back. Counts that are cheap to
check (a zip's declared unpacked size, a PDF's page count) are checked first, in the child.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import resource
import signal
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from .errors import UnreadableFileError

T = TypeVar("T")


@dataclass(frozen=True)
class ReadLimits:
    max_bytes: int = 10 * 1024 * 1024  # the file itself
    max_unpacked_bytes: int = 64 * 1024 * 1024  # a .docx's parts, as its zip directory declares them
    max_pages: int = 300  # a PDF's pages; letters have a handful
    seconds: float = 15.0  # parsing one PDF or Word file
    memory_bytes: int = 768 * 1024 * 1024  # address space the parser may add


def run_bounded(parse: Callable[[bytes, ReadLimits], T], data: bytes, limits: ReadLimits) -> T:
    """parse(data, limits) in a child process; UnreadableFileError when it fails or exceeds a limit.
    What it returns (text, or a Kamerstuk's structure) comes back pickled."""
    receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=_child, args=(parse, data, limits, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(limits.seconds):
            raise UnreadableFileError(f"reading the file took longer than {limits.seconds:g} seconds")
        ok, value = receiver.recv()
    except EOFError:  # the child died without answering: out of memory, or killed
        raise UnreadableFileError(
            f"reading the file needed more than {limits.memory_bytes / 1_048_576:.0f} MB of memory"
        ) from None
    finally:
        child.kill()
        child.join()
        receiver.close()
    if not ok:
        raise UnreadableFileError(value)
    return value


def _child(parse, data: bytes, limits: ReadLimits, sender) -> None:
    die_with_parent()
    try:
        resource.setrlimit(resource.RLIMIT_AS, (_address_space() + limits.memory_bytes,) * 2)
        sender.send((True, parse(data, limits)))
    except UnreadableFileError as exc:
        sender.send((False, str(exc)))
    except MemoryError:
        sender.send((False, f"reading the file needed more than {limits.memory_bytes / 1_048_576:.0f} MB of memory"))
    except Exception as exc:  # noqa: BLE001 - a parser's own error types on damaged files
        sender.send((False, f"the file cannot be read ({exc.__class__.__name__}: {exc})"))
    finally:
        sender.close()
        os._exit(0)  # no atexit handlers or buffers of the parent's in the child


def _address_space() -> int:
    """This process's current virtual size: the cap is counted on top of what the fork inherited."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent dies (Linux), so that a killed
    import or web worker leaves no parser or extraction worker running on its own."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: such children end when their pipe closes
        return
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(1)
