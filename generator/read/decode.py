"""Bytes to text, in whatever encoding a clipping was saved."""

from __future__ import annotations

import re

from ..errors import InputError

CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def decode(original: str, data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM first, else the encoding
    charset-normalizer detects (Windows-1252, ISO-8859-x, Shift_JIS, EUC-JP, GB18030, Big5...)."""
    if not data.strip():
        raise InputError(original, "the file is empty")
    binary = InputError(original, "looks like a binary file, not text in any known encoding")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        if text is None:
            raise binary
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            encoding = _detect_encoding(data)
            if encoding is None:
                raise binary from None
            text = data.decode(encoding, errors="replace")
    sample = text[:20_000]
    if len(CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise binary
    return text


# Encodings people's files are actually in, most common first: among equally clean readings of
# the bytes, these win over rare ones (Celtic ISO-8859-14 for a Polish text, say).
COMMON_ENCODINGS = ("cp1252", "iso8859_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "iso8859_5",
                    "cp1253", "iso8859_7", "cp1254", "iso8859_9", "cp1256", "iso8859_6", "cp1255", "iso8859_8",
                    "cp1257", "iso8859_13", "shift_jis", "cp932", "euc_jp", "gb18030", "gbk", "gb2312", "big5",
                    "big5hkscs", "cp950", "euc_kr", "cp949", "tis_620", "cp874", "cp1258", "utf_8")


def _detect_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # (only for a file that is not UTF-8)

    matches = list(from_bytes(data[:1_000_000]))
    if not matches:
        return None
    least = min(m.chaos for m in matches)

    def rank(match) -> tuple:
        common = COMMON_ENCODINGS.index(match.encoding) if match.encoding in COMMON_ENCODINGS else len(COMMON_ENCODINGS)
        return (-round(match.coherence, 2), common)

    return min((m for m in matches if m.chaos <= least + 0.01), key=rank).encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly Latin script has a NUL in every other byte; anything else is binary."""
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros):
            return data.decode(encoding, errors="replace")
    return None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
