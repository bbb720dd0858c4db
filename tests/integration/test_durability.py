"""Acknowledged means stored: every acknowledged message survives a SIGKILL of the server."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _start(database: Path, port: int) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "HAVRE_SAFETY_ENABLED": "0",
        "HAVRE_LOG_LEVEL": "WARNING",
        "HAVRE_LIMITS_MESSAGES_BURST": "1000",
        "HAVRE_LIMITS_FRAMES_BURST": "1000",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "havre",
        "serve",
        "--port",
        str(port),
        "--database-url",
        f"sqlite:///{database}",
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    async with aiohttp.ClientSession() as http:
        for _ in range(200):
            try:
                async with http.get(f"http://127.0.0.1:{port}/readyz") as response:
                    if response.status == 200:
                        return process
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.05)
    process.kill()
    raise AssertionError("the server did not start")


async def test_acknowledged_messages_survive_sigkill(tmp_path: Path) -> None:
    """Messages acked before a SIGKILL are all in the room's history after a restart."""
    database, port = tmp_path / "havre.db", _free_port()
    server = await _start(database, port)
    base = f"http://127.0.0.1:{port}"
    acked: list[str] = []
    try:
        async with aiohttp.ClientSession() as http:
            entry = await http.post(
                f"{base}/api/v1/session",
                json={"pseudo": "Durable", "gender": "x", "age": 40, "postal_code": "29200"},
            )
            token = (await entry.json())["token"]
            ws = await http.ws_connect(f"{base}/ws", headers={"Cookie": f"havre_session={token}"})
            assert (await ws.receive_json())["type"] == "hello"
            await ws.send_json({"type": "join", "room": "region-bretagne", "ref": "j"})
            for i in range(40):
                await ws.send_json(
                    {"type": "say", "room": "region-bretagne", "text": f"n°{i}", "ref": f"s{i}"}
                )
            while len(acked) < 40:
                frame = await ws.receive_json(timeout=5)
                if frame["type"] == "ack" and frame.get("ref", "").startswith("s"):
                    acked.append(frame["id"])
            server.send_signal(signal.SIGKILL)
            await asyncio.wait_for(server.wait(), 10)
    finally:
        if server.returncode is None:
            server.kill()
            await server.wait()
    again = await _start(database, port)
    try:
        async with aiohttp.ClientSession() as http:
            entry = await http.post(
                f"{base}/api/v1/session",
                json={"pseudo": "Lecteur", "gender": "x", "age": 40, "postal_code": "29200"},
            )
            token = (await entry.json())["token"]
            ws = await http.ws_connect(f"{base}/ws", headers={"Cookie": f"havre_session={token}"})
            await ws.receive_json()
            await ws.send_json({"type": "join", "room": "region-bretagne", "ref": "j"})
            while True:
                frame = await ws.receive_json(timeout=5)
                if frame["type"] == "joined":
                    break
            assert [m["id"] for m in frame["history"]] == acked
            await ws.close()
    finally:
        again.terminate()
        await asyncio.wait_for(again.wait(), 20)
