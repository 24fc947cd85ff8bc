"""Every message key identity answers with, and its English and French text: the one place.

A key reads ``identity.<field>.<rule>``. Texts may name ``{params}``; the gateway fetches them
(``GET /v1/messages``) and renders the French (or English) text with the params the response
carries.
"""

from __future__ import annotations

from typing import Any

CATALOG: dict[str, tuple[str, str]] = {
    # Usernames and passwords of the local provider.
    "identity.username.required": (
        "Username is mandatory.",
        "Le nom d'utilisateur est obligatoire.",
    ),
    "identity.username.too_short": (
        "Username must have at least {min} characters.",
        "Le nom d'utilisateur doit compter au moins {min} caractères.",
    ),
    "identity.username.too_long": (
        "Username must have at most {max} characters.",
        "Le nom d'utilisateur doit compter au plus {max} caractères.",
    ),
    "identity.username.invalid_characters": (
        "Username may contain only letters, digits, underscores, hyphens and periods.",
        "Le nom d'utilisateur ne peut contenir que des lettres, des chiffres, des traits de "
        "soulignement, des traits d'union et des points.",
    ),
    "identity.username.is_email": (
        "Username must not be an e-mail address.",
        "Le nom d'utilisateur ne doit pas être une adresse courriel.",
    ),
    "identity.username.taken": (
        "Username is already in use; choose another.",
        "Ce nom d'utilisateur est déjà utilisé; choisissez-en un autre.",
    ),
    "identity.username.unknown": (
        "No credential has this username.",
        "Aucun justificatif d'identité ne porte ce nom d'utilisateur.",
    ),
    "identity.password.required": (
        "Password is mandatory.",
        "Le mot de passe est obligatoire.",
    ),
    "identity.password.too_short": (
        "Password must have at least {min} characters.",
        "Le mot de passe doit compter au moins {min} caractères.",
    ),
    "identity.password.too_long": (
        "Password must have at most {max} characters.",
        "Le mot de passe doit compter au plus {max} caractères.",
    ),
    "identity.password.contains_username": (
        "Password must not contain the username.",
        "Le mot de passe ne doit pas contenir le nom d'utilisateur.",
    ),
    "identity.password.common": (
        "Password is too common; choose one that is harder to guess.",
        "Ce mot de passe est trop courant; choisissez-en un plus difficile à deviner.",
    ),
    "identity.password_confirmation.mismatch": (
        "Password confirmation does not match the password.",
        "La confirmation ne correspond pas au mot de passe.",
    ),
    # Recovery questions.
    "identity.recovery.count": (
        "Exactly {count} recovery questions are required.",
        "Exactement {count} questions de récupération sont requises.",
    ),
    "identity.recovery.question_required": (
        "Recovery question is mandatory.",
        "La question de récupération est obligatoire.",
    ),
    "identity.recovery.question_too_long": (
        "Recovery question must have at most {max} characters.",
        "La question de récupération doit compter au plus {max} caractères.",
    ),
    "identity.recovery.question_invalid_characters": (
        "Recovery question contains characters that are not allowed.",
        "La question de récupération contient des caractères non permis.",
    ),
    "identity.recovery.question_duplicate": (
        "Recovery questions must all be different.",
        "Les questions de récupération doivent toutes être différentes.",
    ),
    "identity.recovery.answer_too_short": (
        "Recovery answer must have at least {min} characters.",
        "La réponse de récupération doit compter au moins {min} caractères.",
    ),
    "identity.recovery.answer_too_long": (
        "Recovery answer must have at most {max} characters.",
        "La réponse de récupération doit compter au plus {max} caractères.",
    ),
    "identity.recovery.answers_wrong": (
        "The recovery answers do not match.",
        "Les réponses de récupération ne correspondent pas.",
    ),
    "identity.recovery.unavailable": (
        "This credential has no recovery questions.",
        "Ce justificatif d'identité n'a pas de questions de récupération.",
    ),
    # Signing in.
    "identity.sign_in.failed": (
        "The username or password is incorrect.",
        "Le nom d'utilisateur ou le mot de passe est incorrect.",
    ),
    "identity.sign_in.locked": (
        "Too many failed attempts: signing in and account recovery with this username are "
        "blocked until {until} (UTC). Try again after that time.",
        "Trop de tentatives infructueuses : la connexion et la récupération du compte avec ce "
        "nom d'utilisateur sont bloquées jusqu'à {until} (UTC). Réessayez après cette heure.",
    ),
    "identity.credential.disabled": (
        "This credential no longer works: it was transferred or disabled.",
        "Ce justificatif d'identité ne fonctionne plus : il a été transféré ou désactivé.",
    ),
    "identity.provider.unknown": (
        "Credential provider must be one of: gckey, sign_in_partner.",
        "Le fournisseur de justificatifs doit être gckey ou sign_in_partner.",
    ),
    "identity.provider.not_local": (
        "This credential provider signs in through its own site, not with a password here.",
        "Ce fournisseur de justificatifs se connecte par son propre site, pas avec un mot de "
        "passe ici.",
    ),
    # identity's own request-shape error (api_schemas' NUL check), beside the chassis' field.*
    "field.string_nul": (
        "This field must not contain the NUL character (U+0000).",
        "Ce champ ne doit pas contenir le caractère NUL (U+0000).",
    ),
    "identity.provider.not_oidc": (
        "This credential provider signs in with a username and password here.",
        "Ce fournisseur de justificatifs se connecte ici avec un nom d'utilisateur et un mot de "
        "passe.",
    ),
    "identity.oidc.state_unknown": (
        "The sign-in request is unknown or has expired; start again.",
        "La demande de connexion est inconnue ou a expiré; recommencez.",
    ),
    "identity.oidc.failed": (
        "The credential provider did not confirm the sign-in.",
        "Le fournisseur de justificatifs n'a pas confirmé la connexion.",
    ),
    "identity.oidc.unavailable": (
        "The credential provider cannot be reached; try again later.",
        "Le fournisseur de justificatifs est injoignable; réessayez plus tard.",
    ),
    "identity.oidc.purpose_invalid": (
        "Purpose must be one of: sign_in, transfer, change_provider.",
        "Le but doit être sign_in, transfer ou change_provider.",
    ),
    # Sessions.
    "identity.session.required": (
        "A session is required: sign in first.",
        "Une session est requise : connectez-vous d'abord.",
    ),
    "identity.session.invalid": (
        "The session has ended or expired; sign in again.",
        "La session est terminée ou a expiré; connectez-vous de nouveau.",
    ),
    "identity.session.needs_terms": (
        "The current Terms and Conditions of Use must be accepted first.",
        "Les conditions d'utilisation en vigueur doivent d'abord être acceptées.",
    ),
    "identity.session.needs_user_account": (
        "A user account must be created first.",
        "Un compte d'utilisateur doit d'abord être créé.",
    ),
    "identity.session.has_user_account": (
        "This credential already has a user account.",
        "Ce justificatif d'identité a déjà un compte d'utilisateur.",
    ),
    "identity.session.unknown": (
        "No session of yours has this reference.",
        "Aucune de vos sessions ne porte cette référence.",
    ),
    # Terms and Conditions of Use.
    "identity.terms.not_current": (
        "Version {version} is not the current Terms and Conditions of Use (version {current}).",
        "La version {version} n'est pas celle des conditions d'utilisation en vigueur "
        "(version {current}).",
    ),
    "identity.terms.text_required": (
        "The terms text is mandatory in English and French.",
        "Le texte des conditions est obligatoire en anglais et en français.",
    ),
    # Profile.
    "identity.first_name.required": ("First name is mandatory.", "Le prénom est obligatoire."),
    "identity.first_name.too_long": (
        "First name must have at most {max} characters.",
        "Le prénom doit compter au plus {max} caractères.",
    ),
    "identity.first_name.invalid_characters": (
        "First name contains characters that are not allowed.",
        "Le prénom contient des caractères non permis.",
    ),
    "identity.last_name.required": ("Last name is mandatory.", "Le nom est obligatoire."),
    "identity.last_name.too_long": (
        "Last name must have at most {max} characters.",
        "Le nom doit compter au plus {max} caractères.",
    ),
    "identity.last_name.invalid_characters": (
        "Last name contains characters that are not allowed.",
        "Le nom contient des caractères non permis.",
    ),
    "identity.email.required": (
        "E-mail address is mandatory.",
        "L'adresse courriel est obligatoire.",
    ),
    "identity.email.invalid": (
        "E-mail address is not a valid address.",
        "L'adresse courriel n'est pas valide.",
    ),
    "identity.telephone.required": (
        "Telephone number is mandatory.",
        "Le numéro de téléphone est obligatoire.",
    ),
    "identity.telephone.too_long": (
        "Telephone number must have at most {max} characters.",
        "Le numéro de téléphone doit compter au plus {max} caractères.",
    ),
    "identity.telephone.invalid": (
        "Telephone number must have {min} to {max} digits and only digits, spaces, +, -, "
        "parentheses, periods or an extension (x).",
        "Le numéro de téléphone doit compter de {min} à {max} chiffres et ne contenir que des "
        "chiffres, des espaces, +, -, des parenthèses, des points ou un poste (x).",
    ),
    "identity.time_zone.required": (
        "Time zone is mandatory.",
        "Le fuseau horaire est obligatoire.",
    ),
    "identity.time_zone.unknown": (
        "Time zone must be an IANA time zone such as America/Toronto.",
        "Le fuseau horaire doit être un fuseau IANA, par exemple America/Toronto.",
    ),
    "identity.language.invalid": (
        "Preferred language must be en or fr.",
        "La langue préférée doit être en ou fr.",
    ),
    "identity.profile.no_change": (
        "No profile field was given to change.",
        "Aucun champ du profil à modifier n'a été fourni.",
    ),
    "identity.profile.unknown_field": (
        "Profile has no field named {name}.",
        "Le profil n'a pas de champ nommé {name}.",
    ),
    # E-mail confirmation.
    "identity.email_confirmation.unknown": (
        "This confirmation link is not valid.",
        "Ce lien de confirmation n'est pas valide.",
    ),
    "identity.email_confirmation.used": (
        "This confirmation link was already used.",
        "Ce lien de confirmation a déjà été utilisé.",
    ),
    "identity.email_confirmation.expired": (
        "This confirmation link has expired; ask for a new one.",
        "Ce lien de confirmation a expiré; demandez-en un nouveau.",
    ),
    "identity.email_confirmation.superseded": (
        "This confirmation link is for an e-mail address that is no longer in your profile.",
        "Ce lien de confirmation vise une adresse courriel qui n'est plus dans votre profil.",
    ),
    # URN.
    "identity.urn.invalid": (
        "User Reference Number is not valid (wrong format or check character).",
        "Le numéro de référence de l'utilisateur n'est pas valide (format ou caractère de "
        "contrôle erroné).",
    ),
    "identity.urn.unknown": (
        "No user has this User Reference Number.",
        "Aucun utilisateur n'a ce numéro de référence.",
    ),
    # Credential transfer.
    "identity.transfer.same_provider": (
        "The user already uses this credential provider.",
        "L'utilisateur utilise déjà ce fournisseur de justificatifs.",
    ),
    "identity.transfer.target_has_user": (
        "The new credential already belongs to a user account.",
        "Le nouveau justificatif d'identité appartient déjà à un compte d'utilisateur.",
    ),
    "identity.transfer.source_has_no_user": (
        "The old credential has no user account to transfer.",
        "L'ancien justificatif d'identité n'a pas de compte d'utilisateur à transférer.",
    ),
    # Users.
    "identity.user.disabled": (
        "This user account is disabled.",
        "Ce compte d'utilisateur est désactivé.",
    ),
    "identity.reason.required": (
        "Reason is mandatory.",
        "La raison est obligatoire.",
    ),
    "identity.reason.too_long": (
        "Reason must have at most {max} characters.",
        "La raison doit compter au plus {max} caractères.",
    ),
    # Personal access tokens (the public API's credentials).
    "identity.pat_name.required": (
        "Token name is mandatory.",
        "Le nom du jeton est obligatoire.",
    ),
    "identity.pat_name.too_long": (
        "Token name must have at most {max} characters.",
        "Le nom du jeton doit compter au plus {max} caractères.",
    ),
    "identity.pat_name.invalid_characters": (
        "Token name contains characters that are not allowed.",
        "Le nom du jeton contient des caractères non permis.",
    ),
    "identity.pat_accounts.required": (
        "At least one business account is mandatory.",
        "Au moins un compte d'entreprise est obligatoire.",
    ),
    "identity.pat_accounts.too_many": (
        "A token may name at most {max} business accounts.",
        "Un jeton peut viser au plus {max} comptes d'entreprise.",
    ),
    "identity.pat_accounts.invalid": (
        "Business account identifier must have 1 to {max} letters, digits, periods, colons, "
        "underscores or hyphens.",
        "L'identifiant du compte d'entreprise doit compter de 1 à {max} lettres, chiffres, "
        "points, deux-points, traits de soulignement ou traits d'union.",
    ),
    "identity.pat_access.invalid": (
        "Access must be read or write.",
        "L'accès doit être read (lecture) ou write (écriture).",
    ),
    "identity.pat_expiry.out_of_range": (
        "Expiry must be between {min} and {max} days.",
        "L'échéance doit être comprise entre {min} et {max} jours.",
    ),
    "identity.pat.too_many": (
        "You already have {max} personal access tokens in use; revoke one first.",
        "Vous avez déjà {max} jetons d'accès personnels en service; révoquez-en un d'abord.",
    ),
    "identity.pat.unknown": (
        "No personal access token of yours has this identifier.",
        "Aucun de vos jetons d'accès personnels ne porte cet identifiant.",
    ),
    "identity.pat.invalid": (
        "The personal access token is not valid or can no longer be used.",
        "Le jeton d'accès personnel n'est pas valide ou ne peut plus être utilisé.",
    ),
}


def english(code: str, params: dict[str, Any]) -> str:
    """The English text of ``code`` with ``params`` filled in (KeyError for an unknown code)."""
    return CATALOG[code][0].format(**params)
