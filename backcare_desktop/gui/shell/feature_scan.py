"""PySide6's scan for `from __feature__ import ...`, skipped: no module here uses those.

Once loaded, PySide6 reads the source of every module imported after it, looking for the word
"PySide6", to decide how that module sees PySide's optional features (snake_case,
true_property): 0, "uses PySide, no feature", or -1, "ignore". Neither BackCare nor any library
it loads selects a feature, so the process never leaves the no-feature state and both answers
behave alike; reading ~110 modules' sources to choose between them cost the first paint 8 ms of
CPU (about 3 % of the start, measured) and filled linecache with their text. Every module is
now taken as "uses PySide, no feature" without reading it. A module that does import
`__feature__` still gets its selection: PySide records that at the import itself.

The hook is PySide6's own internal (`shibokensupport.feature`): should a release rename it,
BackCare starts as before, only with the scan.
"""

from __future__ import annotations

import sys
from types import ModuleType


def skip_feature_scan() -> bool:
    """Stop PySide6 reading module sources at import; False where its hook is not the one
    known here (the scan then runs as before)."""
    import shiboken6  # noqa: F401  (loading it installs PySide6's import hook)

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    setattr(feature, "_mod_uses_pyside", _uses_pyside_without_features)  # noqa: B010
    return True


def _uses_pyside_without_features(_module: ModuleType) -> bool:
    return True
