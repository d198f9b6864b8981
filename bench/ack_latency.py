"""Ack latency of `/mlr result` over signed HTTP, beside a bare Bolt app that only acks (the floor).

    .venv/bin/python bench/ack_latency.py [--database-url URL] [--requests 400]

Starts a fake Slack Web API on loopback, the real bot (`mlr-bot run --http`, SQLite unless
--database-url names another database) and the floor app (bench/floor_app.py) on the same server
set-up, then sends signed slash commands from 1, 10 and 50 concurrent senders to each, in turns,
in the same run. Every bot request logs an entry. Prints p50, p99 and max per level, how many
took over Slack's 3 s, and the CPU time each server process spent per request (from /proc, on
Linux); it measures and asserts nothing."""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from bot.loopback_slack import LoopbackSlack

SECRET = "bench-signing-secret"
SIGNER = SignatureVerifier(SECRET)
CHANNEL, USER = "C0BENCH", "U0BENCH"


def bot_settings(*, slack_api_url: str, database_url: str) -> dict[str, str]:
    """The bot's settings in a bench run: the loopback Slack, the bench's signing secret, its user
    a coordinator (so that it can link the channel), and the database under test."""
    return {
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack_api_url,
        "MLR_COORDINATORS": USER,
        "DATABASE_URL": database_url,
    }


def start(command: list[str], env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    handle = log.open("ab")
    process = subprocess.Popen(command, env=env, stdout=handle, stderr=handle)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{command} did not start; see {log}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def signed_headers(payload: str) -> dict[str, str]:
    timestamp = str(int(time.time()))
    signature = SIGNER.generate_signature(timestamp=timestamp, body=payload) or ""
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature,
    }


def body(text: str, n: int) -> str:
    return urlencode(
        {
            "command": "/mlr",
            "text": text,
            "user_id": USER,
            "channel_id": CHANNEL,
            "team_id": "T0MLR",
            "trigger_id": f"{time.time_ns()}.{n}",
            "response_url": "",
        }
    )


def run_level(port: int, *, senders: int, requests: int, text: str) -> list[float]:
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(requests))

    def sender() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for n in counter:
            payload = body(text, n)
            started = time.perf_counter()
            connection.request("POST", "/slack/events", payload, signed_headers(payload))
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status}")
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=sender) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(latencies)


def cpu_seconds(process: subprocess.Popen[bytes]) -> float | None:
    """User and system CPU time the server process has used so far (Linux's /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measured(process: subprocess.Popen[bytes], port: int, *, senders: int, requests: int, text: str) -> str:
    """One level against one server: its latency summary and the server's CPU time per request."""
    before = cpu_seconds(process)
    latencies = run_level(port, senders=senders, requests=requests, text=text)
    after = cpu_seconds(process)
    cpu = "n/a" if before is None or after is None else f"{(after - before) / requests * 1000:.2f}"
    return f"{summary(latencies)} | {cpu}"


def summary(latencies: list[float]) -> str:
    ms = [1000 * x for x in latencies]
    p99 = ms[min(len(ms) - 1, int(0.99 * len(ms)))]
    over = sum(1 for x in latencies if x > 3)
    return f"{statistics.median(ms):6.1f} | {p99:6.1f} | {ms[-1]:6.1f} | {over} of {len(ms)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url")
    parser.add_argument("--requests", type=int, default=400, help="requests per level and app")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp())
    slack = LoopbackSlack().start()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MLR_", "DATABASE_URL", "PORT"))}
    bot_port, floor_port = free_port(), free_port()
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
    bot_env = {**clean, **bot_settings(slack_api_url=slack.api_url, database_url=database_url)}
    bot = start(
        [sys.executable, "-m", "bot", "run", "--http", "--host", "127.0.0.1", "--port", str(bot_port)],
        bot_env,
        bot_port,
        workdir / "bot.log",
    )
    floor = start(
        [
            sys.executable,
            str(Path(__file__).with_name("floor_app.py")),
            "--port",
            str(floor_port),
            "--slack-api-url",
            slack.api_url,
            "--signing-secret",
            SECRET,
        ],
        clean,
        floor_port,
        workdir / "floor.log",
    )
    try:
        run_level(bot_port, senders=1, requests=1, text="koppla bostad")
        run_level(bot_port, senders=1, requests=20, text="resultat uppvärmning")
        run_level(floor_port, senders=1, requests=20, text="resultat uppvärmning")
        print("| senders | app | p50 ms | p99 ms | max ms | over 3 s | server CPU ms per request |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for senders in (1, 10, 50):
            floor_row = measured(floor, floor_port, senders=senders, requests=args.requests, text="resultat golv")
            print(f"| {senders} | floor (bare Bolt) | {floor_row} |")
            bot_row = measured(bot, bot_port, senders=senders, requests=args.requests, text="resultat Bänkmätning åäö")
            print(f"| {senders} | mlr-bot `/mlr result` | {bot_row} |")

    finally:
        for process in (bot, floor):
            process.terminate()
            process.wait(10)
        slack.stop()


if __name__ == "__main__":
    main()
