"""Turn a file's bytes into text, or into the input error that says why it cannot be read."""

from __future__ import annotations

from pathlib import Path

from kg.errors import BinaryInputError, EmptyInputError, EncodingError, InputError

BOM = b"\xef\xbb\xbf"
SNIFF_BYTES = 8192

# Formats people drop into a corpus folder by mistake; naming them makes the fix obvious.
MAGIC_NUMBERS = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.odt)"),
    (b"\xd0\xcf\x11\xe0", "an MS Office document"),
)


def read_bytes(path: Path) -> tuple[bytes, int] | InputError:
    """The bytes of ``path`` without a UTF-8 BOM and the BOM's length, or the read error."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return InputError(f"cannot read file ({exc.strerror or exc})", source=str(path))
    bom = len(BOM) if data.startswith(BOM) else 0
    return data[bom:], bom


def sniff(data: bytes, source: str) -> InputError | None:
    """An error when ``data`` is empty or binary, else None."""
    if not data.strip():
        return EmptyInputError("file is empty (no text to read)", source=source)
    for magic, kind in MAGIC_NUMBERS:
        if data.startswith(magic):
            return BinaryInputError(
                f"binary file ({kind}), not text; convert it to UTF-8 .txt first", source=source
            )
    if b"\x00" in data[:SNIFF_BYTES]:
        return BinaryInputError(
            "binary file (NUL bytes in the first 8 KB), not text; convert it to UTF-8 .txt first",
            source=source,
        )
    return None


def decode(data: bytes, source: str, offset: int = 0) -> str | EncodingError:
    """``data`` decoded as UTF-8 with ``\\r\\n`` unified to ``\\n``, or an EncodingError.

    Args:
        offset: where ``data`` starts in the file, so that the error names the file offset.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        return EncodingError(
            f"not valid UTF-8 (byte 0x{bad:02x} at offset {offset + exc.start}); "
            "re-save the file as UTF-8",
            source=source,
        )
    return text.replace("\r\n", "\n")


def first_line(text: str) -> str:
    """The first non-empty line of ``text``, stripped (the article title by convention)."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""
