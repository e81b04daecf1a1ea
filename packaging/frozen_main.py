"""The frozen app's entry point: PyInstaller needs a script, and this one only calls main().

Kept outside the package so that `backcare_desktop.__main__` is imported once, as a module,
exactly as the wheel's `backcare` command imports it.
"""

import multiprocessing
import sys

from backcare_desktop.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the sound's decoding helper (services/audio/decode.py)
    sys.exit(main())
