"""gisheat — desktop GIS for district-heating networks.

The Qt-free core (``gisheat.core``, ``gisheat.io``, ``gisheat.analysis``,
``gisheat.sample``, ``gisheat.cli``) works from scripts, notebooks and tests;
``gisheat.ui`` is the desktop application on top of it.
"""

__version__ = "0.1.0"
