"""The crispy-forms template pack "dkfds" (templates/dkfds/): every widget type, valid and invalid,
rendered in the markup of Det Fælles Designsystem (node_modules/dkfds/src/components/form,
checkboxes, radiobuttons, alerts), with labels, hints and errors wired up for screen readers."""

from html.parser import HTMLParser

import pytest
from crispy_forms.bootstrap import PrependedAppendedText
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Button, ButtonHolder, Column, Div, Fieldset, Layout, Reset, Row, Submit
from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.template import Context, Template
from django.utils.html import VOID_ELEMENTS

# --- A small DOM over the rendered HTML, so that tests can ask about structure, not substrings ----------


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attr_list = attrs
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    @property
    def elements(self) -> list["Node"]:
        return [child for child in self.children if isinstance(child, Node)]

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def iter(self):
        for child in self.elements:
            yield child
            yield from child.iter()

    def find_all(self, tag=None, cls=None, **attrs) -> list["Node"]:
        found = []
        for node in self.iter():
            if tag and node.tag != tag:
                continue
            if cls and not set(cls.split()) <= node.classes:
                continue
            if any(node.attrs.get(name.replace("_", "-")) != value for name, value in attrs.items()):
                continue
            found.append(node)
        return found

    def find(self, tag=None, cls=None, **attrs) -> "Node":
        found = self.find_all(tag, cls, **attrs)
        assert len(found) == 1, f"expected one <{tag or '*'} class={cls!r} {attrs}>, found {len(found)}"
        return found[0]

    def by_id(self, element_id) -> "Node":
        return self.find(id=element_id)

    def ancestor(self, tag=None, cls=None) -> "Node | None":
        node = self.parent
        while node is not None:
            if (tag is None or node.tag == tag) and (cls is None or set(cls.split()) <= node.classes):
                return node
            node = node.parent
        return None


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID_ELEMENTS:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        self.current = self.current.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root, f"unclosed <{builder.current.tag}>"
    return builder.root


def squash(text: str) -> str:
    return " ".join(text.split())


# --- The form under test: one field of every widget type ------------------------------------------------

COLOURS = [("", "Vælg en farve"), ("red", "Rød"), ("green", "Grøn")]
DAYS = [("mon", "Mandag"), ("tue", "Tirsdag"), ("wed", "Onsdag")]
KINDS = [("private", "Privat virksomhed"), ("public", "Offentlig arbejdsplads")]


class EveryWidgetForm(forms.Form):
    name = forms.CharField(label="Navn", help_text="Dit fulde navn.", max_length=100)
    email = forms.EmailField(label="E-mail")
    age = forms.IntegerField(label="Alder", required=False, min_value=15)
    start = forms.DateField(label="Startdato", widget=forms.DateInput(attrs={"type": "date"}))
    password = forms.CharField(label="Adgangskode", widget=forms.PasswordInput)
    note = forms.CharField(label="Bemærkning", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    colour = forms.ChoiceField(label="Farve", choices=COLOURS)
    agree = forms.BooleanField(label="Jeg har læst vilkårene", help_text="Du skal acceptere vilkårene.")
    days = forms.MultipleChoiceField(
        label="Mødedage", choices=DAYS, widget=forms.CheckboxSelectMultiple, help_text="Vælg alle, der passer."
    )
    kind = forms.ChoiceField(label="Type arbejdsplads", choices=KINDS, widget=forms.RadioSelect, help_text="Vælg én.")
    attachment = forms.FileField(label="Bilag", required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name") == "Fejl":
            raise forms.ValidationError("Oplysningerne hænger ikke sammen.")
        return cleaned


VALID = {
    "name": "Mette Kjær",
    "email": "mette@example.dk",
    "age": "42",
    "start": "2026-12-01",
    "password": "hemmelig-kode-123",
    "note": "Første linje\nAnden linje",
    "colour": "green",
    "agree": "on",
    "days": ["mon", "wed"],
    "kind": "public",
}

# Every visible field's control: (field name, element, type, exact DKFDS classes).
CONTROLS = [
    ("name", "input", "text", {"form-input"}),
    ("email", "input", "email", {"form-input"}),
    ("age", "input", "number", {"form-input"}),
    ("start", "input", "date", {"form-input"}),
    ("password", "input", "password", {"form-input"}),
    ("note", "textarea", None, {"form-input"}),
    ("colour", "select", None, {"form-select"}),
    ("agree", "input", "checkbox", {"form-checkbox"}),
    ("attachment", "input", "file", set()),
]


def render_filter(form) -> Node:
    return parse(Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form})))


