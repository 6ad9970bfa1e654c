"""waterketen: het secretariaat van een waterketensamenwerking als code."""

__version__ = "0.1.0"
