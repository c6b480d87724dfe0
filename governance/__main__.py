"""Entry point for `python -m governance`."""

import sys

from governance.cli import main

sys.exit(main())
