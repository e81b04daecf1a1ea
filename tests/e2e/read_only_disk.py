"""Run BackCare as if its data folder sat on a read-only disk: every write there fails with
EROFS, as on a read-only mount (which a test cannot make without privileges, and which root
would not feel through chmod). Usage: python read_only_disk.py FOLDER [backcare arguments]"""

from __future__ import annotations

import builtins
import errno
import io
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

FOLDER = os.path.realpath(sys.argv.pop(1))
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def inside(path: Any) -> bool:
    try:
        real = os.path.realpath(os.fspath(path))
    except TypeError:
        return False
    return bool(real == FOLDER or real.startswith(FOLDER + os.sep))


def refuse(path: Any) -> NoReturn:
    raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(path))


real_open, real_io_open = os.open, io.open


def guarded_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
    if flags & WRITE_FLAGS and inside(path):
        refuse(path)
    return real_open(path, flags, *args, **kwargs)


def guarded_io_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
    if isinstance(file, (str, bytes, os.PathLike)) and set(mode) & set("wax+") and inside(file):
        refuse(file)
    return real_io_open(file, mode, *args, **kwargs)


def guard_paths(name: str) -> None:
    real: Callable[..., Any] = getattr(os, name)

    def guarded(path: Any, *args: Any, **kwargs: Any) -> Any:
        if inside(path):
            refuse(path)
        return real(path, *args, **kwargs)

    setattr(os, name, guarded)


os.open = guarded_os_open
io.open = builtins.open = guarded_io_open
for name in ("mkdir", "unlink", "remove", "rmdir", "chmod", "replace", "rename"):
    guard_paths(name)

from backcare_desktop.__main__ import main  # noqa: E402

sys.exit(main(sys.argv[1:]))
