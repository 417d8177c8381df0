"""The mentor agreement as a PDF (fpdf2, see mentorship.pdf)."""

from citizens.models import MentorAgreement
from mentorship.pdf import FONT, document
from mentorship.pdf import text as pdf_text


def agreement_pdf(agreement: MentorAgreement, sections: list[tuple[str, str]], title: str) -> bytes:
    """`sections` are (heading, text) pairs already rendered in Danish by the view (the same ones the
    HTML print view shows), so the two documents cannot drift apart."""
    pdf = document(title=title, author=agreement.jobcenter.name)
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 8, pdf_text(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for heading, text in sections:
        pdf.set_font(FONT, "B", 11)
        pdf.multi_cell(0, 6, pdf_text(heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(0, 5, pdf_text(text or "-"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())
