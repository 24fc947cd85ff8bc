"""The English and French texts of the codes every service answers with through the chassis.

``field.<pydantic error type>`` (a request of the wrong shape, see ``errors``), ``http.<status>``
(the framework's own 400, 404, 405) and the chassis' ``auth.*`` and ``authorization.forbidden``.
Every service's ``GET /v1/messages`` serves them beside its own keys (``messages``). Texts may
name ``{params}``: only the scalar context pydantic gives (``min_length``, ``gt``...).
"""

from __future__ import annotations

_OBJECT = ("This value must be a JSON object.", "Cette valeur doit être un objet JSON.")
_LIST = ("This value must be a list.", "Cette valeur doit être une liste.")
_TEXT = ("This value must be text.", "Cette valeur doit être du texte.")
_CHOICE = ("Choose one of the allowed values.", "Choisissez une des valeurs permises.")
_INVALID = ("This value is not valid.", "Cette valeur n'est pas valide.")
_TRUE_OR_FALSE = (
    "This value must be true or false.",
    "Cette valeur doit être true (vrai) ou false (faux).",
)
_WHOLE_NUMBER = ("Enter a whole number.", "Entrez un nombre entier.")
_NUMBER = ("Enter a number.", "Entrez un nombre.")
_DATE = ("Enter a valid date (YYYY-MM-DD).", "Entrez une date valide (AAAA-MM-JJ).")
_TIME = ("Enter a valid time (HH:MM).", "Entrez une heure valide (HH:MM).")
_DATE_TIME = (
    "Enter a valid date and time (ISO 8601, e.g. 2025-03-31T14:30-04:00).",
    "Entrez une date et une heure valides (ISO 8601, p. ex. 2025-03-31T14:30-04:00).",
)
_DURATION = ("Enter a valid duration.", "Entrez une durée valide.")
_URL = ("Enter a valid web address (URL).", "Entrez une adresse Web (URL) valide.")
_UUID = ("Enter a valid identifier (UUID).", "Entrez un identifiant valide (UUID).")
_DECIMAL = ("Enter a valid decimal number.", "Entrez un nombre décimal valide.")
_FRACTION = ("Enter a valid fraction.", "Entrez une fraction valide.")
_COMPLEX = ("Enter a valid complex number.", "Entrez un nombre complexe valide.")

