"""A stand-in for Slack's Socket Mode endpoint: a WebSocket server on loopback that greets the app
as Slack does, sends it envelopes and collects its acknowledgements.

The app finds it through `apps.connections.open` on the loopback Web API (`socket_mode_url`)."""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection, serve

from tests.harness import payload_check


class SocketModeSlack:
    def __init__(self) -> None:
        self._connected = threading.Event()
        self._connection: ServerConnection | None = None
        self._acks: dict[str, dict[str, Any]] = {}
        self._acked = threading.Condition()
        self._server = serve(self._talk, "127.0.0.1", 0, compression=None, ping_interval=None)
        self._thread = threading.Thread(target=self._server.serve_forever, name="socket-mode-slack", daemon=True)

    def start(self) -> SocketModeSlack:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()

    @property
    def url(self) -> str:
        port = self._server.socket.getsockname()[1]
        return f"ws://127.0.0.1:{port}/link/?ticket=loopback"

    def wait_connected(self, timeout: float) -> None:
        if not self._connected.wait(timeout):
            raise AssertionError(f"the app did not open a Socket Mode connection within {timeout} s")

    def send(self, kind: str, payload: dict[str, Any], timeout: float = 10) -> dict[str, Any]:
        """Deliver one envelope, as Slack does, and give back the app's acknowledgement of it."""
        assert self._connection is not None, "no app is connected"
        envelope_id = str(uuid.uuid4())
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": True,
            "retry_attempt": 0,
            "retry_reason": "",
        }
        self._connection.send(json.dumps(envelope))
        with self._acked:
            if not self._acked.wait_for(lambda: envelope_id in self._acks, timeout):
                raise AssertionError(f"the app did not acknowledge a {kind} envelope within {timeout} s")
            ack = self._acks[envelope_id]
        if isinstance(ack.get("payload"), dict):
            violations = payload_check("ack", ack["payload"])
            assert violations == [], violations
        return ack

    def _talk(self, connection: ServerConnection) -> None:
        hello = {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0MLR"}}
        connection.send(json.dumps(hello))
        self._connection = connection
        self._connected.set()
        try:
            for message in connection:
                ack = json.loads(message)
                with self._acked:
                    self._acks[ack["envelope_id"]] = ack
                    self._acked.notify_all()
        except ConnectionClosed:  # the app stopped without saying goodbye, as a killed process does
            pass
