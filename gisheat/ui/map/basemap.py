"""Optional web tile basemap (XYZ such as OpenStreetMap, or 天地图 WMTS in web mercator).

Off by default and never needed: the map works offline and the network
layers never wait for tiles. When switched on, the tiles covering the view are
read from the disk cache or fetched in a worker thread, and each is placed on
the map with an affine transform from its corners projected into the file's
CRS (accurate to well under a pixel at city scale).

The fetcher is injectable (``fetcher(url) -> bytes``) so tests never touch the
network.
"""

from __future__ import annotations

import math
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyproj
from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsPixmapItem

TILE = 256
EARTH = 6378137.0
MAX_TILES = 48
Z_BASEMAP = -100


@dataclass(frozen=True)
class TileSource:
    key: str
    title: str
    url: str
    attribution: str
    max_zoom: int = 18
    needs_key: bool = False
    subdomains: str = ""

    def tile_url(self, z: int, x: int, y: int, api_key: str = "") -> str:
        s = self.subdomains[(x + y) % len(self.subdomains)] if self.subdomains else ""
        return self.url.format(z=z, x=x, y=y, s=s, key=api_key)


_TDT = ("https://t{s}.tianditu.gov.cn/%s_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=%s"
        "&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}")

SOURCES = {
    "osm": TileSource("osm", "OpenStreetMap", "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                      "© OpenStreetMap contributors", 19),
    "tianditu_vec": TileSource("tianditu_vec", "天地图 矢量", _TDT % ("vec", "vec"), "© 天地图", 18, True, "01234567"),
    "tianditu_img": TileSource("tianditu_img", "天地图 影像", _TDT % ("img", "img"), "© 天地图", 18, True, "01234567"),
}


def http_fetch(url: str) -> bytes:
    """Default fetcher: one HTTP GET with a short timeout."""
    request = urllib.request.Request(url, headers={"User-Agent": "gisheat/0.1 (desktop GIS)"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - user-chosen tile server
        return response.read()


def tiles_for(lon0: float, lat0: float, lon1: float, lat1: float, metres_per_pixel: float,
              max_zoom: int) -> tuple[int, list[tuple[int, int]]]:
    """Zoom level and (x, y) tiles covering a lon/lat box at about the view's resolution."""
    lat_mid = (lat0 + lat1) / 2
    res0 = 2 * math.pi * EARTH * math.cos(math.radians(lat_mid)) / TILE
    z = int(round(math.log2(max(res0 / max(metres_per_pixel, 1e-6), 1))))
    z = max(0, min(z, max_zoom))

    def tile_xy(lon, lat):
        n = 2**z
        x = int((lon + 180) / 360 * n)
        lat_r = math.radians(max(min(lat, 85.05), -85.05))
        y = int((1 - math.asinh(math.tan(lat_r)) / math.pi) / 2 * n)
        return min(max(x, 0), n - 1), min(max(y, 0), n - 1)

    xa, ya = tile_xy(lon0, lat1)
    xb, yb = tile_xy(lon1, lat0)
    tiles = [(x, y) for x in range(xa, xb + 1) for y in range(ya, yb + 1)]
    return z, tiles[:MAX_TILES]


def tile_corner(z: int, x: float, y: float) -> tuple[float, float]:
    """Lon/lat of tile coordinate (x, y) at zoom z (corner at the integer grid)."""
    n = 2**z
    lon = x / n * 360 - 180
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / n))))
    return lon, lat


class TileBasemap(QObject):
    """Tiles under the map layers; call ``update_view`` after each pan/zoom (the canvas does)."""

    tile_loaded = Signal(int, int, int)

    def __init__(self, view_box, source: TileSource, crs, cache_dir: Path, *, runner,
                 fetcher: Callable[[str], bytes] = http_fetch, api_key: str = "") -> None:
        super().__init__()
        self.view_box = view_box
        self.source = source
        self.cache_dir = Path(cache_dir) / source.key
        self.runner = runner
        self.fetcher = fetcher
        self.api_key = api_key
        self.items: dict[tuple[int, int, int], QGraphicsPixmapItem] = {}
        self.pending: set[tuple[int, int, int]] = set()
        self.failed: set[tuple[int, int, int]] = set()
        self.to_lonlat = pyproj.Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
        self.from_lonlat = pyproj.Transformer.from_crs("EPSG:4326", crs, always_xy=True)

    @property
    def attribution(self) -> str:
        return self.source.attribution

    def update_view(self, rect: QRectF, metres_per_pixel: float) -> None:
        xs = [rect.left(), rect.right()]
        ys = [rect.top(), rect.bottom()]
        lons, lats = self.to_lonlat.transform([xs[0], xs[1], xs[0], xs[1]], [ys[0], ys[0], ys[1], ys[1]])
        if not all(math.isfinite(v) for v in (*lons, *lats)):
            return
        z, tiles = tiles_for(min(lons), min(lats), max(lons), max(lats), metres_per_pixel, self.source.max_zoom)
        wanted = {(z, x, y) for x, y in tiles}
        if len(self.items) > 2 * MAX_TILES:
            for key in [k for k in self.items if k not in wanted]:
                self.view_box.removeItem(self.items.pop(key))
        for key in wanted:
            if key in self.items or key in self.pending or key in self.failed:
                continue
            path = self.cache_dir / str(key[0]) / str(key[1]) / f"{key[2]}.png"
            if path.exists():
                self._place(key, path.read_bytes())
            else:
                self._fetch(key, path)

    def _fetch(self, key, path: Path) -> None:
        url = self.source.tile_url(*key, api_key=self.api_key)
        self.pending.add(key)
        fetcher = self.fetcher

        def job(progress, is_cancelled):
            return fetcher(url)

        def done(data: bytes) -> None:
            self.pending.discard(key)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            except OSError:
                pass
            self._place(key, data)

        def failed(exc) -> None:
            self.pending.discard(key)
            self.failed.add(key)

        self.runner.start(job, on_done=done, on_error=failed, text="")

    def _place(self, key, data: bytes) -> None:
        image = QImage.fromData(data)
        if image.isNull():
            self.failed.add(key)
            return
        z, x, y = key
        corners = [tile_corner(z, x + dx, y + dy) for dx, dy in ((0, 0), (1, 0), (0, 1))]
        px, py = self.from_lonlat.transform([c[0] for c in corners], [c[1] for c in corners])
        w, h = image.width(), image.height()
        transform = QTransform(
            (px[1] - px[0]) / w, (py[1] - py[0]) / w,
            (px[2] - px[0]) / h, (py[2] - py[0]) / h,
            px[0], py[0],
        )
        item = QGraphicsPixmapItem(QPixmap.fromImage(image))
        item.setTransform(transform)
        item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        item.setZValue(Z_BASEMAP + z * 0.01)
        self.view_box.addItem(item, ignoreBounds=True)
        self.items[key] = item
        self.tile_loaded.emit(z, x, y)

    def clear(self) -> None:
        for item in self.items.values():
            self.view_box.removeItem(item)
        self.items.clear()
