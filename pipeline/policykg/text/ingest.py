"""Read source documents: detect the encoding (and say which), refuse what cannot be text.

Supported: ``.txt`` / ``.md`` / ``.text`` in UTF-8, UTF-8 with BOM, UTF-16/32 (with BOM, or
UTF-16 without BOM when the bytes say so), GB18030 (a superset of GBK and GB2312) and Big5;
``.docx`` and ``.pdf`` when python-docx / pdfplumber are installed (the ``docs`` extra).
GB18030 and Big5 both accept most double-byte text, so which one a file is comes from what it
decodes to (see ``legacy``). Every refusal (unreadable, not a regular file, not text) is an
:class:`~policykg.errors.InputError` naming the file and the reason.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import logging
import os
import re
import stat
from pathlib import Path

from policykg.errors import InputError
from policykg.ir import DocMeta, SourceDoc
from policykg.text.legacy import decode_legacy
from policykg.text.metadata import merge_meta, metadata_from_text

logger = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# Control characters other than tab, line feed, form feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def _looks_like_text(text: str) -> bool:
    return _control_ratio(text) < 0.01


def _is_common_char(ch: str) -> bool:
    code = ord(ch)
    return (
        0x20 <= code < 0x7F
        or ch in "\t\n\r\f"
        or 0x3000 <= code <= 0x303F
        or 0x4E00 <= code <= 0x9FFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x2000 <= code <= 0x206F
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: accept only if it decodes to ordinary text."""
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if text and sum(map(_is_common_char, text)) >= 0.95 * len(text):
            return codec
    return None


def decode_bytes(data: bytes, where: object = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise :class:`InputError` otherwise."""
    if not data:
        raise InputError(where, "empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise InputError(where, f"has a {codec} byte-order mark but {exc.reason}") from exc
    if b"\x00" in data:
        codec16 = _utf16_without_bom(data)
        if codec16:
            return data.decode(codec16), codec16
        raise InputError(where, "binary file (NUL bytes, not UTF-16 text)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            raise InputError(where, "truncated: the file ends inside a UTF-8 character") from exc
        text, encoding = decode_legacy(data, where)
    else:
        encoding = "utf-8"
    if not _looks_like_text(text):
        raise InputError(where, f"binary file (control characters; tried {encoding})")
    if not text.strip():
        raise InputError(where, "empty file (white space only)")
    return text, encoding


def _extract_docx(path: Path) -> str:
    try:
        import docx  # python-docx
    except ImportError as exc:
        raise InputError(
            path, "unsupported format .docx: install the 'docs' extra (python-docx)"
        ) from exc
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types on a broken file
        raise InputError(path, f"unreadable .docx: {exc}") from exc
    return "\n".join(p.text for p in document.paragraphs)


def _extract_pdf(path: Path) -> str:
    try:
        import pdfplumber
    except ImportError as exc:
        raise InputError(
            path, "unsupported format .pdf: install the 'docs' extra (pdfplumber)"
        ) from exc
    try:
        with pdfplumber.open(str(path)) as pdf:
            return "\n".join((page.extract_text() or "") for page in pdf.pages)
    except Exception as exc:  # pdfminer raises many unrelated types on a broken file
        raise InputError(path, f"unreadable .pdf: {exc}") from exc


def not_a_file(path: Path) -> str | None:
    """Why ``path`` is not a regular file to read (following symbolic links), or None.

    Raises :class:`InputError` when it cannot even be examined (say, permission denied on its
    folder); a missing path, a dangling link or a link loop is a reason, not an error.
    """
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if exc.errno == errno.ENOENT:
            if path.is_symlink():
                return f"dangling symbolic link (to {os.readlink(path)}, which does not exist)"
            return "no such file"
        raise InputError(path, f"cannot be examined: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(mode):
        return "a folder, not a file (subfolders are not read: name the folder itself)"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if not stat.S_ISREG(mode):
        return "a device, not a file"
    return None


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, or :class:`InputError` with the reason it cannot be read."""
    problem = not_a_file(path)
    if problem:
        raise InputError(path, problem)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                path, f"oversized: {size:,} bytes is over the {max_bytes:,}-byte limit"
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror or exc}") from exc


def read_text(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[str, str, str]:
    """Return ``(text, encoding, sha256)`` for a supported file, or raise :class:`InputError`."""
    data = read_bytes(path, max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        text, encoding = decode_bytes(data, path)
    elif suffix == ".docx":
        text, encoding = _extract_docx(path), "docx"
    elif suffix == ".pdf":
        text, encoding = _extract_pdf(path), "pdf"
    else:
        raise InputError(
            path, f"unsupported format {suffix or '(no extension)'}: use .txt, .md, .docx or .pdf"
        )
    if not text.strip():
        raise InputError(path, "no text in the document")
    logger.info("%s: read %d characters as %s", path.name, len(text), encoding)
    return text, encoding, digest


def read_source(
    path: Path, *, meta: DocMeta | None = None, max_bytes: int = MAX_BYTES
) -> SourceDoc:
    """Read one document; metadata comes from its text, overridden field by field by ``meta``."""
    text, encoding, digest = read_text(path, max_bytes=max_bytes)
    found = metadata_from_text(path.name, text)
    merged = found if meta is None else merge_meta(found, meta)
    return SourceDoc(path.name, str(path), text, encoding, digest, merged)
