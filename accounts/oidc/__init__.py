"""MitID Erhverv sign-in for company people: OpenID Connect (authorisation code, PKCE, state, nonce) against
NemLog-in or a certified broker, through Authlib. See the README's "MitID Erhverv" section."""
