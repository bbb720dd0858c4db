"""``python -m havre`` runs the ``havre`` command."""

import sys

from havre.cli import main

sys.exit(main())
