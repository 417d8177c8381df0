"""The subject-access export (GDPR art. 15) as a PDF, for the person to keep or for e-Boks.

The same content as the page (templates/audit/subject_access.html), from the same SubjectExport: every
row held about the person as "label: value" lines, the change history, the e-mails sent to them and when
and why their data was looked at. Like the page and the JSON file, this is the person's own data, so the
CPR number and sensitive notes are in it."""

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from fpdf import FPDF

from audit.export import SubjectExport, Table
from mentorship.pdf import FONT, document
from mentorship.pdf import text as pdf_text


class _Document(FPDF):
    footer_text = ""

    def footer(self):
        self.set_y(-15)
        self.set_font(FONT, "", 8)
        self.cell(0, 5, pdf_text(f"{self.footer_text} · ") + _("Side %(page)s af {nb}") % {"page": self.page_no()})


def _heading(pdf: FPDF, text: str, size: int) -> None:
    if pdf.get_y() > pdf.h - 40:  # a heading is not left alone at the foot of a page
        pdf.add_page()
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(0, size * 0.5, pdf_text(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _paragraph(pdf: FPDF, text: str) -> None:
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(0, 5, pdf_text(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _rows(pdf: FPDF, table: Table, empty: str) -> None:
    rows = table.labelled_rows()
    if not rows:
        _paragraph(pdf, empty)
        return
    for row in rows:
        for label, value in row:
            pdf.set_font(FONT, "B", 9)
            pdf.write(4.5, pdf_text(f"{str(label)[:1].upper()}{str(label)[1:]}: "))
            pdf.set_font(FONT, "", 9)
            pdf.write(4.5, pdf_text(value or "-"))
            pdf.ln(4.5)
        pdf.ln(2.5)


def subject_access_pdf(export: SubjectExport) -> bytes:
    title = _("Indsigt i oplysninger om %(name)s") % {"name": export.person_name}
    pdf = document(title=title, author=export.jobcenter, cls=_Document)
    pdf.footer_text = title
    _paragraph(pdf, export.jobcenter)
    _heading(pdf, title, 16)
    _paragraph(
        pdf,
        _("Indsigt efter databeskyttelsesforordningens artikel 15. %(kind)s. Udarbejdet %(date)s.")
        % {"kind": export.subject_label, "date": date_format(localtime(export.generated_at), r"j. F Y \k\l. H.i")},
    )
    _paragraph(
        pdf,
        _(
            "Dokumentet indeholder alle oplysninger, jobcentret har registreret om dig i mentorordningen: dine "
            "oplysninger, tidligere værdier (ændringshistorik), de e-mails, vi har sendt dig, og hvornår og "
            "hvorfor medarbejdere har set dine oplysninger."
        ),
    )
    for section in export.sections:
        _heading(pdf, section.title, 13)
        if section.purpose:
            _paragraph(pdf, _("Formål:") + " " + section.purpose)
        _rows(pdf, section.current, _("Ingen nuværende oplysninger."))
        if section.history and section.history.rows:
            count = len(section.history.rows)
            _heading(
                pdf,
                ngettext("Ændringshistorik (%(counter)s version)", "Ændringshistorik (%(counter)s versioner)", count)
                % {"counter": count},
                11,
            )
            _rows(pdf, section.history, "")
    _heading(pdf, _("E-mails sendt til dig"), 13)
    _rows(pdf, export.messages, _("Ingen."))
    _heading(pdf, _("Hvornår dine oplysninger er blevet set"), 13)
    _paragraph(pdf, _("Tidspunkt, handling og formål. Medarbejdernes navne er ikke med."))
    _rows(pdf, export.access_log, _("Ingen."))
    return bytes(pdf.output())
