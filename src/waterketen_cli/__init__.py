"""waterketen: het secretariaat van een waterketensamenwerking als code."""

# The one source of the version: pyproject.toml reads it from here when the package is
# built ([tool.setuptools.dynamic]), `waterketen --version` prints it, and a release tag
# v<version> must match it (.github/workflows/release.yml).
__version__ = "0.1.0"
