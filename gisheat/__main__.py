"""`python -m gisheat` runs the command line."""

import sys

from gisheat.cli import main

sys.exit(main())
