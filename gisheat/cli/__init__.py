"""The `gisheat` command line (SPEC section 2). No Qt here.

Each command lives in its own module with ``add_parser(subparsers)`` and
``run(args) -> int``. Exit status: 0 success, 1 the analysis could not run
(one line on stderr, no traceback, no library warnings), 2 bad usage.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import warnings
from collections.abc import Sequence

from gisheat import __version__
from gisheat.cli import commands, output
from gisheat.errors import GisheatError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gisheat",
        description="District-heating network analysis: validation, isolation, segments, "
        "criticality and renewal planning on a GeoPackage network file.",
    )
    parser.add_argument("--version", action="version", version=f"gisheat {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in commands.MODULES:
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gisheat`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    logging.getLogger("pyogrio").setLevel(logging.ERROR)
    output.WARNINGS.clear()
    try:
        status = int(args.run(args) or 0)
        if status == 0:
            for line in output.WARNINGS:
                print(line, file=sys.stderr)
        return status
    except GisheatError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail("interrupted")
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - a one-line message, never a traceback
        if os.environ.get("GISHEAT_DEBUG"):
            raise
        return fail(f"internal error: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")


def fail(message: str) -> int:
    """Print one line on stderr and return exit status 1."""
    text = " ".join(message.split())
    print(f"gisheat: {text}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
