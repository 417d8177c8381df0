"""Text from an uploaded or given CSV file, whatever the spreadsheet saved it as.

Shared by every CSV import (the corps import, `manage.py import_postcodes`): Danish Excel saves UTF-8 with a
byte-order mark, its "Unicode text" as UTF-16 (tab-separated), and older versions as Windows-1252.
"""

import codecs


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 without a byte-order mark: Danish and English text puts a NUL in every other byte."""
    sample = raw[:4000]
    if len(sample) < 4:
        return None
    for codec, nuls in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if nuls.count(0) > len(nuls) * 0.6:
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM); UTF-16 (Excel's "Unicode text"); Excel's older Windows-1252 export as a
    fallback. Raises UnicodeDecodeError when the bytes are none of these."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    text = _utf16_without_bom(raw)
    if text is not None:
        return text
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")
