"""Every message key accounts answers with, and its English and French text: the one place.

A key reads ``accounts.<field>.<rule>`` (``accounts.<rule>`` for the role checks), and
``field.control_characters`` is the request schemas' own check. Texts may name ``{params}``; the
gateway fetches them (``GET /v1/messages``) and renders the French (or English) text with the
params the response carries.
"""

from __future__ import annotations

_CONTROL_CHARACTERS = (
    "This text must not contain control characters (such as line breaks, tabs or NUL).",
    "Ce texte ne doit pas contenir de caractères de contrôle (comme des sauts de ligne, des "
    "tabulations ou le caractère NUL).",
)

CATALOG: dict[str, tuple[str, str]] = {
    # Activation codes and the activation of a business account.
    "accounts.activation_code.wrong": (
        "The activation code does not match the code CBSA issued for this Business Number.",
        "Le code d'activation ne correspond pas au code que l'ASFC a émis pour ce numéro "
        "d'entreprise.",
    ),
    "accounts.activation_code.used": (
        "This activation code has already been used to activate a business account.",
        "Ce code d'activation a déjà servi à activer un compte d'entreprise.",
    ),
    "accounts.activation_code.revoked": (
        "CBSA revoked this activation code. Ask CBSA for a new one.",
        "L'ASFC a révoqué ce code d'activation. Demandez-en un nouveau à l'ASFC.",
    ),
    "accounts.activation_code.replaced": (
        "CBSA has issued a newer activation code for this Business Number; use the new one.",
        "L'ASFC a émis un code d'activation plus récent pour ce numéro d'entreprise; "
        "utilisez le nouveau code.",
    ),
    "accounts.activation_code.expired": (
        "This activation code has expired. Ask CBSA for a new one.",
        "Ce code d'activation a expiré. Demandez-en un nouveau à l'ASFC.",
    ),
    "accounts.activation_code.not_active": (
        "Only an active activation code can be revoked or reissued.",
        "Seul un code d'activation actif peut être révoqué ou émis de nouveau.",
    ),
    "accounts.activation_code.not_found": (
        "There is no such activation code.",
        "Ce code d'activation est introuvable.",
    ),
    "accounts.activation.locked": (
        "Too many failed activation attempts for this Business Number. Try again after "
        "{retry_at} (UTC).",
        "Trop de tentatives d'activation infructueuses pour ce numéro d'entreprise. Réessayez "
        "après {retry_at} (UTC).",
    ),
    "accounts.user.no_urn": (
        "Your sign-in carries no User Reference Number (URN).",
        "Votre connexion ne comporte aucun numéro de référence de l'utilisateur (NRU).",
    ),
    # Business Numbers.
    "accounts.business_number.checksum": (
        "The check digit of the Business Number's first 9 digits is wrong.",
        "Le chiffre de contrôle des 9 premiers chiffres du numéro d'entreprise est erroné.",
    ),
    "accounts.business_number.invalid": (
        "Business Number must be 9 digits, the program identifier RM and 4 digits "
        "(999999999RM9999).",
        "Le numéro d'entreprise doit compter 9 chiffres, l'identificateur de programme RM et "
        "4 chiffres (999999999RM9999).",
    ),
    "accounts.business_number.program": (
        "Business Number must be a 15-character RM (import-export) program account, "
        "e.g. 123456782RM0001.",
        "Le numéro d'entreprise doit être celui d'un compte de programme RM "
        "(importations-exportations) de 15 caractères, p. ex. 123456782RM0001.",
    ),
    "accounts.business_number.already_activated": (
        "This Business Number already has a business account.",
        "Un compte d'entreprise existe déjà pour ce numéro d'entreprise.",
    ),
    # Business information.
    "accounts.legal_name.required": (
        "Legal name is mandatory.",
        "La dénomination sociale est obligatoire.",
    ),
    "accounts.address.line1_required": (
        "Address line 1 is mandatory.",
        "La ligne 1 de l'adresse est obligatoire.",
    ),
    "accounts.address.city_required": ("City is mandatory.", "La ville est obligatoire."),
    "accounts.address.country_unknown": (
        "Country must be an ISO 3166-1 alpha-2 country code (e.g. CA).",
        "Le pays doit être un code de pays ISO 3166-1 alpha-2 (p. ex. CA).",
    ),
    "accounts.address.province_required": (
        "Province is mandatory for a Canadian address (e.g. CA-ON).",
        "La province est obligatoire pour une adresse au Canada (p. ex. CA-ON).",
    ),
    "accounts.address.province_unknown": (
        "Province must be a subdivision of the address's country (ISO 3166-2, e.g. CA-ON).",
        "La province doit être une subdivision du pays de l'adresse (ISO 3166-2, p. ex. CA-ON).",
    ),
    "accounts.contact.name_required": (
        "Contact name is mandatory.",
        "Le nom de la personne-ressource est obligatoire.",
    ),
    "accounts.contact.telephone_required": (
        "Contact telephone is mandatory.",
        "Le numéro de téléphone de la personne-ressource est obligatoire.",
    ),
    "accounts.text.control_characters": _CONTROL_CHARACTERS,
    "field.control_characters": _CONTROL_CHARACTERS,
    # Business accounts and who may act on them.
    "accounts.business_account.not_found": (
        "There is no such business account, or it was deleted.",
        "Ce compte d'entreprise n'existe pas ou a été supprimé.",
    ),
    "accounts.forbidden": (
        "You may not do this on this business account.",
        "Vous ne pouvez pas effectuer cette opération sur ce compte d'entreprise.",
    ),
    "accounts.officer_only": (
        "Only a CBSA officer may do this.",
        "Seul un agent de l'ASFC peut effectuer cette opération.",
    ),
    # User access.
    "accounts.user.not_found_or_mismatch": (
        "No user has this URN, last name and e-mail address together. Check all three.",
        "Aucun utilisateur n'a à la fois ce NRU, ce nom de famille et cette adresse courriel. "
        "Vérifiez les trois.",
    ),
    "accounts.member.already_member": (
        "User {urn} already has access to this business account.",
        "L'utilisateur {urn} a déjà accès à ce compte d'entreprise.",
    ),
    "accounts.member.not_found": (
        "This user has no access to this business account.",
        "Cet utilisateur n'a pas accès à ce compte d'entreprise.",
    ),
    "accounts.member.last_owner": (
        "The account owner cannot be removed or given another role: an account always has its "
        "owner. A CBSA officer can change the owner.",
        "Le propriétaire du compte ne peut être retiré ni recevoir un autre rôle : un compte a "
        "toujours son propriétaire. Un agent de l'ASFC peut désigner un autre propriétaire.",
    ),
    "accounts.member.role_not_assignable": (
        "Role must be Proxy Account Owner, Account User or Account Browser; CBSA changes the "
        "owner.",
        "Le rôle doit être Propriétaire mandataire du compte, Utilisateur du compte ou "
        "Consultant du compte; c'est l'ASFC qui change le propriétaire.",
    ),
    "accounts.member.proxy_owner_protected": (
        "A Proxy Account Owner cannot add, remove or change another Proxy Account Owner.",
        "Un propriétaire mandataire du compte ne peut ajouter, retirer ni modifier un autre "
        "propriétaire mandataire du compte.",
    ),
    # Officers: owner, Summary Reporting Program, CSP associations.
    "accounts.owner.unchanged": (
        "This user already owns this business account.",
        "Cet utilisateur est déjà le propriétaire de ce compte d'entreprise.",
    ),
    "accounts.user.not_found": (
        "No active user has this User Reference Number (URN).",
        "Aucun utilisateur actif n'a ce numéro de référence de l'utilisateur (NRU).",
    ),
    "accounts.srp.exporters_only": (
        "Only an exporter's account can be approved for the Summary Reporting Program.",
        "Seul le compte d'un exportateur peut être approuvé pour le Programme de déclaration "
        "sommaire.",
    ),
    "accounts.srp.not_approved": (
        "This account is not approved for the Summary Reporting Program.",
        "Ce compte n'est pas approuvé pour le Programme de déclaration sommaire.",
    ),
    "accounts.association.types": (
        "An association links an exporter's account to a customs service provider's.",
        "Une association lie le compte d'un exportateur à celui d'un fournisseur de services "
        "douaniers.",
    ),
    "accounts.association.exists": (
        "This customs service provider already files for this exporter.",
        "Ce fournisseur de services douaniers déclare déjà pour le compte de cet exportateur.",
    ),
    "accounts.association.not_found": (
        "That customs service provider does not file for this exporter.",
        "Ce fournisseur de services douaniers ne déclare pas pour le compte de cet exportateur.",
    ),
    # Identifiers drawn at random (a full space is for the operators).
    "accounts.authorization_id.exhausted": (
        "No free Authorization ID was found; tell the CERS operators.",
        "Aucun ID d'autorisation libre n'a été trouvé; avisez l'équipe d'exploitation du SCDE.",
    ),
    "accounts.sum_id.exhausted": (
        "No free SUM id was found; tell the CERS operators.",
        "Aucun identifiant SUM libre n'a été trouvé; avisez l'équipe d'exploitation du SCDE.",
    ),
}