def render_tag(form) -> Node:
    context = Context({"form": form, "csrf_token": "test-csrf-token"})
    return parse(Template("{% load crispy_forms_tags %}{% crispy form %}").render(context))


def invalid_form() -> EveryWidgetForm:
    data = {**VALID, "name": "", "email": "ikke-en-email", "age": "3", "colour": "", "days": [], "kind": ""}
    del data["agree"]
    form = EveryWidgetForm(data=data)
    assert not form.is_valid()
    return form


def assert_described_by_existing_ids(doc: Node):
    """Every id named in aria-describedby/-labelledby, and every label's for, exists exactly once."""
    ids = [node.attrs["id"] for node in doc.iter() if "id" in node.attrs]
    assert len(ids) == len(set(ids)), f"duplicate ids: {sorted(i for i in ids if ids.count(i) > 1)}"
    for node in doc.iter():
        for attribute in ("aria-describedby", "aria-labelledby"):
            for referenced in (node.attrs.get(attribute) or "").split():
                assert referenced in ids, f"<{node.tag}> {attribute} names missing id {referenced!r}"
        if node.tag == "label":
            assert node.attrs.get("for") in ids, f"label for={node.attrs.get('for')!r} has no control"


# --- Valid (unbound and bound) forms ---------------------------------------------------------------------


@pytest.mark.parametrize(("name", "tag", "input_type", "classes"), CONTROLS)
def test_every_control_has_exactly_the_dkfds_classes(name, tag, input_type, classes):
    doc = render_filter(EveryWidgetForm())
    control = doc.by_id(f"id_{name}")
    assert control.tag == tag
    assert control.attrs.get("type") == input_type
    assert control.classes == classes
    assert [attr for attr, _ in control.attr_list].count("class") <= 1


@pytest.mark.parametrize("name", ["name", "email", "age", "start", "password", "note", "colour", "attachment"])
def test_text_like_field_is_a_dkfds_form_group(name):
    doc = render_filter(EveryWidgetForm())
    control = doc.by_id(f"id_{name}")
    group = control.parent
    assert group.tag == "div"
    assert group.classes == {"form-group"}, "the control must be a direct child of the form-group (DKFDS CSS uses >)"
    label = group.elements[0]
    assert label.tag == "label"
    assert label.classes == {"form-label"}
    assert label.attrs["for"] == f"id_{name}"
    assert group.elements[-1] is control
    assert not group.find_all(cls="form-error-message")


def test_help_text_is_a_form_hint_that_the_control_points_to():
    doc = render_filter(EveryWidgetForm())
    control = doc.by_id("id_name")
    hint = doc.by_id("id_name_helptext")
    assert hint.tag == "span"
    assert hint.classes == {"form-hint"}
    assert hint.text() == "Dit fulde navn."
    assert hint.parent is control.parent
    assert control.attrs["aria-describedby"] == "id_name_helptext"
    assert "aria-invalid" not in control.attrs


def test_help_text_with_markup_is_a_block_hint():
    form = SetPasswordForm(user=None)
    doc = render_filter(form)
    hint = doc.by_id("id_new_password1_helptext")
    assert hint.tag == "div"
    assert hint.classes == {"form-hint"}
    assert hint.find_all("li")
    assert doc.by_id("id_new_password1").attrs["aria-describedby"] == "id_new_password1_helptext"


