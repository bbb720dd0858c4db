"""The ``havre`` command.

``havre serve``, ``havre db upgrade``, ``havre rooms list|create|archive``, ``havre safety ...``
(``cli.safety``), ``havre --version``. Modules: ``main`` (argument parsing and the commands).
"""

from havre.cli.main import main

__all__ = ["main"]
