"""The mentor agreement as a PDF (fpdf2, see mentorship.pdf)."""

from citizens.models import MentorAgreement
from mentorship.pdf import document
from mentorship.pdf import latin1 as _latin1


def agreement_pdf(agreement: MentorAgreement, sections: list[tuple[str, str]], title: str) -> bytes:
    """`sections` are (heading, text) pairs already rendered in Danish by the view (the same ones the
    HTML print view shows), so the two documents cannot drift apart."""
    pdf = document(title=title, author=agreement.jobcenter.name)
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
