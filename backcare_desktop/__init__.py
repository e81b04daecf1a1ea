"""BackCare Desktop: a calm companion for a daily back self-massage and breathing routine."""

__version__ = "0.1.0"
APP_NAME = "BackCare Desktop"
APP_ID = "io.github.backcare.BackCareDesktop"
APP_SLUG = "backcare-desktop"
