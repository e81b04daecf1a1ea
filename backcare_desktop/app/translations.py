"""Load the translations for the person's language at start.

BackCare's own catalogue is `assets/i18n/backcare_<language>.qm` (made with pyside6-lrelease
from a .ts that pyside6-lupdate extracts); Qt's own (the OK / Cancel of standard dialogs) comes
from the Qt installation. A language without a catalogue is the normal case, not an error: the
English source text is shown and nothing is said. QTranslator.load tries the locale's UI
languages in order ("de_AT", then "de"), so one file serves every region of a language.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from backcare_desktop.resources import MissingAssetError, assets_dir

log = logging.getLogger(__name__)
CATALOGUE = "backcare"
QT_CATALOGUE = "qtbase"


def translations_dir() -> Path | None:
    """Where BackCare's .qm files live, or None when the assets themselves are missing."""
    try:
        return assets_dir() / "i18n"
    except MissingAssetError:
        return None


def install_catalogue(app: QCoreApplication, name: str, folder: Path, locale: QLocale) -> bool:
    """Install `folder/<name>_<language>.qm` for `locale` if there is one; say whether it was."""
    translator = QTranslator(app)  # the application keeps it alive
    if not translator.load(locale, name, "_", str(folder), ".qm"):
        translator.deleteLater()
        return False
    app.installTranslator(translator)
    log.info("translations loaded: %s", translator.filePath())
    return True


def install_translations(app: QCoreApplication, locale: QLocale | None = None) -> None:
    """Qt's and BackCare's catalogues for `locale` (the system's by default), when present.

    English is the source language, so an English locale loads nothing at all.
    """
    locale = locale if locale is not None else QLocale.system()
    if locale.language() in (QLocale.Language.English, QLocale.Language.C):
        return
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    install_catalogue(app, QT_CATALOGUE, qt_folder, locale)
    folder = translations_dir()
    if folder is not None:
        install_catalogue(app, CATALOGUE, folder, locale)
