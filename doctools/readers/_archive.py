"""ZIP-based documents (DOCX, ODT) checked by what they unpack to, before anything parses them.

Why: ``--max-mb`` limits the file as stored, but a 3 MB DOCX can hold a ``document.xml``
that inflates to 1 GB (issue 10: 7.9 GB RSS). The ZIP central directory states every
member's uncompressed size, and Python's ``zipfile`` never inflates a member past its
stated size (it fails the CRC check instead), so summing the stated sizes bounds what any
later parser can be handed. Reading the directory costs microseconds, however large the
declared contents.
"""

from __future__ import annotations

import io
import zipfile

from doctools.errors import InputError

MAX_PARTS = 2000  # members of the archive; real documents have tens, a few hundred with images
MAX_PART_BYTES = 64 * 2**20  # one member unpacked (an XML part is parsed whole into memory)
MAX_UNPACKED_BYTES = 256 * 2**20  # all members unpacked together


def _mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def check_zip(data: bytes, source: str, kind: str) -> zipfile.ZipFile:
    """The open archive, or InputError naming the limit it breaks (or why it is no ZIP)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
        raise InputError(f"{source}: damaged {kind} (broken ZIP container: {exc})") from exc
    if len(infos) > MAX_PARTS:
        raise InputError(
            f"{source}: {kind} has {len(infos):,} parts, more than the {MAX_PARTS:,}-part limit (MAX_PARTS)")
    total = 0
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            raise InputError(f"{source}: {kind} part {info.filename[:80]} unpacks to {_mb(info.file_size)}, "
                             f"more than the {_mb(MAX_PART_BYTES)} per-part limit (MAX_PART_BYTES)")
        total += info.file_size
    if total > MAX_UNPACKED_BYTES:
        raise InputError(f"{source}: {kind} unpacks to {_mb(total)}, more than the {_mb(MAX_UNPACKED_BYTES)} "
                         "limit (MAX_UNPACKED_BYTES)")
    return archive


__all__ = ["MAX_PARTS", "MAX_PART_BYTES", "MAX_UNPACKED_BYTES", "check_zip"]
