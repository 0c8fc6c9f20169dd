"""Errors as values with stable codes.

Library code raises these and never prints or exits; the CLI turns one into a single line
``error [KG104] corpus/x.txt: not UTF-8 (byte 0x9d at offset 812)`` and exit code 1.

Code ranges: KG1xx input, KG2xx store, KG3xx query, KG4xx export, KG5xx evaluation.
"""

from __future__ import annotations


class KgError(Exception):
    """Base class: a problem the user can fix, with a stable code and the input it concerns."""

    code = "KG100"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"[{self.code}] {where}{self.message}"


class InputError(KgError):
    """An input path or article cannot be read (KG1xx)."""

    code = "KG100"


class MissingPathError(InputError):
    code = "KG101"


class EmptyInputError(InputError):
    code = "KG102"


class BinaryInputError(InputError):
    code = "KG103"


class EncodingError(InputError):
    code = "KG104"


class JsonlError(InputError):
    code = "KG105"


class UnsupportedInputError(InputError):
    code = "KG106"


class BadDateError(InputError):
    code = "KG107"


class UnknownArticleError(InputError):
    """``kg delete`` was given an id that is not in the store."""

    code = "KG108"


class StoreError(KgError):
    """The store cannot be opened, read or written (KG2xx)."""

    code = "KG200"


class StoreMissingError(StoreError):
    code = "KG201"


class StoreLockedError(StoreError):
    code = "KG202"


class QueryError(KgError):
    """A query cannot be found, parsed or run (KG3xx)."""

    code = "KG300"


class UnknownQueryError(QueryError):
    code = "KG301"


class QuerySyntaxError(QueryError):
    code = "KG302"


class QueryParameterError(QueryError):
    code = "KG303"


class ExportError(KgError):
    code = "KG400"


class EvalError(KgError):
    code = "KG500"
