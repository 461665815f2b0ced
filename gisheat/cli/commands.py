"""The command modules, in the order `gisheat --help` lists them."""

from __future__ import annotations

from gisheat.cli import isolate_cmd, validate_cmd

MODULES = [validate_cmd, isolate_cmd]
