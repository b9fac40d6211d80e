"""Problems of a roster import: the catalogue import's RowError, under the roster's title."""

from sirius.referentiel.catalogue.errors import CatalogueImportError, RowError

__all__ = ["RosterImportError", "RowError", "roster_file_error"]


class RosterImportError(CatalogueImportError):
    """The roster was refused and nothing was written; `errors` lists every problem found."""

    title = "Import des contacts refusé"


def roster_file_error(reason):
    return RosterImportError([RowError(line=None, field="", value="", reason=reason)])
