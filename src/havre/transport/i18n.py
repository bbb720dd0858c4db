"""The server's user-facing texts, French first, English available.

Error codes and notice keys map to texts here; the web client has its own catalogue for its pages.
"""

from __future__ import annotations

import enum


class Language(enum.Enum):
    """The languages Havre speaks."""

    FR = "fr"
    EN = "en"


HELP_LINES_FR = (
    "119 (Allô Enfance en Danger, 24 h/24), 3018 (harcèlement en ligne), 3114 (prévention du suicide)"
)
HELP_LINES_EN = "119 (child protection, 24/7), 3018 (online harassment), 3114 (suicide prevention)"

_ERRORS: dict[Language, dict[str, str]] = {
    Language.FR: {
        "bad_frame": "Requête mal formée.",
        "invalid_body": "Requête mal formée : vérifiez les champs envoyés.",
        "invalid_pseudo": "Ce pseudo n'est pas accepté.",
        "invalid_pseudo.length": "Le pseudo doit faire entre 3 et 20 caractères.",
        "invalid_pseudo.characters": "Le pseudo ne peut contenir que des lettres (accents permis), "
        "des chiffres, « _ » et « - ».",
        "invalid_pseudo.targeting": "Ce pseudo vise un âge ou parle de sexe : choisissez-en un autre, "
        "s'il vous plaît.",
        "invalid_gender": "Choisissez femme, homme ou autre.",
        "invalid_age": "Indiquez votre âge en années, avec un nombre entier.",
        "too_young": "Havre est ouvert à partir de {detail} ans. Si tu as besoin de parler à quelqu'un : "
        + HELP_LINES_FR
        + ".",
        "minors_not_admitted": "Ce service est réservé aux adultes. Besoin d'aide ? " + HELP_LINES_FR + ".",
        "invalid_postal_code": "Ce code postal n'est pas reconnu.",
        "invalid_postal_code.format": "Le code postal doit comporter 5 chiffres.",
        "invalid_postal_code.monaco": "Havre est réservé à la France : les codes postaux de Monaco ne sont "
        "pas acceptés.",
        "invalid_postal_code.unknown": "Ce code postal ne correspond à aucun département français.",
        "pseudo_taken": "Ce pseudo est déjà utilisé par quelqu'un en ligne. Essayez une variante.",
        "not_authenticated": "Votre session a expiré : entrez à nouveau.",
        "banned": "L'accès vous est refusé : {detail}",
        "not_found": "Introuvable.",
        "room_not_found": "Ce salon n'existe pas.",
        "room_exists": "Un salon porte déjà cet identifiant.",
        "invalid_room": "Salon invalide.",
        "too_many_rooms": "Vous êtes déjà dans trop de salons : quittez-en un d'abord.",
        "not_member": "Vous n'êtes pas dans ce salon.",
        "forbidden_audience": "Ce salon n'est pas ouvert à votre tranche d'âge.",
        "recipient_unavailable": "Cette personne n'est pas joignable.",
        "blocked": "Vous avez bloqué cette personne : débloquez-la pour lui écrire.",
        "text_too_long": "Message trop long (1 000 caractères au maximum).",
        "empty_text": "Le message est vide.",
        "rate_limited": "Doucement ! Vous envoyez trop de messages, réessayez dans un instant.",
        "muted": "Vous ne pouvez pas écrire pour le moment.",
        "rejected": "Ce message n'a pas été envoyé.",
        "held": "Ce message attend la vérification d'un modérateur.",
        "not_implemented": "Cette fonction arrive bientôt.",
        "unavailable": "Le service est momentanément indisponible, réessayez dans un instant.",
        "origin_forbidden": "Origine non autorisée.",
        "age_mismatch": "Un autre âge a déjà été indiqué depuis cet appareil ou cette connexion : l'espace "
        "des 15-17 ans n'est pas accessible. Besoin de parler à quelqu'un ? " + HELP_LINES_FR + ".",
        "awaiting_acceptance": "Cette personne n'a pas encore accepté la conversation : attendez sa réponse.",
        "age_assurance_required": "Ce salon demande une vérification de majorité.",
        "age_assurance_unavailable": "La vérification de majorité n'est pas proposée ici.",
        "age_assurance_invalid": "La preuve de majorité n'est pas valable.",
        "invalid_reason": "Choisissez un motif de signalement dans la liste.",
        "invalid_target": "Le message, la personne ou le salon signalé est introuvable.",
        "invalid_email": "Cette adresse e-mail n'est pas valable.",
        "good_faith_required": "Confirmez que votre signalement est fait de bonne foi.",
        "reports_suspended": "Vos signalements ne sont plus traités pour le moment (signalements "
        "infondés répétés).",
        "appeal_expired": "Le délai de recours (six mois) est dépassé.",
        "already_appealed": "Un recours a déjà été déposé contre cette décision.",
        "invalid_credentials": "Identifiants ou code incorrects.",
        "forbidden": "Action non autorisée.",
        "csrf_failed": "Requête refusée : rechargez la page.",
        "same_moderator": "Un recours est examiné par un autre modérateur que l'auteur de la décision.",
        "case_closed": "Ce dossier est déjà clos.",
        "appeal_decided": "Ce recours est déjà tranché.",
        "invalid_clause": "Choisissez l'article des conditions d'utilisation appliqué.",
        "facts_required": "Décrivez les faits (10 caractères au moins).",
        "invalid_duration": "Durée invalide.",
        "no_target": "Ce dossier ne désigne personne à sanctionner.",
        "nothing_held": "Aucun message retenu dans ce dossier.",
        "moderator_exists": "Ce nom de modérateur est déjà pris.",
    },
    Language.EN: {
        "bad_frame": "Malformed request.",
        "invalid_body": "Malformed request: check the fields sent.",
        "invalid_pseudo": "This pseudo is not accepted.",
        "invalid_pseudo.length": "The pseudo must be 3 to 20 characters long.",
        "invalid_pseudo.characters": "The pseudo may only contain letters (accents allowed), digits, "
        "_ and -.",
        "invalid_pseudo.targeting": "This pseudo targets an age or is sexual: please choose another one.",
        "invalid_gender": "Choose female, male or other.",
        "invalid_age": "Give your age in years, as a whole number.",
        "too_young": "Havre is open from age {detail}. If you need to talk to someone: "
        + HELP_LINES_EN
        + ".",
        "minors_not_admitted": "This service is for adults only. Need help? " + HELP_LINES_EN + ".",
        "invalid_postal_code": "This postal code is not recognised.",
        "invalid_postal_code.format": "The postal code must have 5 digits.",
        "invalid_postal_code.monaco": "Havre is for France only: Monaco postal codes are not accepted.",
        "invalid_postal_code.unknown": "This postal code matches no French département.",
        "pseudo_taken": "Someone online already uses this pseudo. Try a variant.",
        "not_authenticated": "Your session has ended: please enter again.",
        "banned": "Access refused: {detail}",
        "not_found": "Not found.",
        "room_not_found": "This room does not exist.",
        "room_exists": "A room already has this id.",
        "invalid_room": "Invalid room.",
        "too_many_rooms": "You are in too many rooms already: leave one first.",
        "not_member": "You are not in this room.",
        "forbidden_audience": "This room is not open to your age group.",
        "recipient_unavailable": "This person cannot be reached.",
        "blocked": "You blocked this person: unblock them to write to them.",
        "text_too_long": "Message too long (1,000 characters at most).",
        "empty_text": "The message is empty.",
        "rate_limited": "Slow down! You are sending too many messages, try again in a moment.",
        "muted": "You cannot write for now.",
        "rejected": "This message was not sent.",
        "held": "This message is waiting for a moderator's review.",
        "not_implemented": "This feature is coming soon.",
        "unavailable": "The service is temporarily unavailable, try again in a moment.",
        "origin_forbidden": "Origin not allowed.",
        "age_mismatch": "Another age was already given from this device or connection: the 15-17 space is "
        "not available. Need to talk to someone? " + HELP_LINES_EN + ".",
        "awaiting_acceptance": "This person has not accepted the conversation yet: wait for their answer.",
        "age_assurance_required": "This room requires an age check.",
        "age_assurance_unavailable": "Age checks are not offered here.",
        "age_assurance_invalid": "The proof of age is not valid.",
        "invalid_reason": "Choose a reason from the list.",
        "invalid_target": "The reported message, person or room cannot be found.",
        "invalid_email": "This e-mail address is not valid.",
        "good_faith_required": "Confirm that your notice is made in good faith.",
        "reports_suspended": "Your notices are not processed for now (repeated unfounded notices).",
        "appeal_expired": "The time to appeal (six months) has passed.",
        "already_appealed": "An appeal against this decision was already filed.",
        "invalid_credentials": "Wrong credentials or code.",
        "forbidden": "Not allowed.",
        "csrf_failed": "Request refused: reload the page.",
        "same_moderator": "An appeal is decided by another moderator than the one who acted.",
        "case_closed": "This case is already closed.",
        "appeal_decided": "This appeal is already decided.",
        "invalid_clause": "Choose the clause of the terms applied.",
        "facts_required": "Describe the facts (at least 10 characters).",
        "invalid_duration": "Invalid duration.",
        "no_target": "This case names nobody to sanction.",
        "nothing_held": "No held message in this case.",
        "moderator_exists": "This moderator name is taken.",
    },
}

