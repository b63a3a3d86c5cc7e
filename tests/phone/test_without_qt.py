"""The phone server imports and answers on a Python where PySide6 cannot be imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scripts.without_qt import REPO, blocked_env

CHILD = '''
import importlib, pkgutil, sys, tempfile, http.client
from pathlib import Path
import workshop_app.phone as phone
for info in pkgutil.walk_packages(phone.__path__, "workshop_app.phone."):
    importlib.import_module(info.name)
from tests.phone.room import make_room
from workshop_app.phone.server import PhoneServer
from workshop_app.phone.service import PhoneService
from workshop_app.store.database import open_store
store = open_store(Path(tempfile.mkdtemp()) / "x.sqlite3")
room = make_room(store, voters=2)
server = PhoneServer(PhoneService(store, room.workshop_id))
server.start("127.0.0.1", 0)
host, port = server.address
connection = http.client.HTTPConnection(host, port, timeout=10)
connection.request("GET", "/", headers={"Host": f"{host}:{port}"})
status = connection.getresponse().status
server.stop()
assert status == 200, status
assert not any(name.split(".")[0] in ("PySide6", "shiboken6") for name in sys.modules)
'''


def test_the_phone_server_runs_without_qt(tmp_path: Path) -> None:
    env = blocked_env(tmp_path)
    done = subprocess.run([sys.executable, "-c", CHILD], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
