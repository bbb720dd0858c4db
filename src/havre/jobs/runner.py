"""The job runner: every background task of the server starts here, named and supervised."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

_BACKOFF_START = 0.5
_BACKOFF_MAX = 30.0


@dataclass(frozen=True, slots=True)
class Job:
    """A named job: ``run`` loops forever (a worker) or does one pass (periodic, every ``every`` s)."""

    name: str
    run: Callable[[], Awaitable[None]]
    every: float | None = None


class JobRunner:
    """Starts jobs, restarts a failed one after a growing pause, and stops them all together."""

    def __init__(self) -> None:
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self.failures: dict[str, int] = {}

    def start(self, job: Job) -> None:
        """Start a job under supervision. Raises ``ValueError`` if a job of that name runs."""
        if job.name in self._tasks:
            raise ValueError(f"job {job.name} already runs")
        self.failures[job.name] = 0
        self._tasks[job.name] = asyncio.get_running_loop().create_task(self._supervise(job), name=job.name)

    async def _supervise(self, job: Job) -> None:
        backoff = _BACKOFF_START
        while True:
            try:
                if job.every is None:
                    await job.run()
                    log.warning("job %s returned; restarting", job.name)
                else:
                    await asyncio.sleep(job.every)
                    await job.run()
                    backoff = _BACKOFF_START
                    continue
            except asyncio.CancelledError:
                raise
            except Exception:
                self.failures[job.name] += 1
                log.exception("job %s failed; restarting in %.1f s", job.name, backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, _BACKOFF_MAX)

    def running(self) -> list[str]:
        """The names of the jobs that run."""
        return [name for name, task in self._tasks.items() if not task.done()]

    async def stop(self) -> None:
        """Cancel every job and wait for them to end."""
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
