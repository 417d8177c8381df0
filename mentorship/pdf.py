"""What the product's PDFs share (fpdf2: pure Python, no system libraries).

fpdf2's core Helvetica font covers Latin-1, which holds every Danish letter (æ, ø, å, §); the few
typographic characters outside it (en dash, curly quotes) are mapped to plain ones, and anything else
outside Latin-1 becomes "?"."""

from fpdf import FPDF

_REPLACEMENTS = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."})


def latin1(text) -> str:
    return str(text).translate(_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


def document(*, title: str, author: str, margins: tuple[int, int, int] = (20, 20, 20), cls=FPDF) -> FPDF:
    """An A4 document with its title and author set and the first page added."""
    pdf = cls(format="A4")
    pdf.set_title(latin1(title))
    pdf.set_author(latin1(author))
    pdf.set_margins(*margins)
    pdf.add_page()
    return pdf
