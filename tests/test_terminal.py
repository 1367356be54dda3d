"""The real app in a real (pseudo-)terminal: keys typed reach it.

Pilot tests drive the app headless; this one runs ``python -m tui`` in a pty the way a
person does, because a bug can break input only under the real driver (one did: focus
handling on resize left a real terminal ignoring every key while all Pilot tests passed).
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _read_until(master: int, process: subprocess.Popen[bytes], seconds: float,
                want: bytes | None = None) -> bytes:
    """Terminal output until ``want`` appears, the process ends, or time runs out."""
    output = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
            if want is not None and want in output:
                break
        elif process.poll() is not None:
            break
    return output


def _spawn_app(data_dir: Path, cwd: Path) -> tuple[int, subprocess.Popen[bytes]]:
    """``python -m tui --data data_dir`` in a 120x40 pseudo-terminal: its master end and
    the process."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--data", str(data_dir)],
        stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
        start_new_session=True,
    )
    os.close(slave)
    return master, process


def test_keys_reach_the_app_in_a_real_terminal(corpus_dir: Path, tmp_path: Path) -> None:
    master, process = _spawn_app(corpus_dir, tmp_path)
    try:
        painted = _read_until(master, process, 20, want="Thanh Miếu".encode())
        assert "Thanh Miếu".encode() in painted, painted[-500:]
        time.sleep(0.5)  # let start-up workers settle
        # Open the first ward: its article title must be drawn.
        os.write(master, b"\r")
        opened = _read_until(master, process, 10, want="Xây dựng".encode())
        assert "Xây dựng".encode() in opened, opened[-500:]
        # Find typed ahead in one write: the query goes into the bar, Enter goes to
        # match 2 and n to match 3 (n is not typed into the query).
        os.write(master, "/đảng viên\rn".encode())
        stepped = _read_until(master, process, 5, want=b"3/3")
        assert b"3/3" in stepped, stepped[-800:]
        assert "đảng viênn".encode() not in stepped
        os.write(master, b"\x1b")  # close find
        time.sleep(0.3)
        os.write(master, b"q")
        _read_until(master, process, 10)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)


def test_quitting_while_the_corpus_loads_exits_at_once(register: object, tmp_path: Path) -> None:
    """A cold start parses and indexes in a worker thread, and a process cannot exit
    before its threads do: quitting must stop that work, not wait a minute for it."""
    from tui.generate import generate_corpus

    data = tmp_path / "corpus"
    generate_corpus(800, data, seed=3, register=register)  # type: ignore[arg-type]
    master, process = _spawn_app(data, tmp_path)
    try:
        painted = _read_until(master, process, 20, want=b"Loading wards")
        assert b"Loading wards" in painted, painted[-500:]
        time.sleep(1.0)  # well into the parsing (800 files take several seconds)
        os.write(master, b"q")
        asked = time.monotonic()
        _read_until(master, process, 15)
        assert process.wait(timeout=15) == 0
        assert time.monotonic() - asked < 4, "the app waited for its workers"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