def test_optional_fields_are_marked_frivilligt_and_required_ones_are_not():
    doc = render_filter(EveryWidgetForm())
    for name in ("age", "note", "attachment"):
        marker = doc.find("label", **{"for": f"id_{name}"}).find("span", cls="weight-normal")
        assert marker.text() == " (frivilligt)"
    for name in ("name", "email", "colour", "agree"):
        assert not doc.find("label", **{"for": f"id_{name}"}).find_all("span"), name
    assert "required" in doc.by_id("id_name").attrs
    assert "required" not in doc.by_id("id_age").attrs


def test_helper_mark_required_marks_required_fields_instead():
    form = EveryWidgetForm()
    form.helper = FormHelper()
    form.helper.form_tag = False
    form.helper.mark_required = True
    doc = render_tag(form)
    assert doc.find("label", **{"for": "id_name"}).find("span", cls="weight-normal").text() == " (*skal udfyldes)"
    assert doc.find("label", **{"for": "id_agree"}).find("span", cls="weight-normal").text() == " (*skal udfyldes)"
    assert not doc.find("label", **{"for": "id_age"}).find_all("span")


def test_no_error_markup_on_a_valid_form():
    form = EveryWidgetForm(data=VALID)
    assert form.is_valid(), form.errors
    doc = render_filter(form)
    assert not doc.find_all(cls="form-error")
    assert not doc.find_all(cls="form-error-message")
    assert not doc.find_all(cls="alert")
    assert not [node for node in doc.iter() if "aria-invalid" in node.attrs]
    assert_described_by_existing_ids(doc)


def test_bound_values_are_shown_again_except_the_password():
    doc = render_filter(EveryWidgetForm(data=VALID))
    assert doc.by_id("id_name").attrs["value"] == "Mette Kjær"
    assert doc.by_id("id_age").attrs["value"] == "42"
    assert doc.by_id("id_start").attrs["value"] == "2026-12-01"
    assert "value" not in doc.by_id("id_password").attrs
    assert doc.by_id("id_note").text().strip() == "Første linje\nAnden linje"
    assert doc.find("option", value="green").attrs.keys() >= {"selected"}
    assert "selected" not in doc.find("option", value="red").attrs
    assert "checked" in doc.by_id("id_agree").attrs
    assert "checked" in doc.by_id("id_days_0").attrs
    assert "checked" not in doc.by_id("id_days_1").attrs
    assert "checked" in doc.by_id("id_days_2").attrs
    assert "checked" in doc.by_id("id_kind_1").attrs


def test_select_keeps_the_widgets_own_class_after_form_select():
    class WidthForm(forms.Form):
        colour = forms.ChoiceField(choices=COLOURS, widget=forms.Select(attrs={"class": "input-width-m"}))
        name = forms.CharField(widget=forms.TextInput(attrs={"class": "input-width-l"}))

    doc = render_filter(WidthForm())
    select = doc.by_id("id_colour")
    assert select.classes == {"form-select", "input-width-m"}
    assert [attr for attr, _ in select.attr_list].count("class") == 1
    assert [option.attrs["value"] for option in select.find_all("option")] == ["", "red", "green"]
    assert doc.by_id("id_name").classes == {"form-input", "input-width-l"}


def test_single_checkbox_follows_dkfds_checkbox():
    doc = render_filter(EveryWidgetForm())
    checkbox = doc.by_id("id_agree")
    wrapper = checkbox.parent
    assert wrapper.classes == {"form-group-checkbox"}
    assert wrapper.parent.classes == {"form-group"}
    label = wrapper.elements[wrapper.elements.index(checkbox) + 1]
    assert (label.tag, label.classes, label.attrs["for"]) == ("label", {"form-label"}, "id_agree")
    assert label.text() == "Jeg har læst vilkårene"
    hint = doc.by_id("id_agree_helptext")
    assert hint.parent is wrapper
    assert checkbox.attrs["aria-describedby"] == "id_agree_helptext"


