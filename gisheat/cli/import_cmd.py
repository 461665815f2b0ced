"""`gisheat import FILE SOURCE --layer L --map SRC=DST …`: bring features into a network file.

Prints the import report (one line per source feature left out, and why),
then saves the network file atomically. Exit 1 with one line on stderr when
the import cannot run at all (unreadable source, a mapping that cannot work).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pyproj

from gisheat.cli.output import load_network, print_json
from gisheat.core import edits, schema
from gisheat.errors import InputError, NetworkFileError
from gisheat.io import gpkg
from gisheat.io import importer as imp


def _pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME=VALUE")
    return name.strip(), value


def _mapping(text: str) -> tuple[str, str]:
    source, sep, target = text.rpartition("=")
    if not sep or not source.strip() or not target.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not SOURCE_FIELD=LAYER_FIELD")
    return source.strip(), target.strip()


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import", help="import features from Shapefile, GeoJSON, GeoPackage or CSV",
        description="Import features into a layer of the network file, with a field mapping; "
        "prints what could not be imported and why, then saves the file.",
    )
    p.add_argument("file", help="network GeoPackage (created when missing, see --network-crs)")
    p.add_argument("source", help="Shapefile, GeoJSON, GeoPackage or CSV file to import from")
    p.add_argument("--layer", required=True, choices=list(schema.LAYERS), help="network layer to fill")
    p.add_argument("--map", dest="mapping", action="append", type=_mapping, default=[], metavar="SRC=DST",
                   help="source field SRC goes to layer field DST (repeat; 'not:SRC' inverts yes/no)")
    p.add_argument("--set", dest="constants", action="append", type=_pair, default=[], metavar="FIELD=VALUE",
                   help="give every imported feature this value (repeat)")
    p.add_argument("--source-layer", help="layer of a multi-layer source file")
    p.add_argument("--keep-unmapped", action="store_true", help="keep the other source fields as extra fields")
    p.add_argument("--dn-inches", action="store_true", help="the field mapped to dn is in inches")
    p.add_argument("--x", help="CSV column with x (easting or longitude)")
    p.add_argument("--y", help="CSV column with y (northing or latitude)")
    p.add_argument("--wkt", help="CSV column with WKT geometry")
    p.add_argument("--source-crs", help="CRS of the source (e.g. EPSG:4326), for CSV or files without one")
    p.add_argument("--encoding", help="text encoding of the source (default: from the file, UTF-8)")
    p.add_argument("--network-crs", help="CRS of a new network file (default: the source's, if in metres)")
    p.add_argument("--dry-run", action="store_true", help="report only; do not change the file")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    source = imp.open_source(args.source, layer=args.source_layer, x=args.x, y=args.y, wkt=args.wkt,
                             crs=args.source_crs, encoding=args.encoding)
    path = Path(args.file)
    network = load_network(path) if path.exists() else _new_network(path, source, args.network_crs)
    sources = [src.removeprefix(imp.NEGATE) for src, _dst in args.mapping]  # 'not:a' maps a too
    twice = sorted({src for src in sources if sources.count(src) > 1})
    if twice:
        targets = [dst for src, dst in args.mapping if src.removeprefix(imp.NEGATE) == twice[0]]
        raise InputError(f"--map {twice[0]}: given twice ({', '.join(targets)}); a source field goes to one field")
    # source fields named exactly as a field of the layer go there unless --map or --set says otherwise
    given = dict(args.mapping)
    taken = set(given.values()) | {dst for dst, _ in args.constants}
    named = {f: f for f in source.fields if f in schema.LAYERS[args.layer].field_names
             and f not in sources and f not in taken}
    options = imp.ImportOptions(args.layer, fields={**named, **given}, constants=dict(args.constants),
                                keep_unmapped=args.keep_unmapped, dn_inches=args.dn_inches)
    _, report = imp.import_features(network, source, options)
    saved = False
    if report.imported and not args.dry_run:
        gpkg.save(network, path)
        saved = True
    if args.json:
        print_json({"file": str(path), **report.to_json(), "saved": saved})
        return 0
    for line in report.lines():
        print(line)
    for note in report.notes:
        print(f"note: {note}")
    tail = "" if saved or not report.imported else " (dry run: file not changed)"
    print(report.summary() + tail)
    return 0


def _new_network(path, source: imp.Source, network_crs: str | None):
    """A new, empty network file for the import, in ``--network-crs`` or the source's metric CRS."""
    if not path.parent.exists():
        raise NetworkFileError(f"{path}: folder {path.parent} does not exist")
    if network_crs is not None:
        try:
            crs = pyproj.CRS.from_user_input(network_crs)
        except pyproj.exceptions.CRSError:
            raise InputError(f"--network-crs {network_crs!r} is not a CRS (try EPSG:4547)") from None
    elif source.crs is not None:
        crs = source.crs
    else:
        raise NetworkFileError(f"{path}: no such file; to create it give --network-crs EPSG:xxxx (metres)")
    units = {axis.unit_name for axis in crs.axis_info}
    if not crs.is_projected or not units <= {"metre", "meter", "m"}:
        raise InputError(f"{path}: a network needs a projected CRS in metres, not {crs.name}; "
                         "give --network-crs EPSG:xxxx")
    network = gpkg.new_network({"pipes": edits.new_layer_frame("pipes", crs)}, crs)
    network.path = path
    return network
