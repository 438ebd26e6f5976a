"""``python -m kb``: the engine's commands (see kb.cli)."""

import sys

from kb.cli import main

sys.exit(main())
