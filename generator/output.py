"""Writing output whole or not at all: a temporary file beside the target, then an atomic rename.

Every command that writes files goes through here, so a crash or a full disk never leaves a
half-written .docx, and files get the usual permissions (0666 less the umask), readable by a web
server that publishes the build.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: str | bytes) -> None:
    write_all_atomic({Path(path): data})


def write_all_atomic(files: dict[Path, str | bytes]) -> None:
    """Write several files so that a failure while writing (a full disk) changes none of them:
    each is first written in full to a temporary file beside it, then all are renamed into place,
    in the order given."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path = Path(path)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
                staged.append((tmp, path))
                with os.fdopen(fd, "wb") as f:
                    f.write(data.encode("utf-8") if isinstance(data, str) else data)
                os.chmod(tmp, 0o666 & ~_umask())
            except OSError as exc:
                exc.filename = str(path)  # the file the user asked for, not its temporary twin
                raise
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise


def write_folder_atomic(path: Path, files: dict[str, bytes]) -> None:
    """Create folder `path` (absent or empty) holding `files`, all of them or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        for name, data in files.items():
            (tmp / name).write_bytes(data)
        os.chmod(tmp, 0o777 & ~_umask())
        if path.exists():
            path.rmdir()  # empty, as the caller checked
        os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
