"""French postal codes to départements.

The first two digits of a metropolitan postal code name the département, except Corsica (``20``), split
into Corse-du-Sud (``2A``: 20000–20199) and Haute-Corse (``2B``: 20200–20699); overseas codes use three
digits (``971``–``976``). Monaco (``980xx``), the overseas collectivities of the Pacific (``986``–``988``),
and codes that name no département are refused.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

DEPARTMENTS: dict[str, str] = {
    "01": "Ain", "02": "Aisne", "03": "Allier", "04": "Alpes-de-Haute-Provence", "05": "Hautes-Alpes",
    "06": "Alpes-Maritimes", "07": "Ardèche", "08": "Ardennes", "09": "Ariège", "10": "Aube",
    "11": "Aude", "12": "Aveyron", "13": "Bouches-du-Rhône", "14": "Calvados", "15": "Cantal",
    "16": "Charente", "17": "Charente-Maritime", "18": "Cher", "19": "Corrèze", "2A": "Corse-du-Sud",
    "2B": "Haute-Corse", "21": "Côte-d'Or", "22": "Côtes-d'Armor", "23": "Creuse", "24": "Dordogne",
    "25": "Doubs", "26": "Drôme", "27": "Eure", "28": "Eure-et-Loir", "29": "Finistère", "30": "Gard",
    "31": "Haute-Garonne", "32": "Gers", "33": "Gironde", "34": "Hérault", "35": "Ille-et-Vilaine",
    "36": "Indre", "37": "Indre-et-Loire", "38": "Isère", "39": "Jura", "40": "Landes",
    "41": "Loir-et-Cher", "42": "Loire", "43": "Haute-Loire", "44": "Loire-Atlantique", "45": "Loiret",
    "46": "Lot", "47": "Lot-et-Garonne", "48": "Lozère", "49": "Maine-et-Loire", "50": "Manche",
    "51": "Marne", "52": "Haute-Marne", "53": "Mayenne", "54": "Meurthe-et-Moselle", "55": "Meuse",
    "56": "Morbihan", "57": "Moselle", "58": "Nièvre", "59": "Nord", "60": "Oise", "61": "Orne",
    "62": "Pas-de-Calais", "63": "Puy-de-Dôme", "64": "Pyrénées-Atlantiques", "65": "Hautes-Pyrénées",
    "66": "Pyrénées-Orientales", "67": "Bas-Rhin", "68": "Haut-Rhin", "69": "Rhône", "70": "Haute-Saône",
    "71": "Saône-et-Loire", "72": "Sarthe", "73": "Savoie", "74": "Haute-Savoie", "75": "Paris",
    "76": "Seine-Maritime", "77": "Seine-et-Marne", "78": "Yvelines", "79": "Deux-Sèvres", "80": "Somme",
    "81": "Tarn", "82": "Tarn-et-Garonne", "83": "Var", "84": "Vaucluse", "85": "Vendée", "86": "Vienne",
    "87": "Haute-Vienne", "88": "Vosges", "89": "Yonne", "90": "Territoire de Belfort", "91": "Essonne",
    "92": "Hauts-de-Seine", "93": "Seine-Saint-Denis", "94": "Val-de-Marne", "95": "Val-d'Oise",
    "971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "La Réunion",
    "975": "Saint-Pierre-et-Miquelon", "976": "Mayotte",
}  # fmt: skip

_POSTAL_CODE = re.compile(r"^\d{5}$")


class PostalCodeProblem(enum.Enum):
    """Why a postal code is refused."""

    FORMAT = "format"  # not five digits
    MONACO = "monaco"  # 980xx: Monaco is not in France
    UNKNOWN = "unknown"  # five digits, but no département


@dataclass(frozen=True, slots=True)
class Department:
    """A département: its code (``"75"``, ``"2A"``, ``"974"``) and its name."""

    code: str
    name: str


def department_for(postal_code: str) -> Department | PostalCodeProblem:
    """The département of a French postal code, or why there is none."""
    code = postal_code.strip()
    if not _POSTAL_CODE.match(code):
        return PostalCodeProblem.FORMAT
    if code.startswith("980"):
        return PostalCodeProblem.MONACO
    if code.startswith("97"):
        prefix = code[:3]
    elif code.startswith("20"):
        number = int(code)
        if 20000 <= number <= 20199:
            prefix = "2A"
        elif 20200 <= number <= 20699:
            prefix = "2B"
        else:
            return PostalCodeProblem.UNKNOWN
    else:
        prefix = code[:2]
    name = DEPARTMENTS.get(prefix)
    if name is None:
        return PostalCodeProblem.UNKNOWN
    return Department(prefix, name)
