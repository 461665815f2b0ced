#!/usr/bin/env python3
"""Start the gisheat desktop app: `python main.py [NETWORK.gpkg]`.

Without a file it opens the last network used, or the bundled sample.
"""

import sys

from gisheat.ui.app import main

if __name__ == "__main__":
    sys.exit(main(sys.argv))
