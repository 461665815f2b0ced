"""The command modules, in the order `gisheat --help` lists them."""

from __future__ import annotations

from gisheat.cli import (
    audit_cmd,
    criticality_cmd,
    export_cmd,
    failure_model_cmd,
    import_cmd,
    isolate_cmd,
    plan_cmd,
    segments_cmd,
    validate_cmd,
)

MODULES = [validate_cmd, isolate_cmd, segments_cmd, criticality_cmd, audit_cmd, plan_cmd, failure_model_cmd, import_cmd, export_cmd]