def test_radio_list_is_a_dkfds_radiobuttons_fieldset():
    doc = render_filter(EveryWidgetForm())
    fieldset = doc.by_id("id_kind_legend").parent
    assert fieldset.tag == "fieldset"
    assert fieldset.parent.classes == {"form-group"}
    legend = fieldset.elements[0]
    assert (legend.tag, legend.classes, legend.text()) == ("legend", {"form-label"}, "Type arbejdsplads")
    assert fieldset.attrs["aria-labelledby"] == "id_kind_legend"
    assert fieldset.attrs["aria-describedby"] == "id_kind_helptext"
    options = fieldset.find_all(cls="form-group-radio")
    assert len(options) == 2
    for index, (option, (value, text)) in enumerate(zip(options, KINDS, strict=True)):
        radio, label = option.elements
        assert (radio.tag, radio.attrs["type"], radio.classes) == ("input", "radio", {"form-radio"})
        assert (radio.attrs["id"], radio.attrs["name"], radio.attrs["value"]) == (f"id_kind_{index}", "kind", value)
        assert (label.tag, label.classes, label.attrs["for"], label.text()) == (
            "label",
            {"form-label"},
            f"id_kind_{index}",
            text,
        )


def test_checkbox_list_is_a_dkfds_checkboxes_fieldset():
    doc = render_filter(EveryWidgetForm())
    first = doc.by_id("id_days_0")
    fieldset = first.ancestor("fieldset")
    assert "aria-labelledby" not in fieldset.attrs
    assert fieldset.attrs["aria-describedby"] == "id_days_helptext"
    assert fieldset.elements[0].tag == "legend"
    assert fieldset.elements[0].classes == {"form-label"}
    options = fieldset.find_all(cls="form-group-checkbox")
    assert [option.elements[0].attrs["value"] for option in options] == ["mon", "tue", "wed"]
    for option in options:
        checkbox, label = option.elements
        assert checkbox.classes == {"form-checkbox"}
        assert checkbox.attrs["type"] == "checkbox"
        assert "required" not in checkbox.attrs
        assert label.attrs["for"] == checkbox.attrs["id"]
        assert label.classes == {"form-label"}


def test_hidden_field_is_rendered_bare():
    doc = render_filter(EveryWidgetForm())
    hidden = doc.by_id("id_token")
    assert hidden.attrs["type"] == "hidden"
    assert hidden.parent.tag == "#root"


def test_file_input_is_plain_and_makes_the_form_multipart():
    form = EveryWidgetForm()
    form.helper = FormHelper()
    doc = render_tag(form)
    form_tag = doc.find("form")
    assert form_tag.attrs["enctype"] == "multipart/form-data"
    assert doc.by_id("id_attachment").classes == set()


# --- Invalid forms -----------------------------------------------------------------------------------------

LABELS = {
    "name": "Navn",
    "email": "E-mail",
    "age": "Alder",
    "colour": "Farve",
    "agree": "Jeg har læst vilkårene",
    "days": "Mødedage",
    "kind": "Type arbejdsplads",
}

INVALID_FIELDS = {
    "name": "Dette felt er påkrævet.",
    "email": "Indtast en gyldig e-mail-adresse.",
    "age": "Denne værdi skal være større end eller lig 15.",
    "colour": "Dette felt er påkrævet.",
    "agree": "Dette felt er påkrævet.",
    "days": "Dette felt er påkrævet.",
    "kind": "Dette felt er påkrævet.",
}


def test_the_invalid_form_has_exactly_the_expected_errors():
    assert {name: errors[0] for name, errors in invalid_form().errors.items()} == INVALID_FIELDS


