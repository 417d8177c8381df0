"""Runs a local test identity provider in place of KOMBIT's Context Handler, so a new user can see staff sign-in
through federation work end to end with the demo data (README: "Trying federated sign-in locally").

    python manage.py saml_test_idp            # first: writes keys and prints the variables for `make run`
    <those variables> make run                # in another terminal

The IdP (pysaml2's IdP side, accounts/saml/testidp.py) listens on http://127.0.0.1:8001 and offers the demo
staff as buttons; each signs in with the user-system roles its demo memberships have, scoped to the demo
jobcenters' CVR numbers. Never use it for anything but trying the product on your own machine.
"""

import html
import json
import shlex
from pathlib import Path
from urllib.parse import parse_qs
from wsgiref.simple_server import make_server

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.demo import JOBCENTERS, SHARED_USERS, USERS, demo_email
from accounts.models import STAFF_ROLES
from accounts.saml.privileges import role_uri
from accounts.saml.testidp import Person, TestIdP

PAGE = """<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Test-IdP</title></head><body>
<h1>Test-IdP i stedet for Fælleskommunal adgangsstyring</h1>
<p>Kun til afprøvning på din egen maskine. Vælg, hvem du vil logge ind som.</p>
<form method="post" action="/saml/sso/vaelg">{hidden}{buttons}</form>
</body></html>"""
POST_FORM = """<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Videre</title></head>
<body onload="document.forms[0].submit()"><form method="post" action="{acs_url}">
<input type="hidden" name="SAMLResponse" value="{response}"><noscript><button>Fortsæt</button></noscript>
</form></body></html>"""


def demo_people() -> dict[str, Person]:
    cvr = {jobcenter["slug"]: jobcenter["cvr"] for jobcenter in JOBCENTERS}
    grants: dict[str, list[tuple]] = {}
    names: dict[str, str] = {}
    for local, full_name, role, slug, _company in USERS:
        if role in STAFF_ROLES:
            grants.setdefault(demo_email(local, slug), []).append((role, slug))
            names[demo_email(local, slug)] = full_name
    for email, full_name, roles in SHARED_USERS:
        grants[email] = [(role, slug) for role, slug in roles if role in STAFF_ROLES]
        names[email] = full_name
    people = {}
    for email, roles in grants.items():
        first, _space, last = names[email].partition(" ")
        privileges: dict[str, list[str]] = {}
        for role, slug in roles:
            privileges.setdefault(cvr[slug], []).append(role_uri(role))
        people[email] = Person(
            name_id=f"demo-{email}", email=email, first_name=first, last_name=last, privileges=privileges
        )
    return people


class Command(BaseCommand):
    help = "Kører en lokal test-IdP i stedet for KOMBIT's Context Handler, så demo-medarbejderne kan logge ind."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8001)
        parser.add_argument("--sp", default="http://127.0.0.1:8000", help="Mentorordnings adresse (make run)")
        parser.add_argument("--directory", default=str(Path(settings.VAR_DIR) / "saml-test-idp"))

    def handle(self, *args, port: int, sp: str, directory: str, **options):
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        idp = TestIdP(folder, base_url=f"http://127.0.0.1:{port}", sp_base_url=sp.rstrip("/"))
        sp_settings = idp.sp_settings()
        settings.SAML_FEDERATION = sp_settings  # this process builds the SP's metadata to trust its signatures
        idp.trust_sp()
        variables = {
            "SAML_IDP_METADATA_FILE": sp_settings["idp_metadata_file"],
            "SAML_SP_KEY_FILE": sp_settings["key_file"],
            "SAML_SP_CERT_FILE": sp_settings["cert_file"],
        }
        (folder / "env").write_text("".join(f"export {k}={shlex.quote(v)}\n" for k, v in variables.items()))
        people = demo_people()
        self.stdout.write(
            f"Test-IdP kører på http://127.0.0.1:{port}/ med nye nøgler. Start Mentorordning i en anden terminal "
            f"med:\n\n  source {folder / 'env'} && make run\n\nog vælg „Log ind som medarbejder i kommunen“ på "
            f"login-siden.\nDemo-medarbejdere: {', '.join(people)}\n"
        )
        make_server("127.0.0.1", port, self.app(idp, people)).serve_forever()

    def app(self, idp: TestIdP, people: dict[str, Person]):
        def respond(start_response, status: str, body: str = "", location: str | None = None):
            headers = [("Content-Type", "text/html; charset=utf-8")]
            if location:
                headers.append(("Location", location))
            start_response(status, headers)
            return [body.encode()]

        def application(environ, start_response):
            path, query = environ["PATH_INFO"], environ.get("QUERY_STRING", "")
            if path == "/saml/sso":
                hidden = f'<input type="hidden" name="request" value="{html.escape(query)}">'
                buttons = "".join(
                    f'<p><button name="email" value="{html.escape(email)}">{html.escape(email)}</button></p>'
                    for email in people
                )
                return respond(start_response, "200 OK", PAGE.format(hidden=hidden, buttons=buttons))
            if path == "/saml/sso/vaelg":
                size = int(environ.get("CONTENT_LENGTH") or 0)
                form = {k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(size).decode()).items()}
                request = idp.authn_request("?" + form["request"])
                person = people[form["email"]]
                response = idp.response(person, in_response_to=request.id)
                acs_url = f"{idp.sp_base_url}/saml/acs/"
                page = POST_FORM.format(acs_url=html.escape(acs_url), response=html.escape(response))
                return respond(start_response, "200 OK", page)
            if path == "/saml/slo":
                back = idp.logout_response_for("?" + query)
                return respond(start_response, "302 Found", location=back)
            if path == "/saml/metadata":
                start_response("200 OK", [("Content-Type", "application/samlmetadata+xml")])
                return [idp.metadata_file.read_bytes()]
            if path == "/favicon.ico":
                start_response("204 No Content", [])
                return [b""]
            return respond(start_response, "404 Not Found", json.dumps({"error": "ukendt adresse"}))

        return application
