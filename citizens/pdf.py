"""The mentor agreement as a PDF, built with fpdf2 (pure Python, no system libraries).

fpdf2's core Helvetica font covers Latin-1, which holds every Danish letter (æ, ø, å, §); the few
typographic characters outside it (en dash, curly quotes) are mapped to plain ones."""

from fpdf import FPDF

from citizens.models import MentorAgreement

_REPLACEMENTS = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."})


def _latin1(text: str) -> str:
    return str(text).translate(_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


def agreement_pdf(agreement: MentorAgreement, sections: list[tuple[str, str]], title: str) -> bytes:
    """`sections` are (heading, text) pairs already rendered in Danish by the view (the same ones the
    HTML print view shows), so the two documents cannot drift apart."""
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(title))
    pdf.set_author(_latin1(agreement.jobcenter.name))
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for heading, text in sections:
        pdf.set_font("Helvetica", "B", 11)
        pdf.multi_cell(0, 6, _latin1(heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, 5, _latin1(text or "-"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())
