"""The registry of units (sở, ban, ngành, districts...) as data, versioned by date."""

from ictdata.units.registry import Registry, Unit, load_registry

__all__ = ["Registry", "Unit", "load_registry"]
