"""The shipped oil library as the feature pages and the Settings dialog read it: loaded once,
and a missing or broken file leaves BackCare running without oils (logged).
"""

from __future__ import annotations

import logging
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backcare_desktop.core.oils import OilLibrary

log = logging.getLogger(__name__)


@cache
def oil_library() -> OilLibrary | None:
    """The oil library, or None (logged) when the file is missing or broken."""
    from backcare_desktop.core.oils import OilDataError
    from backcare_desktop.core.oils import load_library as load_oil_library
    from backcare_desktop.resources import MissingAssetError, asset_path

    try:
        return load_oil_library(asset_path("oils.json"))
    except (OilDataError, MissingAssetError) as exc:
        log.error("the essential-oil library could not be loaded: %s", exc)
        return None


def oil_names() -> dict[str, str]:
    library = oil_library()
    return {} if library is None else {oil.id: oil.name for oil in library.oils}
