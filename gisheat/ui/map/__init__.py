"""The map: canvas, layers, styles, tools, overlays and the optional basemap."""