@pytest.mark.parametrize("name", ["name", "email", "age", "colour"])
def test_error_message_sits_in_the_field_group_before_the_control(name):
    doc = render_filter(invalid_form())
    control = doc.by_id(f"id_{name}")
    group = control.parent
    assert group.classes == {"form-group", "form-error"}
    message = doc.by_id(f"id_{name}_error")
    assert message.tag == "span"
    assert message.classes == {"form-error-message"}
    assert message.parent is group
    assert group.elements.index(message) < group.elements.index(control)
    prefix = message.elements[0]
    assert (prefix.tag, prefix.classes, prefix.text()) == ("span", {"sr-only"}, "Fejl: ")
    assert squash(message.text()) == f"Fejl: {INVALID_FIELDS[name]}"
    assert control.attrs["aria-invalid"] == "true"
    assert f"id_{name}_error" in control.attrs["aria-describedby"].split()


def test_error_and_hint_are_both_described():
    doc = render_filter(invalid_form())
    assert doc.by_id("id_name").attrs["aria-describedby"] == "id_name_helptext id_name_error"
    kind_fieldset = doc.by_id("id_kind_legend").parent
    assert kind_fieldset.attrs["aria-describedby"] == "id_kind_helptext id_kind_error"
    assert kind_fieldset.parent.classes == {"form-group", "form-error"}
    assert doc.by_id("id_kind_error").parent is kind_fieldset
    assert all(radio.attrs["aria-invalid"] == "true" for radio in kind_fieldset.find_all("input"))


def test_single_checkbox_error_precedes_the_checkbox():
    doc = render_filter(invalid_form())
    checkbox = doc.by_id("id_agree")
    group = checkbox.ancestor(cls="form-group")
    assert group.classes == {"form-group", "form-error"}
    message = doc.by_id("id_agree_error")
    assert group.elements[0] is message
    assert checkbox.attrs["aria-describedby"] == "id_agree_helptext id_agree_error"


def test_every_reference_in_an_invalid_form_points_to_an_existing_id():
    assert_described_by_existing_ids(render_filter(invalid_form()))


def test_error_summary_is_a_focusable_dkfds_error_alert_at_the_top():
    doc = render_filter(invalid_form())
    summary = doc.find(data_module="error-summary")
    assert summary.classes == {"alert", "alert-error"}
    assert summary.attrs["role"] == "alert"
    assert summary.attrs["tabindex"] == "-1"
    heading = doc.by_id(summary.attrs["aria-labelledby"])
    assert (heading.tag, heading.classes, heading.text()) == ("h2", {"alert-heading"}, "Der er problemer")
    assert heading.ancestor(cls="alert-body").parent is summary
    first_group = doc.find_all(cls="form-group")[0]
    all_nodes = list(doc.iter())
    assert all_nodes.index(summary) < all_nodes.index(first_group)


def test_error_summary_links_each_error_to_its_field_named_by_label():
    doc = render_filter(invalid_form())
    summary = doc.find(data_module="error-summary")
    items = summary.find("ul", cls="alert-text nobullet-list").find_all("li")
    links = {link.attrs["href"]: link.text() for link in summary.find_all("a")}
    assert len(items) == len(links) == len(INVALID_FIELDS)
    expected_targets = {name: f"id_{name}_0" if name in ("days", "kind") else f"id_{name}" for name in INVALID_FIELDS}
    assert links == {
        f"#{expected_targets[name]}": f"{LABELS[name]}: {message}" for name, message in INVALID_FIELDS.items()
    }
    for target in expected_targets.values():
        assert doc.by_id(target).tag in ("input", "select", "textarea")


