"""`gisheat export FILE --layer NAME --output OUT`: a layer to GeoPackage, GeoJSON, Shapefile or CSV."""

from __future__ import annotations

import argparse

from gisheat.cli.output import load_network, print_json
from gisheat.io import export


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export", help="export a layer to GeoPackage, GeoJSON, Shapefile or CSV",
        description="Export one layer of the network file. The format follows the output suffix "
        "(.gpkg, .geojson, .shp, .csv) unless --format says otherwise. Field names a Shapefile "
        "cannot hold are shortened and listed.",
    )
    p.add_argument("file", help="network GeoPackage")
    p.add_argument("--layer", required=True, help="layer to export (any layer of the file)")
    p.add_argument("--output", "-o", required=True, help="file to write (replaced atomically)")
    p.add_argument("--format", choices=["gpkg", "geojson", "shp", "csv"], help="output format")
    p.add_argument("--crs", help="reproject to this CRS (e.g. EPSG:4326 for web maps)")
    p.add_argument("--encoding", default="UTF-8", help="text encoding for Shapefile and CSV (default UTF-8)")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    network = load_network(args.file)
    report = export.export_layer(network, args.layer, args.output, driver=args.format, crs=args.crs,
                                 encoding=args.encoding)
    if args.json:
        print_json(report.to_json())
    else:
        for line in report.lines():
            print(line)
    return 0
