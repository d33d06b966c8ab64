"""`python -m achilles_tui` runs the same CLI as the `achilles-tui` script."""

import sys

from achilles_tui.cli import main

sys.exit(main())
