"""`python -m generator` runs the errgen command line."""

import sys

from .cli import main

sys.exit(main())
