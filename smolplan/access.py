"""Who may change what everyone sees: editors and viewers, decided by `.streamlit/secrets.toml`.

- `[auth]` present (Streamlit's `st.login`, OIDC: Keycloak, AD FS…): editors are the e-mails listed
  in `[smolplan] editors`; everyone else who signs in, or does not, is a viewer.
- no `[auth]`, but `[smolplan] editor_password_hash`: whoever enters the editor password is an editor.
  The password is kept only as a salted scrypt hash; `python -m smolplan.access` prints one to paste.
- neither: single-user mode (a desk computer), where everything is allowed.
Uploading, deleting and setting the department's default plan need an editor; viewing and exporting
do not. This module only decides; the page asks Streamlit who the user is.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets as random_source
from collections.abc import Mapping

SINGLE_USER, PASSWORD, OIDC = "single", "password", "oidc"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # ~50 ms and 16 MB per check: slow to guess, quick to enter


def access_mode(settings: Mapping) -> str:
    """Which of the three modes the secrets describe."""
    if settings.get("auth"):
        return OIDC
    if (settings.get("smolplan") or {}).get("editor_password_hash"):
        return PASSWORD
    return SINGLE_USER


def hash_password(password: str, salt: bytes | None = None) -> str:
    """"scrypt$N$r$p$<salt hex>$<hash hex>": what goes into `editor_password_hash`."""
    salt = salt or random_source.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str) -> bool:
    """Whether `password` is the one `stored` (a `hash_password` string) was made from; a malformed
    hash matches nothing."""
    try:
        scheme, n, r, p, salt, digest = stored.strip().split("$")
        if scheme != "scrypt":
            return False
        computed = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                                  dklen=len(bytes.fromhex(digest)), maxmem=256 * 1024**2)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(computed, bytes.fromhex(digest))


def editors(settings: Mapping) -> set[str]:
    """The editors' e-mails, folded to lower case."""
    listed = (settings.get("smolplan") or {}).get("editors") or []
    if isinstance(listed, str):
        listed = [listed]
    return {str(email).strip().lower() for email in listed if str(email).strip()}


def is_editor(settings: Mapping, email: str | None = None, password_ok: bool = False) -> bool:
    """Single-user mode: yes. OIDC: the signed-in e-mail is listed. Password: the password was entered."""
    mode = access_mode(settings)
    if mode == SINGLE_USER:
        return True
    if mode == OIDC:
        return bool(email) and email.strip().lower() in editors(settings)
    return password_ok


def main() -> int:
    """Ask for the editor password twice and print the line to paste into secrets.toml."""
    import getpass
    import sys

    first = getpass.getpass("Пароль редактора: ")
    if len(first) < 8:
        print("Пароль слишком короткий: нужно не меньше 8 знаков.", file=sys.stderr)
        return 2
    if getpass.getpass("Ещё раз: ") != first:
        print("Пароли не совпали.", file=sys.stderr)
        return 2
    print("[smolplan]")
    print(f'editor_password_hash = "{hash_password(first)}"')
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