_FIELD_TEXTS: dict[str, tuple[str, str]] = {
    # The request as a whole.
    "json_invalid": ("The request is not valid JSON.", "La demande n'est pas du JSON valide."),
    "json_type": (
        "The request body must be JSON text.",
        "Le corps de la demande doit être du texte JSON.",
    ),
    "recursion_depth_exceeded": (
        "The request is nested too deeply.",
        "La demande comporte trop de niveaux d'imbrication.",
    ),
    # Fields present, missing or unexpected.
    "missing": ("This field is mandatory.", "Ce champ est obligatoire."),
    "extra_forbidden": ("This field is not allowed here.", "Ce champ n'est pas permis ici."),
    "none_required": ("This field must be empty.", "Ce champ doit être vide."),
    "default_factory_not_called": (
        "This value could not be filled in because of another error.",
        "Cette valeur n'a pu être remplie en raison d'une autre erreur.",
    ),
    "invalid_key": ("Keys must be text.", "Les clés doivent être du texte."),
    # Objects and lists.
    "model_type": _OBJECT,
    "dataclass_type": _OBJECT,
    "dict_type": _OBJECT,
    "mapping_type": _OBJECT,
    "frozen_dict_type": _OBJECT,
    "ordered_dict_type": _OBJECT,
    "counter_type": _OBJECT,
    "named_tuple_type": (
        "This value must be a list or a JSON object.",
        "Cette valeur doit être une liste ou un objet JSON.",
    ),
    "list_type": _LIST,
    "tuple_type": _LIST,
    "set_type": _LIST,
    "frozen_set_type": _LIST,
    "deque_type": _LIST,
    "iterable_type": _LIST,
    "too_short": (
        "Enter at least {min_length} item(s).",
        "Entrez au moins {min_length} élément(s).",
    ),
    "too_long": (
        "Enter at most {max_length} item(s).",
        "Entrez au plus {max_length} élément(s).",
    ),
    # Text.
    "string_type": _TEXT,
    "string_unicode": ("The text is not valid Unicode.", "Le texte n'est pas de l'Unicode valide."),
    "string_too_short": (
        "Enter at least {min_length} character(s).",
        "Entrez au moins {min_length} caractère(s).",
    ),
    "string_too_long": (
        "Enter at most {max_length} character(s).",
        "Entrez au plus {max_length} caractère(s).",
    ),
    "string_pattern_mismatch": (
        "This value is not in the expected format.",
        "Cette valeur n'est pas dans le format attendu.",
    ),
    "string_not_ascii": (
        "Use only ASCII characters (unaccented letters, digits and common symbols).",
        "N'utilisez que des caractères ASCII (lettres non accentuées, chiffres et symboles "
        "courants).",
    ),
    "bytes_type": _TEXT,
    "bytes_too_short": (
        "Enter at least {min_length} byte(s).",
        "Entrez au moins {min_length} octet(s).",
    ),
    "bytes_too_long": (
        "Enter at most {max_length} byte(s).",
        "Entrez au plus {max_length} octet(s).",
    ),
    "bytes_invalid_encoding": (
        "The data is not correctly encoded.",
        "Les données ne sont pas correctement encodées.",
    ),
    # Choices and checks.
    "enum": _CHOICE,
    "literal_error": _CHOICE,
    "union_tag_invalid": (
        "The type given is not one of the allowed choices.",
        "Le type indiqué ne fait pas partie des choix permis.",
    ),
    "union_tag_not_found": (
        "This value does not say which type it is.",
        "Cette valeur n'indique pas son type.",
    ),
    "value_error": _INVALID,
    "assertion_error": _INVALID,
    "bool_type": _TRUE_OR_FALSE,
    "bool_parsing": _TRUE_OR_FALSE,
    # Numbers.
    "int_type": _WHOLE_NUMBER,
    "int_parsing": _WHOLE_NUMBER,
    "int_parsing_size": ("This number is too large.", "Ce nombre est trop grand."),
    "int_from_float": (
        "Enter a whole number (no decimals).",
        "Entrez un nombre entier (sans décimales).",
    ),
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "finite_number": ("Enter a finite number.", "Entrez un nombre fini."),
    "greater_than": (
        "The value must be greater than {gt}.",
        "La valeur doit être supérieure à {gt}.",
    ),
    "greater_than_equal": (
        "The value must be at least {ge}.",
        "La valeur doit être d'au moins {ge}.",
    ),
    "less_than": (
        "The value must be less than {lt}.",
        "La valeur doit être inférieure à {lt}.",
    ),
    "less_than_equal": (
        "The value must be at most {le}.",
        "La valeur doit être d'au plus {le}.",
    ),
    "multiple_of": (
        "The value must be a multiple of {multiple_of}.",
        "La valeur doit être un multiple de {multiple_of}.",
    ),
    "decimal_type": _DECIMAL,
    "decimal_parsing": _DECIMAL,
    "decimal_max_digits": (
        "Enter a number of at most {max_digits} digit(s) in all.",
        "Entrez un nombre d'au plus {max_digits} chiffre(s) en tout.",
    ),
    "decimal_max_places": (
        "Enter at most {decimal_places} decimal place(s).",
        "Entrez au plus {decimal_places} décimale(s).",
    ),
    "decimal_whole_digits": (
        "Enter at most {whole_digits} digit(s) before the decimal point.",
        "Entrez au plus {whole_digits} chiffre(s) avant le séparateur décimal.",
    ),
    "fraction_type": _FRACTION,
    "fraction_parsing": _FRACTION,
    "complex_type": _COMPLEX,
    "complex_str_parsing": _COMPLEX,
    # Dates and times.
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": ("Enter a date without a time.", "Entrez une date sans heure."),
    "date_past": ("Enter a date in the past.", "Entrez une date passée."),
    "date_future": ("Enter a date in the future.", "Entrez une date future."),
    "time_type": _TIME,
    "time_parsing": _TIME,
    "datetime_type": _DATE_TIME,
    "datetime_parsing": _DATE_TIME,
    "datetime_from_date_parsing": _DATE_TIME,
    "datetime_past": (
        "Enter a date and time in the past.",
        "Entrez une date et une heure passées.",
    ),
    "datetime_future": (
        "Enter a date and time in the future.",
        "Entrez une date et une heure futures.",
    ),
    "timezone_naive": (
        "Enter a time without a time zone offset.",
        "Entrez une heure sans décalage horaire.",
    ),
    "timezone_aware": (
        "Enter a time with its time zone offset (e.g. -05:00).",
        "Entrez une heure avec son décalage horaire (p. ex. -05:00).",
    ),
    "timezone_offset": (
        "Enter a time with the expected time zone offset.",
        "Entrez une heure avec le décalage horaire attendu.",
    ),
    "time_delta_type": _DURATION,
    "time_delta_parsing": _DURATION,
    # Web addresses and identifiers.
    "url_type": _URL,
    "url_parsing": _URL,
    "url_syntax_violation": _URL,
    "url_too_long": (
        "Enter a web address (URL) of at most {max_length} character(s).",
        "Entrez une adresse Web (URL) d'au plus {max_length} caractère(s).",
    ),
    "url_scheme": (
        "The web address (URL) must begin with an allowed scheme, such as https.",
        "L'adresse Web (URL) doit commencer par un protocole permis, comme https.",
    ),
    "uuid_type": _UUID,
    "uuid_parsing": _UUID,
    "uuid_version": (
        "Enter an identifier (UUID) of version {expected_version}.",
        "Entrez un identifiant (UUID) de version {expected_version}.",
    ),
}

COMMON_MESSAGES: dict[str, tuple[str, str]] = {
    **{f"field.{error_type}": texts for error_type, texts in _FIELD_TEXTS.items()},
    # The framework's own refusals.
    "http.400": ("The request could not be read.", "La demande n'a pu être lue."),
    "http.404": ("What you asked for was not found.", "L'élément demandé est introuvable."),
    "http.405": ("This operation is not allowed here.", "Cette opération n'est pas permise ici."),
    # Sign-in (the bearer token) and the account roles (``auth``, ``authorization``).
    "auth.token_missing": (
        "You must sign in to do this.",
        "Vous devez vous connecter pour effectuer cette opération.",
    ),
    "auth.token_invalid": (
        "Your sign-in could not be verified; sign in again.",
        "Votre connexion n'a pu être vérifiée; connectez-vous de nouveau.",
    ),
    "auth.keys_unavailable": (
        "Your sign-in cannot be verified right now; try again shortly.",
        "Votre connexion ne peut être vérifiée pour le moment; réessayez sous peu.",
    ),
    "authorization.forbidden": (
        "You may not do this on this business account.",
        "Vous ne pouvez pas effectuer cette opération sur ce compte d'entreprise.",
    ),
}
"""``code: (English, French)`` of what the chassis itself answers with."""
