"""The course certificate (kursusbevis) as a Danish PDF, built with fpdf2 (pure Python; the citizens app
uses it too). Helvetica covers Latin-1, which holds every Danish letter."""

from django.utils import formats, translation
from fpdf import FPDF

_REPLACEMENTS = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."})


def _latin1(text: str) -> str:
    return str(text).translate(_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


def certificate_pdf(registration, sessions) -> bytes:
    course = registration.course
    jobcenter = course.jobcenter
    with translation.override("da"):
        days = [formats.date_format(s.date, "j. F Y") for s in sessions]
        completed = formats.date_format(registration.completed_on, "j. F Y")
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(f"Kursusbevis - {course.title}"))
    pdf.set_author(_latin1(jobcenter.name))
    pdf.set_margins(25, 30, 25)
    pdf.add_page()
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