def test_non_field_and_hidden_field_errors_are_listed_in_the_summary_as_text():
    class HiddenForm(EveryWidgetForm):
        token = forms.CharField(widget=forms.HiddenInput, label="Token")

    form = HiddenForm(data={**VALID, "name": "Fejl"})
    assert not form.is_valid()
    doc = render_filter(form)
    summary = doc.find(data_module="error-summary")
    items = [squash(item.text()) for item in summary.find_all("li")]
    assert items == ["Oplysningerne hænger ikke sammen.", "Token: Dette felt er påkrævet."]
    assert not summary.find_all("a")
    assert doc.find("h2", cls="alert-heading").text() == "Der er problemer"


def test_summary_with_one_error_says_so():
    form = EveryWidgetForm(data={**VALID, "email": "nej"})
    assert not form.is_valid()
    doc = render_filter(form)
    assert doc.find("h2", cls="alert-heading").text() == "Der er et problem"


def test_helper_can_hide_the_summary_but_not_the_inline_errors():
    form = invalid_form()
    form.helper = FormHelper()
    form.helper.form_show_errors = False
    doc = render_tag(form)
    assert not doc.find_all(data_module="error-summary")
    assert doc.by_id("id_email_error")
    assert_described_by_existing_ids(doc)


# --- {% crispy %} with a layout ------------------------------------------------------------------------------


def layout_form(data=None) -> EveryWidgetForm:
    form = EveryWidgetForm(data=data)
    form.helper = FormHelper()
    form.helper.form_id = "person-form"
    form.helper.layout = Layout(
        Fieldset("Om dig", "name", "email", css_class="mt-5"),
        Div("start", css_class="extra-div", css_id="extra"),
        PrependedAppendedText("age", "ca.", "år"),
        Row(Column("password"), Column("note", css_class="col-12 col-md-6")),
        HTML("<p class='intro'>Felter uden markering skal udfyldes.</p>"),
        "colour",
        "agree",
        "days",
        "kind",
        "attachment",
        "token",
        ButtonHolder(Submit("save", "Gem"), Button("back", "Tilbage"), Reset("reset", "Nulstil")),
    )
    form.helper.add_input(Submit("save_and_close", "Gem og luk", css_class="button-secondary"))
    return form


def test_crispy_tag_renders_a_post_form_with_csrf_and_novalidate():
    doc = render_tag(layout_form())
    form = doc.find("form")
    assert form.attrs["method"] == "post"
    assert form.attrs["id"] == "person-form"
    assert "novalidate" in form.attrs
    assert form.find("input", type="hidden", name="csrfmiddlewaretoken").attrs["value"] == "test-csrf-token"


def test_layout_objects_render():
    doc = render_tag(layout_form())
    fieldset = doc.find("fieldset", cls="mt-5")
    assert fieldset.elements[0].tag == "legend"
    assert fieldset.elements[0].text() == "Om dig"
    assert {"id_name", "id_email"} <= {node.attrs.get("id") for node in fieldset.iter()}
    div = doc.by_id("extra")
    assert div.classes == {"extra-div"}
    assert doc.by_id("id_start").ancestor("div", "extra-div") is div
    row = doc.by_id("id_password").ancestor(cls="row")
    assert [column.classes for column in row.elements] == [{"col-12", "col-md"}, {"col-12", "col-md-6"}]
    assert doc.find("p", cls="intro").text() == "Felter uden markering skal udfyldes."


def test_submit_button_and_reset_are_dkfds_buttons():
    doc = render_tag(layout_form())
    save = doc.by_id("submit-id-save")
    assert (save.tag, save.attrs["type"], save.classes) == ("button", "submit", {"button", "button-primary"})
    assert (save.attrs["name"], save.attrs["value"], save.text()) == ("save", "Gem", "Gem")
    back = doc.by_id("button-id-back")
    assert (back.tag, back.attrs["type"], back.classes) == ("button", "button", {"button", "button-secondary"})
    reset = doc.by_id("reset-id-reset")
    assert (reset.attrs["type"], reset.classes) == ("reset", {"button", "button-tertiary"})
    assert save.parent.classes == {"button-group"}


