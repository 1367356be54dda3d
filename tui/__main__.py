"""``python -m tui`` runs the same command line as ``ward-reader``."""

import sys

from tui.cli.main import main

sys.exit(main())
