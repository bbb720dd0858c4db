"""Themed rooms, their audiences, and the catalogue created on first start."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from havre.domain.ids import RoomId


class Audience(enum.Enum):
    """Who a room is for. ``ALL`` exists only when the operator enables it."""

    MINORS = "minors"
    ADULTS = "adults"
    ALL = "all"


@dataclass(frozen=True, slots=True)
class Room:
    """A themed room. ``slug`` is its stable id on the wire."""

    id: RoomId
    name: str
    topic: str
    audience: Audience
    position: int = 0
    archived: bool = False
    # Only users holding an age-assurance proof may enter (never minors); none exists by default.
    adult_content: bool = False
    theme: str = ""  # a heading of the catalogue ("Loisirs", "Régions", ...)


@dataclass(frozen=True, slots=True)
class RoomSeed:
    """A room of the default catalogue, before it is stored."""

    slug: str
    name: str
    topic: str
    audience: Audience
    theme: str = ""


_ADULT_THEMES: tuple[tuple[str, str, str], ...] = (
    ("accueil", "Accueil", "Pour faire connaissance et discuter de tout"),
    ("cuisine", "Cuisine", "Recettes, restos et bons plans gourmands"),
    ("cinema-series", "Cinéma & séries", "Films, séries, recommandations et débats"),
    ("musique", "Musique", "Ce que vous écoutez, concerts et instruments"),
    ("jeux-video", "Jeux vidéo", "Consoles, PC, mobile : on joue à quoi ?"),
    ("sport", "Sport", "Foot, rando, salle, et tous les autres"),
    ("voyages", "Voyages", "Destinations, conseils et souvenirs"),
    ("animaux", "Animaux", "Chats, chiens et toute la ménagerie"),
    ("lgbt", "LGBT+", "Un espace bienveillant pour les personnes LGBT+ et leurs allié·es"),
    ("60-ans-et-plus", "60 ans et +", "Pour les plus de 60 ans et celles et ceux qui aiment les retrouver"),
)

# The 13 regions of metropolitan France and the five overseas regions.
_REGIONS: tuple[tuple[str, str], ...] = (
    ("auvergne-rhone-alpes", "Auvergne-Rhône-Alpes"),
    ("bourgogne-franche-comte", "Bourgogne-Franche-Comté"),
    ("bretagne", "Bretagne"),
    ("centre-val-de-loire", "Centre-Val de Loire"),
    ("corse", "Corse"),
    ("grand-est", "Grand Est"),
    ("hauts-de-france", "Hauts-de-France"),
    ("ile-de-france", "Île-de-France"),
    ("normandie", "Normandie"),
    ("nouvelle-aquitaine", "Nouvelle-Aquitaine"),
    ("occitanie", "Occitanie"),
    ("pays-de-la-loire", "Pays de la Loire"),
    ("provence-alpes-cote-d-azur", "Provence-Alpes-Côte d'Azur"),
    ("outre-mer", "Outre-mer"),
)

_MINOR_THEMES: tuple[tuple[str, str, str], ...] = (
    ("ados-accueil", "Ados – Accueil", "Pour les 15-17 ans : on fait connaissance"),
    ("ados-jeux-video", "Ados – Jeux vidéo", "Pour les 15-17 ans : vos jeux du moment"),
    ("ados-musique", "Ados – Musique", "Pour les 15-17 ans : sons, artistes, concerts"),
    ("ados-devoirs", "Ados – Devoirs", "Pour les 15-17 ans : on s'entraide pour les cours"),
)


_THEME_OF = {
    "accueil": "Discussion",
    "ados-accueil": "Discussion",
    "ados-devoirs": "Entraide",
    "lgbt": "Communautés",
    "60-ans-et-plus": "Communautés",
}


def default_catalogue() -> tuple[RoomSeed, ...]:
    """The French themed rooms created on first start; none is sexual-themed."""
    seeds = [
        RoomSeed(slug, name, topic, Audience.ADULTS, _THEME_OF.get(slug, "Loisirs"))
        for slug, name, topic in _ADULT_THEMES
    ]
    seeds += [
        RoomSeed(
            f"region-{slug}",
            name,
            f"Pour discuter entre voisins de la région {name}",
            Audience.ADULTS,
            "Régions",
        )
        for slug, name in _REGIONS
    ]
    seeds += [
        RoomSeed(slug, name, topic, Audience.MINORS, _THEME_OF.get(slug, "Loisirs"))
        for slug, name, topic in _MINOR_THEMES
    ]
    return tuple(seeds)
