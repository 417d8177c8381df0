"""The markup: what a jobcenter writes can only ever become the few tags the markup makes."""

import pytest

from texts import markup


def test_paragraphs_line_breaks_headings_bold_and_lists():
    html = markup.to_html("Første **fed** linje\nanden linje\n\n## Overskrift\n\n- en\n- to\n\n1. et\n2. to")
    assert html == (
        "<p>Første <strong>fed</strong> linje<br>anden linje</p>\n"
        "<h2>Overskrift</h2>\n"
        "<ul><li>en</li><li>to</li></ul>\n"
        "<ol><li>et</li><li>to</li></ol>"
    )


def test_the_first_paragraph_as_a_lead():
    assert markup.to_html("Først\n\nSå", lead=True) == '<p class="font-lead">Først</p>\n<p>Så</p>'


@pytest.mark.parametrize(
    "address", ["https://favrskov.dk/mentor?a=1&b=2", "http://favrskov.dk", "mailto:jobcenter@favrskov.dk"]
)
def test_links_to_web_and_mail_addresses(address):
    html = markup.to_html(f"Læs [mere]({address}) her")
    assert html == f'<p>Læs <a href="{address.replace("&", "&amp;")}">mere</a> her</p>'


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox",
        "/relativ/sti",
        "//evil.example",
        "mailto:",
    ],
)
def test_any_other_address_stays_text(address):
    html = markup.to_html(f"[klik]({address})")
    assert "<a" not in html and "href" not in html
    assert not markup.is_allowed_link(address)


def test_html_is_always_escaped():
    text = '<script>alert("x")</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>'
    html = markup.to_html(text)
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_an_address_cannot_break_out_of_its_attribute():
    html = markup.to_html('[x](https://a.dk/"onmouseover="alert`1`)')
    assert html == '<p><a href="https://a.dk/&quot;onmouseover=&quot;alert`1`">x</a></p>'


def test_bold_never_reaches_into_an_address():
    html = markup.to_html("[x](https://a.dk/**b) og **fed**")
    assert html == '<p><a href="https://a.dk/**b">x</a> og <strong>fed</strong></p>'


def test_plain_text_for_e_mails():
    text = markup.to_text(
        "Hej **du**\n\n## Overskrift\n\n- [Favrskov](https://favrskov.dk)\n- [mail@x.dk](mailto:mail@x.dk)"
    )
    assert text == "Hej du\n\nOverskrift\n\n- Favrskov (https://favrskov.dk)\n- mail@x.dk"


def test_plain_text_keeps_a_refused_link_as_written():
    assert markup.to_text("[klik](javascript:alert(1))") == "[klik](javascript:alert(1))"