def test_helper_input_keeps_its_own_dkfds_variant():
    doc = render_tag(layout_form())
    button = doc.by_id("submit-id-save_and_close")
    assert button.classes == {"button", "button-secondary"}
    assert button.attrs["type"] == "submit"
    assert button.parent.classes == {"button-group"}
    assert button.parent.parent.tag == "form"


def test_prepended_and_appended_text_use_the_dkfds_input_wrapper():
    doc = render_tag(layout_form())
    age = doc.by_id("id_age")
    wrapper = age.parent
    assert wrapper.classes == {"form-input-wrapper", "form-input-wrapper--prefix", "form-input-wrapper--suffix"}
    prefix, control, suffix = wrapper.elements
    assert (prefix.classes, prefix.attrs["aria-hidden"], prefix.text()) == ({"form-input-prefix"}, "true", "ca.")
    assert control is age
    assert control.classes == {"form-input"}
    assert (suffix.classes, suffix.attrs["aria-hidden"], suffix.text()) == ({"form-input-suffix"}, "true", "år")
    assert wrapper.parent.classes == {"form-group"}


def test_layout_form_with_errors_has_one_summary_and_inline_errors():
    form = layout_form(data={**VALID, "email": "nej", "kind": ""})
    assert not form.is_valid()
    doc = render_tag(form)
    summary = doc.find(data_module="error-summary")
    assert [link.attrs["href"] for link in summary.find_all("a")] == ["#id_email", "#id_kind_0"]
    assert doc.find("form").elements[1] is summary
    assert doc.by_id("id_email").parent.classes == {"form-group", "form-error"}
    assert_described_by_existing_ids(doc)


# --- Formsets ----------------------------------------------------------------------------------------------


class MentorForm(forms.Form):
    name = forms.CharField(label="Navn")
    hours = forms.IntegerField(label="Timer", min_value=0)


def test_formset_has_one_summary_linking_into_each_form():
    formset_class = forms.formset_factory(MentorForm, extra=0)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
        "form-0-name": "Anna",
        "form-0-hours": "-1",
        "form-1-name": "",
        "form-1-hours": "3",
    }
    formset = formset_class(data=data)
    assert not formset.is_valid()
    context = Context({"formset": formset, "csrf_token": "t"})
    doc = parse(Template("{% load crispy_forms_tags %}{% crispy formset %}").render(context))
    summaries = doc.find_all(data_module="error-summary")
    assert len(summaries) == 1
    links = [(link.attrs["href"], link.text()) for link in summaries[0].find_all("a")]
    assert links == [
        ("#id_form-0-hours", "Timer (række 1): Denne værdi skal være større end eller lig 0."),
        ("#id_form-1-name", "Navn (række 2): Dette felt er påkrævet."),
    ]
    assert doc.by_id("id_form-0-hours").parent.classes == {"form-group", "form-error"}
    assert doc.find("input", name="form-TOTAL_FORMS").attrs["value"] == "2"
    assert_described_by_existing_ids(doc)


def test_table_inline_formset_is_a_dkfds_table_with_labelled_fields():
    formset_class = forms.formset_factory(MentorForm, extra=1)
    formset = formset_class()
    formset.helper = FormHelper()
    formset.helper.template = "dkfds/table_inline_formset.html"
    context = Context({"formset": formset, "formset_helper": formset.helper, "csrf_token": "t"})
    doc = parse(Template("{% load crispy_forms_tags %}{% crispy formset formset_helper %}").render(context))
    table = doc.find("table", cls="table")
    assert [th.text() for th in table.find("thead").find_all("th")] == ["Navn", "Timer"]
    label = doc.find("label", **{"for": "id_form-0-name"})
    assert label.classes == {"form-label", "sr-only"}
    assert doc.by_id("id_form-0-name").ancestor("td") is not None
    assert_described_by_existing_ids(doc)


