"""A SAML identity provider that plays KOMBIT's Context Handler on this machine, built on pysaml2's IdP side.

The tests drive it through the real redirect and POST (accounts/saml/tests), and `manage.py saml_test_idp` serves
it on a local port so a new user can see federated sign-in work with the demo data. Its keys are made fresh
(`keypair`); nothing here is used by a configured installation.
"""

import base64
import datetime
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.s_utils import success_status_factory
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from accounts.saml import client as sp

with warnings.catch_warnings():
    # pysaml2 7.5's IdP side names cryptography's CFB mode where cryptography 50 deprecates it (the SP never
    # imports it); the test IdP uses no CFB.
    warnings.filterwarnings("ignore", message="CFB has been moved", category=CryptographyDeprecationWarning)
    from saml2.server import Server
from accounts.saml.privileges import privilege_list_xml


def keypair(directory: Path, name: str) -> tuple[str, str]:
    """A new RSA key and a self-signed certificate for it, as PEM files in `directory`."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = directory / f"{name}.key", directory / f"{name}.crt"
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return str(key_path), str(cert_path)


@dataclass
class Person:
    """Who signs in at the test IdP and what the Context Handler says about them."""

    name_id: str
    email: str
    first_name: str = "Test"
    last_name: str = "Medarbejder"
    privileges: dict[str, list[str]] = field(default_factory=dict)  # {municipality CVR: [privilege URIs]}
    loa: str = "Substantial"

    def attributes(self) -> dict[str, list[str]]:
        return {
            sp.SPEC_VERSION_ATTRIBUTE: ["OIO-SAML-3.0"],
            sp.EMAIL_ATTRIBUTE: [self.email],
            sp.FIRST_NAME_ATTRIBUTE: [self.first_name],
            sp.LAST_NAME_ATTRIBUTE: [self.last_name],
            sp.LOA_ATTRIBUTE: [self.loa],
            sp.PRIVILEGES_ATTRIBUTE: [privilege_list_xml(self.privileges)] if self.privileges else [],
        }


class TestIdP:
    """pysaml2's IdP with its own fresh keys. `sp_settings()` gives the SP side's SAML_FEDERATION for it."""

    __test__ = False  # not a pytest class

    def __init__(self, directory: Path | None = None, *, base_url: str = "https://idp.test", sp_base_url: str):
        self.directory = Path(directory or tempfile.mkdtemp(prefix="mentorship-test-idp-"))
        self.entity_id = f"{base_url}/saml/metadata"
        self.sso_url = f"{base_url}/saml/sso"
        self.slo_url = f"{base_url}/saml/slo"
        self.key_file, self.cert_file = keypair(self.directory, "idp")
        self.sp_key_file, self.sp_cert_file = keypair(self.directory, "sp")
        self.sp_base_url = sp_base_url
        self.server = Server(config=IdPConfig().load(self._config()))
        self.metadata_file = self.directory / "idp-metadata.xml"
        self.metadata_file.write_text(str(entity_descriptor(self.server.config)))
        self.sp_loaded = False

    def _config(self) -> dict:
        return {
            "entityid": self.entity_id,
            "xmlsec_binary": sp.xmlsec_binary(),
            "key_file": self.key_file,
            "cert_file": self.cert_file,
            "encryption_keypairs": [{"key_file": self.key_file, "cert_file": self.cert_file}],
            "metadata": {},
            "signing_algorithm": SIG_RSA_SHA256,
            "digest_algorithm": DIGEST_SHA256,
            "service": {
                "idp": {
                    "name": "Test-IdP (Fælleskommunal adgangsstyring)",
                    "endpoints": {
                        "single_sign_on_service": [(self.sso_url, BINDING_HTTP_REDIRECT)],
                        "single_logout_service": [(self.slo_url, BINDING_HTTP_REDIRECT)],
                    },
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                    "want_authn_requests_signed": True,
                    "policy": {"default": {"lifetime": {"minutes": 5}, "name_form": NAME_FORMAT_URI}},
                }
            },
        }

    def sp_settings(self, **overrides) -> dict:
        """SAML_FEDERATION for the SP that trusts this IdP."""
        return {
            "idp_metadata_file": str(self.metadata_file),
            "idp_metadata_url": None,
            "idp_metadata_cert_file": None,
            "entity_id": f"{self.sp_base_url}/saml/metadata/",
            "base_url": self.sp_base_url,
            "key_file": self.sp_key_file,
            "cert_file": self.sp_cert_file,
            "encryption_key_file": self.sp_key_file,
            "encryption_cert_file": self.sp_cert_file,
            "clock_skew": 60,
            "xmlsec_binary": sp.xmlsec_binary(),
            **overrides,
        }

    def trust_sp(self) -> None:
        """Loads the SP's metadata as the SP publishes it (call with SAML_FEDERATION set to sp_settings())."""
        if not self.sp_loaded:
            self.server.metadata.load("inline", str(entity_descriptor(sp.sp_config())))
            self.sp_loaded = True

    # --- Sign-in ----------------------------------------------------------------------------------------
    def authn_request(self, location: str):
        """The SP's AuthnRequest from its redirect, with the redirect signature verified (else an exception)."""
        self.trust_sp()
        query = {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}
        return self.server.parse_authn_request(
            query["SAMLRequest"],
            BINDING_HTTP_REDIRECT,
            relay_state=query.get("RelayState"),
            sigalg=query.get("SigAlg"),
            signature=query.get("Signature"),
        ).message

    def response(
        self,
        person: Person,
        *,
        in_response_to: str | None,
        audience: str | None = None,
        encrypt: bool = False,
        sign_assertion: bool = True,
    ) -> str:
        """A signed SAMLResponse (base64, for the HTTP-POST binding) about `person`."""
        self.trust_sp()
        sp_entity_id = audience or f"{self.sp_base_url}/saml/metadata/"
        kwargs = {}
        if encrypt:
            kwargs = {
                "encrypt_assertion": True,
                "encrypt_cert_assertion": Path(self.sp_cert_file).read_text(),
            }
        response = self.server.create_authn_response(
            identity={name: values for name, values in person.attributes().items() if values},
            in_response_to=in_response_to,
            destination=f"{self.sp_base_url}/saml/acs/",
            sp_entity_id=sp_entity_id,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=person.name_id),
            authn={
                "class_ref": f"https://data.gov.dk/concept/core/nsis/loa/{person.loa}",
                "authn_auth": self.entity_id,
            },
            sign_assertion=sign_assertion,
            sign_response=not sign_assertion,
            **kwargs,
        )
        return base64.b64encode(str(response).encode()).decode("ascii")

    # --- Logout -----------------------------------------------------------------------------------------
    def logout_response_for(self, location: str) -> str:
        """Verifies the SP's signed LogoutRequest (HTTP-Redirect) and answers it: the URL back to the SP."""
        self.trust_sp()
        query = {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}
        request = self.server.parse_logout_request(
            query["SAMLRequest"],
            BINDING_HTTP_REDIRECT,
            relay_state=query.get("RelayState"),
            sigalg=query.get("SigAlg"),
            signature=query.get("Signature"),
        )
        self.last_logout_request = request.message
        response = self.server.create_logout_response(
            request.message, [BINDING_HTTP_REDIRECT], status=success_status_factory()
        )
        info = self.server.apply_binding(
            BINDING_HTTP_REDIRECT,
            str(response),
            f"{self.sp_base_url}/saml/slo/",
            relay_state=query.get("RelayState", ""),
            response=True,
            sign=True,
            sigalg=SIG_RSA_SHA256,
        )
        return dict(info["headers"])["Location"]

    def logout_request_url(self, person: Person, *, session_index: str | None = None, sign: bool = True) -> str:
        """An IdP-initiated LogoutRequest for `person`, as the URL of the SP's SLO service (HTTP-Redirect)."""
        self.trust_sp()
        destination = f"{self.sp_base_url}/saml/slo/"
        _id, request = self.server.create_logout_request(
            destination,
            self.entity_id,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=person.name_id),
            session_indexes=[session_index] if session_index else None,
            sign=False,
        )
        info = self.server.apply_binding(
            BINDING_HTTP_REDIRECT, str(request), destination, sign=sign, sigalg=SIG_RSA_SHA256
        )
        return dict(info["headers"])["Location"]

    def logout_response_accepted(self, location: str) -> bool:
        """True when the SP's answer to our LogoutRequest is a valid, successful LogoutResponse."""
        query = {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}
        response = self.server.parse_logout_request_response(query["SAMLResponse"], BINDING_HTTP_REDIRECT)
        return response is not None and response.status_ok()
