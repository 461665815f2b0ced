"""Exceptions with one-line messages that name the file, layer, feature and problem."""

from __future__ import annotations


class GisheatError(Exception):
    """Base class: the message is one line, fit to show a user as is."""


class NetworkFileError(GisheatError):
    """A network file cannot be read or written (missing, foreign, unreadable, wrong CRS)."""


class InputError(GisheatError):
    """A request names something that does not exist or cannot be used (unknown id, bad value)."""


class Cancelled(GisheatError):
    """A long job was cancelled by the user."""

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)