def test_formset_filter_renders_management_form_summary_and_fields():
    formset_class = forms.formset_factory(MentorForm, extra=0)
    data = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-name": "", "form-0-hours": "2"}
    formset = formset_class(data=data)
    assert not formset.is_valid()
    doc = parse(Template("{% load crispy_forms_tags %}{{ formset|crispy }}").render(Context({"formset": formset})))
    assert doc.find("input", name="form-INITIAL_FORMS").attrs["value"] == "0"
    summary = doc.find(data_module="error-summary")
    assert [link.attrs["href"] for link in summary.find_all("a")] == ["#id_form-0-name"]
    assert doc.by_id("id_form-0-name_error").parent.classes == {"form-group", "form-error"}
    assert_described_by_existing_ids(doc)


# --- The filters used to place the summary apart from the fields ------------------------------------------


def test_as_crispy_errors_and_as_crispy_field_render_summary_and_field_separately():
    form = invalid_form()
    template = Template(
        "{% load crispy_forms_tags %}<div id='top'>{{ form|as_crispy_errors }}</div>"
        "<form>{{ form.email|as_crispy_field }}</form>"
    )
    doc = parse(template.render(Context({"form": form})))
    summary = doc.by_id("top").find(data_module="error-summary")
    assert len(summary.find_all("a")) == len(INVALID_FIELDS)
    group = doc.find("form").elements[0]
    assert group.classes == {"form-group", "form-error"}
    assert [element.tag for element in group.elements] == ["label", "span", "input"]
    assert not doc.find("form").find_all(data_module="error-summary")


# --- Widgets beyond the everyday ones -------------------------------------------------------------------------


class StoredFile:
    """Stands in for a FieldFile: ClearableFileInput shows a link to the current file."""

    url = "/media/bilag/aftale.pdf"

    def __str__(self):
        return "aftale.pdf"


def test_clearable_file_input_shows_the_current_file_and_a_dkfds_clear_checkbox():
    class UploadForm(forms.Form):
        attachment = forms.FileField(label="Bilag", required=False)

    doc = render_filter(UploadForm(initial={"attachment": StoredFile()}))
    group = doc.by_id("id_attachment").parent
    assert group.classes == {"form-group"}
    assert group.find("a").attrs["href"] == "/media/bilag/aftale.pdf"
    clear = doc.by_id("attachment-clear_id")
    assert (clear.attrs["type"], clear.attrs["name"], clear.classes) == (
        "checkbox",
        "attachment-clear",
        {"form-checkbox"},
    )
    assert clear.parent.classes == {"form-group-checkbox"}
    assert doc.find("label", **{"for": "attachment-clear_id"}).classes == {"form-label"}
    assert "value" not in doc.by_id("id_attachment").attrs
    assert_described_by_existing_ids(doc)


def test_multi_widget_is_a_fieldset_whose_parts_are_labelled_by_the_legend():
    class MeetingForm(forms.Form):
        starts_at = forms.SplitDateTimeField(label="Mødetidspunkt", help_text="Dato og klokkeslæt.")

    doc = render_filter(MeetingForm(data={"starts_at_0": "", "starts_at_1": ""}))
    legend = doc.by_id("id_starts_at_legend")
    fieldset = legend.parent
    assert fieldset.tag == "fieldset"
    assert fieldset.parent.classes == {"form-group", "form-error"}
    assert fieldset.attrs["aria-describedby"] == "id_starts_at_helptext id_starts_at_error"
    parts = [doc.by_id("id_starts_at_0"), doc.by_id("id_starts_at_1")]
    for part in parts:
        assert part.classes == {"form-input"}
        assert part.attrs["aria-labelledby"] == "id_starts_at_legend"
        assert part.attrs["aria-invalid"] == "true"
    assert doc.find(data_module="error-summary").find("a").attrs["href"] == "#id_starts_at_0"
    assert_described_by_existing_ids(doc)
