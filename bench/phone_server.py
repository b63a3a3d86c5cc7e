"""The phone server in its own process for the phone benchmarks, driven by lines on standard input.

Usage: phone_server.py STORE WORKSHOP_ID OPEN_ROUND_ID. Prints the port, then answers each command line with one line:
`open` opens a vote on a new proposal, `close` closes it, `reveal` reveals it; each is done as the facilitator's
click does it (the operation, then a push to every joined phone) and answers `at <time.time() before it>`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop_app.core.changes import perform
from workshop_app.core import voting  # noqa: E402
from workshop_app.phone.server import PhoneServer  # noqa: E402
from workshop_app.phone.service import PhoneService  # noqa: E402
from workshop_app.store.database import open_store  # noqa: E402


def main() -> None:
    """Serve phones until standard input ends, running the facilitator's commands."""
    store = open_store(sys.argv[1])
    workshop_id = int(sys.argv[2])
    server = PhoneServer(PhoneService(store, workshop_id))
    server.start("127.0.0.1", 0)
    print(server.address[1], flush=True)
    round_id = int(sys.argv[3])
    for number, line in enumerate(sys.stdin):
        command, started = line.strip(), time.time()
        if command == "open":
            proposal = perform(store, voting.create_proposal, workshop_id, "accountable",
                               f"We will report back ({number}).").value
            round_id = perform(store, voting.open_vote_in_room, proposal.id or 0, True).value.id or 0
        elif command == "close":
            perform(store, voting.close_vote, round_id)
        elif command == "reveal":
            perform(store, voting.reveal_vote, round_id)
        server.changed()
        print(f"at {started:.6f}", flush=True)
    server.stop()
    store.close()


if __name__ == "__main__":
    main()
