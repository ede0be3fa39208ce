"""A real Learning Record Store for tests: Ralph's LRS server on the loopback address.

Ralph (PyPI `ralph-malph`) runs with its filesystem backend and HTTP Basic accounts from an
auth file. That backend files the first POST of new statements only (later ones find its data
file already there), so one server serves one push of new statements; resends (which Ralph
answers 204 without writing) can follow as often as wanted.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

USER, PASSWORD = "salesplay-tests", "not-a-real-secret-7f3a"


def available() -> str:
    """ "" when Ralph can run here, else why not."""
    from importlib.util import find_spec

    # found, not imported: importing ralph.api here would configure it for this process
    missing = [m for m in ("ralph", "fastapi", "uvicorn", "bcrypt", "requests") if not find_spec(m)]
    if missing:
        return (
            f"Ralph's LRS server is not installed (no {', '.join(missing)}); "
            "pip install -e '.[test]'"
        )
    return ""


class Ralph:
    """Starts at once (it takes a few seconds to boot); `url()` waits until it answers."""

    def __init__(self):
        import bcrypt

        self.folder = Path(tempfile.mkdtemp(prefix="salesplay-ralph-"))
        hashed = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode()
        (self.folder / "auth.json").write_text(
            json.dumps(
                [
                    {
                        "agent": {"account": {"homePage": "http://127.0.0.1", "name": USER}},
                        "scopes": ["all"],
                        "hash": hashed,
                        "username": USER,
                    }
                ]
            )
        )
        env = dict(
            os.environ,
            RALPH_RUNSERVER_BACKEND="fs",
            RALPH_RUNSERVER_AUTH_BACKENDS="basic",
            RALPH_AUTH_FILE=str(self.folder / "auth.json"),
            RALPH_APP_DIR=str(self.folder / "app"),
            RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=str(self.folder),
        )
        self.log = open(self.folder / "server.log", "w+")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "ralph.api:app",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
            ],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=self.folder,
        )
        self._url = ""

    def url(self, timeout: float = 90) -> str:
        """The xAPI endpoint, once the server answers its heartbeat."""
        if self._url:
            return self._url
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph stopped:\n{self.output()}")
            found = re.search(r"running on http://127\.0\.0\.1:(\d+)", self.output())
            if found:
                root = f"http://127.0.0.1:{found.group(1)}"
                try:
                    with urllib.request.urlopen(root + "/__heartbeat__", timeout=2) as r:
                        if r.status == 200:
                            self._url = root + "/xAPI/"
                            return self._url
                except OSError:
                    pass
            time.sleep(0.1)
        raise RuntimeError(f"Ralph did not start within {timeout} s:\n{self.output()}")

    def output(self) -> str:
        self.log.flush()
        return (self.folder / "server.log").read_text(errors="replace")

    def statements(self) -> list[dict]:
        """What the LRS holds, read back through its own API."""
        import base64

        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        request = urllib.request.Request(
            self.url() + "statements?limit=1000",
            headers={"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"},
        )
        with urllib.request.urlopen(request, timeout=10) as r:
            return json.loads(r.read())["statements"]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)
