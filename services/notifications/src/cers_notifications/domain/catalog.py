"""Every message key notifications answers with, and its English and French text: the one place.

A key reads ``notifications.<field>.<rule>``: the first part of a broken rule's path and the rule
(``entrypoints.problems``), ``notifications.<what>.not_found`` for a missing bulletin, link or
outage. A bilingual field's problem points at the language (``/title/fr``), so the portal shows
it beside that field. Texts may name ``{params}``; the gateway fetches them
(``GET /v1/messages``) and renders the French (or English) text with the params the response
carries.
"""

from __future__ import annotations

_UNKNOWN_CATEGORY = ("This category is unknown.", "Cette catégorie est inconnue.")

CATALOG: dict[str, tuple[str, str]] = {
    # Bulletins.
    "notifications.number.pattern": (
        "Bulletin number must look like TCC25-0132.",
        "Le numéro du bulletin doit avoir la forme TCC25-0132.",
    ),
    "notifications.number.taken": (
        "Bulletin number {number} is already used.",
        "Le numéro de bulletin {number} est déjà utilisé.",
    ),
    "notifications.title.required": (
        "Title is mandatory in English and in French.",
        "Le titre est obligatoire en anglais et en français.",
    ),
    "notifications.title.invalid_character": (
        "Title must not contain the NUL character.",
        "Le titre ne doit pas contenir le caractère NUL.",
    ),
    "notifications.clients_affected.required": (
        "Clients affected must be given in English and in French.",
        "Les clients touchés doivent être indiqués en anglais et en français.",
    ),
    "notifications.clients_affected.invalid_character": (
        "Clients affected must not contain the NUL character.",
        "Le champ Clients touchés ne doit pas contenir le caractère NUL.",
    ),
    "notifications.description.required": (
        "Description is mandatory in English and in French.",
        "La description est obligatoire en anglais et en français.",
    ),
    "notifications.description.invalid_character": (
        "Description must not contain the NUL character.",
        "La description ne doit pas contenir le caractère NUL.",
    ),
    "notifications.action_required.required": (
        "Action required is mandatory in English and in French.",
        "La mesure requise est obligatoire en anglais et en français.",
    ),
    "notifications.action_required.invalid_character": (
        "Action required must not contain the NUL character.",
        "La mesure requise ne doit pas contenir le caractère NUL.",
    ),
    "notifications.starts_at.timezone_required": (
        "Start must carry a time zone offset (e.g. -05:00).",
        "Le début doit comporter un décalage horaire (p. ex. -05:00).",
    ),
    "notifications.starts_at.out_of_range": (
        "Start must be in the years {min} to {max}.",
        "Le début doit se situer entre les années {min} et {max}.",
    ),
    "notifications.ends_at.timezone_required": (
        "End must carry a time zone offset (e.g. -05:00).",
        "La fin doit comporter un décalage horaire (p. ex. -05:00).",
    ),
    "notifications.ends_at.out_of_range": (
        "End must be in the years {min} to {max}.",
        "La fin doit se situer entre les années {min} et {max}.",
    ),
    "notifications.ends_at.before_start": (
        "End time must be after start time.",
        "L'heure de fin doit être postérieure à l'heure de début.",
    ),
    "notifications.category.unknown": _UNKNOWN_CATEGORY,
    "notifications.version.stale": (
        "The bulletin was changed by someone else; reload it.",
        "Le bulletin a été modifié par quelqu'un d'autre; rechargez-le.",
    ),
    "notifications.bulletin.retired": (
        "A retired bulletin cannot be changed.",
        "Un bulletin retiré ne peut être modifié.",
    ),
    "notifications.bulletin.not_found": (
        "There is no such bulletin.",
        "Ce bulletin est introuvable.",
    ),
    "notifications.outage.not_found": (
        "There is no such outage bulletin.",
        "Ce bulletin de panne est introuvable.",
    ),
    # Topics (bulletins and useful links).
    "notifications.topics.too_many": (
        "At most {max} topics may be given.",
        "Au plus {max} sujets peuvent être indiqués.",
    ),
    "notifications.topics.invalid": (
        "A topic has 1 to {max} characters (no NUL character).",
        "Un sujet compte de 1 à {max} caractères (sans caractère NUL).",
    ),
    "notifications.topics.duplicate": (
        "Each topic may appear only once.",
        "Chaque sujet ne peut figurer qu'une fois.",
    ),
    # Useful links.
    "notifications.url.required": (
        "Address (URL) is mandatory in English and in French.",
        "L'adresse (URL) est obligatoire en anglais et en français.",
    ),
    "notifications.url.invalid_character": (
        "Address (URL) must not contain the NUL character.",
        "L'adresse (URL) ne doit pas contenir le caractère NUL.",
    ),
    "notifications.url.invalid": (
        "Address (URL) must be a complete http or https address.",
        "L'adresse (URL) doit être une adresse http ou https complète.",
    ),
    "notifications.link.retired": (
        "A retired link cannot be changed.",
        "Un lien retiré ne peut être modifié.",
    ),
    "notifications.link.not_found": (
        "There is no such useful link.",
        "Ce lien utile est introuvable.",
    ),
    # Subscriptions, officers, the development SMTP sink.
    "notifications.categories.unknown": _UNKNOWN_CATEGORY,
    "notifications.officer_required": (
        "Only CBSA officers may do this.",
        "Seuls les agents de l'ASFC peuvent effectuer cette opération.",
    ),
    "notifications.sink.not_found": (
        "There is no such message.",
        "Ce message est introuvable.",
    ),
}
