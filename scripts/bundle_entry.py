"""Entry script for the PyInstaller bundle: both executables run the command line (no arguments opens the window)."""

import sys

from workshop_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
