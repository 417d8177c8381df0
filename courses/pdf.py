"""The course certificate (kursusbevis) as a Danish PDF (fpdf2, see mentorship.pdf)."""

from django.utils import formats, translation

from mentorship.pdf import FONT, document
from mentorship.pdf import text as pdf_text


def certificate_pdf(registration, sessions) -> bytes:
    course = registration.course
    jobcenter = course.jobcenter
    with translation.override("da"):
        days = [formats.date_format(s.date, "j. F Y") for s in sessions]
        completed = formats.date_format(registration.completed_on, "j. F Y")
    pdf = document(title=f"Kursusbevis - {course.title}", author=jobcenter.name, margins=(25, 30, 25))
    pdf.set_font(FONT, "", 12)
    pdf.cell(0, 8, pdf_text(jobcenter.name), new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(12)
    pdf.set_font(FONT, "B", 28)
    pdf.cell(0, 14, "Kursusbevis", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(10)
    pdf.set_font(FONT, "", 13)
    pdf.cell(0, 8, "Det bekræftes hermed, at", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(4)
    pdf.set_font(FONT, "B", 20)
    pdf.multi_cell(0, 10, pdf_text(registration.name), new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(4)
    pdf.set_font(FONT, "", 13)
    pdf.cell(0, 8, "har gennemført", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(4)
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 9, pdf_text(course.title), new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font(FONT, "", 12)
    pdf.multi_cell(0, 7, pdf_text(course.course_type.name), new_x="LMARGIN", new_y="NEXT", align="C")
    if course.theme:
        pdf.multi_cell(0, 7, pdf_text(f"Tema: {course.theme}"), new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(8)
    pdf.set_font(FONT, "", 11)
    lines = [f"Kursusdage: {', '.join(days)}", f"Sted: {course.venue}"]
    if course.provider:
        lines.append(f"Udbyder: {course.provider}")
    if course.course_type.description:
        lines.append(f"Indhold: {course.course_type.description}")
    for line in lines:
        pdf.multi_cell(0, 6, pdf_text(line), new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(20)
    pdf.cell(0, 7, pdf_text(f"Gennemført {completed}"), new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.cell(0, 7, pdf_text(jobcenter.name), new_x="LMARGIN", new_y="NEXT", align="C")
    return bytes(pdf.output())
