"""One configuration file → what it sets and every problem in it, syntax errors and all."""

from pathlib import Path

from desktop.config.parse import Unparsed, read_document
from desktop.config.validate import CheckedFile, check_document


def check_file(path: Path) -> CheckedFile:
    """Read and validate `path` (relative paths in it resolve against its folder).

    A file with a syntax error is not usable (`usable` False, no values): what the broken
    lines meant is unknown. Its other problems are still found, in the document without the
    broken statements, so the supervisor sees them all at once.
    """
    file, folder = str(path), path.absolute().parent
    document = read_document(path)
    if not isinstance(document, Unparsed):
        return check_document(document, file, folder)
    if document.rest is None:
        return CheckedFile(file, errors=list(document.problems), usable=False)
    rest = check_document(document.rest, file, folder, document.left_out)
    return CheckedFile(
        file,
        errors=[*document.problems, *rest.errors],
        warnings=rest.warnings,
        unknown=rest.unknown,
        usable=False,
    )
