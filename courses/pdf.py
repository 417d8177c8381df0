"""The course certificate (kursusbevis) as a Danish PDF (fpdf2, see mentorship.pdf)."""

from django.utils import formats, translation

from mentorship.pdf import document
from mentorship.pdf import latin1 as _latin1


def certificate_pdf(registration, sessions) -> bytes:
    course = registration.course
    jobcenter = course.jobcenter
    with translation.override("da"):
        days = [formats.date_format(s.date, "j. F Y") for s in sessions]
        completed = formats.date_format(registration.completed_on, "j. F Y")
    pdf = document(title=f"Kursusbevis - {course.title}", author=jobcenter.name, margins=(25, 30, 25))
    pdf.set_font("Helvetica", "", 12)
    pdf.cell(0, 8, _latin1(jobcenter.name), new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(12)
    pdf.set_font("Helvetica", "B", 28)
    pdf.cell(0, 14, "Kursusbevis", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(10)
    pdf.set_font("Helvetica", "", 13)
    pdf.cell(0, 8, "Det bekræftes hermed, at", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 20)
    pdf.multi_cell(0, 10, _latin1(registration.name), new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 13)
    pdf.cell(0, 8, "har gennemført", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 9, _latin1(course.title), new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("Helvetica", "", 12)
    pdf.multi_cell(0, 7, _latin1(course.course_type.name), new_x="LMARGIN", new_y="NEXT", align="C")
    if course.theme:
        pdf.multi_cell(0, 7, _latin1(f"Tema: {course.theme}"), new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(8)
    pdf.set_font("Helvetica", "", 11)
    lines = [f"Kursusdage: {', '.join(days)}", f"Sted: {course.venue}"]
    if course.provider:
        lines.append(f"Udbyder: {course.provider}")
    if course.course_type.description:
        lines.append(f"Indhold: {course.course_type.description}")
    for line in lines:
        pdf.multi_cell(0, 6, _latin1(line), new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(20)
    pdf.cell(0, 7, _latin1(f"Gennemført {completed}"), new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.cell(0, 7, _latin1(jobcenter.name), new_x="LMARGIN", new_y="NEXT", align="C")
    return bytes(pdf.output())
