"""Start-up benchmark: BackCare's cold start to first painted window vs a bare PySide6 window.

Runs both as whole processes, interleaved (so machine noise hits both alike), offscreen, each
quitting right after its first paint, and prints the medians and their ratio. Target ≤ 1.3.

    python tests/benchmarks/startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.resize(1180, 780)
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
watch = Watch()
window.installEventFilter(watch)
window.show()
app.exec()
"""


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="backcare-bench-")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        BACKCARE_HOME=home,
        BACKCARE_QUIT_AFTER_FIRST_PAINT="1",
    )
    app_cmd = [sys.executable, "-m", "backcare_desktop"]
    bare_cmd = [sys.executable, "-c", BARE]
    timed(app_cmd, env)  # warm the file cache once for both: we compare like with like
    timed(bare_cmd, env)
    app_times: list[float] = []
    bare_times: list[float] = []
    for _ in range(args.runs):
        bare_times.append(timed(bare_cmd, env))
        app_times.append(timed(app_cmd, env))
    app_median = statistics.median(app_times)
    bare_median = statistics.median(bare_times)
    ratio = app_median / bare_median
    print(f"runs: {args.runs} each, interleaved, platform {env['QT_QPA_PLATFORM']}")
    print(f"bare PySide6 window: median {bare_median * 1000:.0f} ms")
    print(f"BackCare main window: median {app_median * 1000:.0f} ms")
    print(f"ratio: {ratio:.2f} (target <= 1.30) {'OK' if ratio <= 1.3 else 'OVER TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
