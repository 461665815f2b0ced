"""Numbers as an asset engineer reads them: thousands grouped (12,345,678), fixed decimals.

QLocale's own grouping depends on the process locale (the "C" locale omits
it), so the workspace formats here: the same in English and Chinese, like
the figures in the utility's spreadsheets.
"""

from __future__ import annotations

import math


def fmt(value: float, decimals: int = 0) -> str:
    """``value`` with thousands grouped and ``decimals`` decimals ('' for missing)."""
    if value is None:
        return ""
    value = float(value)
    if not math.isfinite(value):
        return ""
    text = f"{value:,.{decimals}f}"
    return "0" if decimals == 0 and text == "-0" else text


def percent(share: float, digits: int = 3) -> str:
    """A share 0–1 as '12.5 %' (``digits`` significant digits)."""
    return f"{100 * float(share):.{digits}g} %"
