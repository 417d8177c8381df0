"""Compiles every locale/*/LC_MESSAGES/*.po into its .mo with polib (no GNU gettext needed).

Only rewrites a .mo that is older than its .po, so repeated `make` runs are quick.
"""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    for po_path in sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalogue = polib.pofile(str(po_path))
        catalogue.save_as_mofile(str(mo_path))
        print(f"compiled {mo_path.relative_to(ROOT)} ({len(catalogue.translated_entries())} messages)")


if __name__ == "__main__":
    main()
