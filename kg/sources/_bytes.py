"""Turn a file's bytes into text, or into the input error that says why it cannot be read."""

from __future__ import annotations

import gzip
import io
import re
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from kg.errors import BinaryInputError, EmptyInputError, EncodingError, InputError

BOM = b"\xef\xbb\xbf"
SNIFF_BYTES = 8192
GZIP_MAGIC = b"\x1f\x8b"
# A .gz is decompressed in memory; past this size it is refused rather than exhausting RAM.
MAX_DECOMPRESSED = 256 * 1024 * 1024
STDIN = "-"

# Formats people drop into a corpus folder by mistake; naming them makes the fix obvious.
MAGIC_NUMBERS = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (GZIP_MAGIC, "a gzip archive"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.odt)"),
    (b"\xd0\xcf\x11\xe0", "an MS Office document"),
)
# A valid UTF-8 multi-byte sequence: its presence next to invalid bytes means mixed encodings.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass(frozen=True)
class Blob:
    """The bytes of one input (BOM removed, gzip undone) and the names it is known by.

    ``source`` is what errors name (the path, or ``<stdin>``); ``name`` is the file name
    without ``.gz`` (its suffix hints at the format, its stem is the default article id);
    ``path`` is the file itself, None for stdin; ``offset`` is the removed BOM's length.
    """

    data: bytes
    source: str
    name: str
    path: Path | None = None
    offset: int = 0

    @property
    def stem(self) -> str:
        """The file name without its extension(s): the default article id."""
        return Path(self.name).stem

    @property
    def suffix(self) -> str:
        """The lower-case extension under any ``.gz``: a hint at the format."""
        return Path(self.name).suffix.lower()


def load(path: Path) -> Blob | InputError:
    """The Blob of a file, or of standard input when ``path`` is ``-``; gzip is undone."""
    source = "<stdin>" if str(path) == STDIN else str(path)
    try:
        data = sys.stdin.buffer.read() if str(path) == STDIN else path.read_bytes()
    except OSError as exc:
        return InputError(f"cannot read file ({exc.strerror or exc})", source=source)
    name = "stdin" if str(path) == STDIN else path.name
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, source)
        if isinstance(data, InputError):
            return data
        name = name[:-3] if name.lower().endswith(".gz") else name
    bom = len(BOM) if data.startswith(BOM) else 0
    return Blob(data[bom:], source, name, None if str(path) == STDIN else path, bom)


def gunzip(data: bytes, source: str) -> bytes | InputError:
    """The decompressed bytes of a gzip archive, at most MAX_DECOMPRESSED of them."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(MAX_DECOMPRESSED + 1)
    except EOFError:
        return InputError(
            "truncated gzip archive (it ends before its end marker); re-download or "
            "re-compress the file", source=source)
    except (OSError, zlib.error) as exc:
        return InputError(f"corrupt gzip archive ({exc}); re-compress the file", source=source)
    if len(out) > MAX_DECOMPRESSED:
        return InputError(
            f"gzip archive expands beyond {MAX_DECOMPRESSED // 2**20} MB; decompress it and "
            "split it into smaller files", source=source)
    return out


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


def decode_lenient(data: bytes, source: str, offset: int = 0) -> tuple[str, str | None] | EncodingError:
    """``data`` as UTF-8, else as Windows-1252 with a warning; an EncodingError if neither fits.

    Latin-1 is not tried: it accepts every byte, so it cannot tell text from garbage.

    >>> decode_lenient("Le “cloud”".encode("cp1252"), "x.txt")
    ('Le “cloud”', 'not valid UTF-8 (byte 0x93 at offset 3): read as Windows-1252; re-save the file as UTF-8')
    >>> print(decode_lenient(b"abc\\x9d", "x.txt", offset=3))
    [KG104] x.txt: not valid UTF-8 (byte 0x9d at offset 6) and not Windows-1252 either; re-save the file as UTF-8
    """
    text = decode(data, source, offset)
    if not isinstance(text, EncodingError):
        return text, None
    where = text.message.split(";")[0]
    if _UTF8_SEQUENCE.search(data):
        return EncodingError(
            f"{where} but it also holds UTF-8 sequences: the file mixes encodings; "
            "re-save it as UTF-8", source=source)
    try:
        recovered = data.decode("cp1252")
    except UnicodeDecodeError:
        return EncodingError(
            f"{where} and not Windows-1252 either; re-save the file as UTF-8", source=source)
    return recovered.replace("\r\n", "\n"), f"{where}: read as Windows-1252; re-save the file as UTF-8"


def first_line(text: str) -> str:
    """The first non-empty line of ``text``, stripped (the article title by convention)."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""
