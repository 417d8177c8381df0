"""pysaml2 set up as the OIOSAML 3 service provider KOMBIT's Context Handler expects.

pysaml2 does every XML signature, encryption and schema step (through Debian's xmlsec1); this module only says
what to ask for and what to insist on: signed AuthnRequests and logout messages (RSA-SHA256), signed assertions
(encrypted ones are decrypted with the SP's encryption key), the audience, the validity window with the
configured clock skew, and no unsolicited responses.
"""

import functools
import json
import shutil
import time

from django.conf import settings
from django.urls import reverse
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

# OIOSAML 3 attributes the sign-in reads.
LOA_ATTRIBUTE = "https://data.gov.dk/concept/core/nsis/loa"
EMAIL_ATTRIBUTE = "https://data.gov.dk/model/core/eid/email"
FIRST_NAME_ATTRIBUTE = "https://data.gov.dk/model/core/eid/firstName"
LAST_NAME_ATTRIBUTE = "https://data.gov.dk/model/core/eid/lastName"
SPEC_VERSION_ATTRIBUTE = "https://data.gov.dk/model/core/specVersion"
PRIVILEGES_ATTRIBUTE = "https://data.gov.dk/model/core/eid/privilegesIntermediate"
# The least NSIS level of assurance that signs a member of staff in (as an AuthnContextClassRef, too).
MINIMUM_LOA = "https://data.gov.dk/concept/core/nsis/loa/Substantial"
# How long a sign-in may take at the IdP before its answer no longer counts as answering our request.
REQUEST_LIFETIME_SECONDS = 15 * 60
# Remote IdP metadata is fetched again after this long.
REMOTE_METADATA_TTL_SECONDS = 3600


def xmlsec_binary() -> str:
    return shutil.which("xmlsec1") or "/usr/bin/xmlsec1"


def enabled() -> bool:
    return bool(getattr(settings, "SAML_FEDERATION", None))


def _config_dict(conf: dict) -> dict:
    base = conf["base_url"]
    acs = base + reverse("saml:acs")
    slo = base + reverse("saml:slo")
    if conf["idp_metadata_file"]:
        metadata: dict = {"local": [conf["idp_metadata_file"]]}
    else:
        remote = {"url": conf["idp_metadata_url"]}
        if conf.get("idp_metadata_cert_file"):
            remote["cert"] = conf["idp_metadata_cert_file"]
        metadata = {"remote": [remote]}
    return {
        "entityid": conf["entity_id"],
        "xmlsec_binary": conf["xmlsec_binary"],
        "key_file": conf["key_file"],
        "cert_file": conf["cert_file"],
        "encryption_keypairs": [{"key_file": conf["encryption_key_file"], "cert_file": conf["encryption_cert_file"]}],
        "metadata": metadata,
        "accepted_time_diff": conf["clock_skew"],
        "allow_unknown_attributes": True,
        "signing_algorithm": SIG_RSA_SHA256,
        "digest_algorithm": DIGEST_SHA256,
        "service": {
            "sp": {
                "name": "Mentorordning",
                "endpoints": {
                    "assertion_consumer_service": [(acs, BINDING_HTTP_POST)],
                    "single_logout_service": [(slo, BINDING_HTTP_REDIRECT), (slo, BINDING_HTTP_POST)],
                },
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "authn_requests_signed": True,
                "logout_requests_signed": True,
                "logout_responses_signed": True,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "allow_unsolicited": False,
                "requested_authn_context": {"authn_context_class_ref": [MINIMUM_LOA], "comparison": "minimum"},
                "requested_attributes": [
                    {"name": name, "name_format": NAME_FORMAT_URI, "required": required}
                    for name, required in (
                        (SPEC_VERSION_ATTRIBUTE, True),
                        (PRIVILEGES_ATTRIBUTE, True),
                        (EMAIL_ATTRIBUTE, True),
                        (LOA_ATTRIBUTE, False),
                        (FIRST_NAME_ATTRIBUTE, False),
                        (LAST_NAME_ATTRIBUTE, False),
                    )
                ],
            }
        },
    }


@functools.lru_cache(maxsize=4)
def _config(frozen: str, _period: int) -> SPConfig:
    config = SPConfig()
    config.load(_config_dict(json.loads(frozen)))
    return config


def sp_config() -> SPConfig:
    """The SP's pysaml2 configuration with the IdP's metadata loaded (remote metadata: again every hour)."""
    conf = settings.SAML_FEDERATION
    period = int(time.time() // REMOTE_METADATA_TTL_SECONDS) if conf["idp_metadata_url"] else 0
    return _config(json.dumps(conf, sort_keys=True), period)


def saml_client() -> Saml2Client:
    """A client with an empty identity cache: what the sign-in keeps lives in the database and the session."""
    return Saml2Client(sp_config())


def idp_entity_id(client: Saml2Client) -> str:
    """The one IdP in the metadata (the Context Handler)."""
    idps = list(client.metadata.with_descriptor("idpsso").keys())
    if len(idps) != 1:
        raise ValueError(f"The IdP metadata must describe exactly one identity provider, found {len(idps)}.")
    return idps[0]