_NOTICES: dict[Language, dict[str, str]] = {
    Language.FR: {
        "contact_details_masked": "Pour ta sécurité, les coordonnées (téléphone, réseaux sociaux, adresse, "
        "école) sont masquées entre mineurs. Ne donne jamais tes coordonnées à quelqu'un rencontré en ligne. "
        "Un souci ? Appelle le 3018 ou le 119.",
        "contact_details_warning": "Attention avant de partager vos coordonnées avec quelqu'un que vous ne "
        "connaissez pas.",
        "self_harm_help": "Si tu traverses un moment difficile, tu n'es pas seul·e : le 3114 répond 24 h/24, "
        "gratuitement. En cas d'urgence, appelle le 15 ou le 112.",
        "minor_help": "Si quelqu'un te met mal à l'aise, tu peux le bloquer et le signaler. Tu peux aussi "
        "appeler le 119 (Allô Enfance en Danger, 24 h/24) ou le 3018 (harcèlement en ligne).",
        "meeting_safety": "Avant de rencontrer quelqu'un d'internet : un lieu public, prévenez un proche, "
        "venez par vos propres moyens. En cas de danger : 17 ou 112.",
        "message_warning": "Ce message peut être inapproprié. Vous pouvez bloquer ou signaler son auteur.",
        "session_ended": "Votre session est terminée.",
        "contact_accepted": "La personne a accepté votre conversation privée.",
    },
    Language.EN: {
        "contact_details_masked": "For your safety, contact details (phone, social networks, address, "
        "school) are hidden between minors. Never give your details to someone you met online. "
        "A problem? Call 3018 or 119.",
        "contact_details_warning": "Be careful before sharing your contact details with a stranger.",
        "self_harm_help": "If you are going through a hard time, you are not alone: 3114 answers 24/7, "
        "for free. In an emergency, call 15 or 112.",
        "minor_help": "If someone makes you uncomfortable, you can block and report them. You can also call "
        "119 (child protection, 24/7) or 3018 (online harassment).",
        "meeting_safety": "Before meeting someone from the internet: a public place, tell someone close, "
        "come by your own means. In danger: 17 or 112.",
        "message_warning": "This message may be inappropriate. You can block or report its author.",
        "session_ended": "Your session has ended.",
        "contact_accepted": "The person accepted your private conversation.",
    },
}


def error_text(language: Language, code: str, detail: str | None = None) -> str:
    """The user-facing text of an error code (with its detail key when there is one)."""
    table = _ERRORS[language]
    if detail is not None and f"{code}.{detail}" in table:
        return table[f"{code}.{detail}"]
    text = table.get(code) or _ERRORS[Language.FR].get(code) or code
    if "{detail}" in text:
        return text.replace("{detail}", detail or "")
    return text


def notice_text(language: Language, key: str) -> str:
    """The text of a notice key."""
    return _NOTICES[language].get(key) or _NOTICES[Language.FR].get(key, key)


def pick_language(cookie: str | None, accept_language: str | None) -> Language:
    """The user's language: the ``havre_lang`` cookie, else the browser's first choice, else French."""
    if cookie in ("fr", "en"):
        return Language(cookie)
    if accept_language:
        first = accept_language.split(",")[0].strip().lower()
        if first.startswith("en"):
            return Language.EN
    return Language.FR
