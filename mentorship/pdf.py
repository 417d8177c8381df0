"""What the product's PDFs share (fpdf2: pure Python, no system libraries).

Text is set in DejaVu Sans (npm package dejavu-fonts-ttf, installed with the front-end packages), embedded
as a subset of the characters used: people's names are not all Latin-1 (Łukasz, Şahin, Nguyễn), and an
art. 15 copy or an agreement must spell them right. fpdf2's core fonts (Helvetica) cover Latin-1 only.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from fpdf import FPDF

FONT = "DejaVu"


@cache
def font_files() -> dict[str, Path]:
    """{fpdf2 style: TTF file}; a clear error when `make setup` (npm ci) has not installed them."""
    directory = Path(settings.BASE_DIR) / "node_modules" / "dejavu-fonts-ttf" / "ttf"
    files = {"": directory / "DejaVuSans.ttf", "B": directory / "DejaVuSans-Bold.ttf"}
    missing = [str(path) for path in files.values() if not path.is_file()]
    if missing:
        raise RuntimeError(f"PDF fonts missing ({', '.join(missing)}): run `make setup` (npm ci).")
    return files


def text(value) -> str:
    """A value as PDF text: str(), with control characters other than line breaks left out."""
    return "".join(ch for ch in str(value) if ch in "\n\t" or ch.isprintable())


def document(*, title: str, author: str, margins: tuple[int, int, int] = (20, 20, 20), cls=FPDF) -> FPDF:
    """An A4 document in DejaVu Sans with its title and author set and the first page added."""
    pdf = cls(format="A4")
    for style, path in font_files().items():
        pdf.add_font(FONT, style, str(path))
    pdf.set_title(text(title))
    pdf.set_author(text(author))
    pdf.set_margins(*margins)
    pdf.add_page()
    return pdf
