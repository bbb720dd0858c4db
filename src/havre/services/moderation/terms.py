"""Havre's terms of use, versioned: every decision records the version and the clause it applies.

A new version is a new entry of ``VERSIONS`` (never an edit of a published one); the service stores every
version with its date at startup, so a statement of reasons can always be read against the text in force.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of the terms: its number, title and the legal reference when the content is illegal."""

    number: str
    title: str
    text: str
    legal_reference: str | None = None


@dataclass(frozen=True, slots=True)
class Terms:
    """A version of the terms of use, in French."""

    version: str
    effective_from: datetime
    clauses: tuple[Clause, ...]

    def clause(self, number: str) -> Clause | None:
        """The clause with this number, if any."""
        return next((c for c in self.clauses if c.number == number), None)

    def text(self) -> str:
        """The whole text, as stored."""
        lines = [f"Conditions d'utilisation de Havre — version {self.version}", ""]
        for clause in self.clauses:
            lines.append(f"{clause.number}. {clause.title} — {clause.text}")
        return "\n".join(lines)


VERSIONS: tuple[Terms, ...] = (
    Terms(
        version="2026-11-01",
        effective_from=datetime(2026, 11, 1, tzinfo=UTC),
        clauses=(
            Clause(
                "3.1",
                "Protection des mineurs",
                "Il est interdit de solliciter un mineur, de lui tenir des propos sexuels ou de lui proposer "
                "une rencontre ; tout contenu sexuel impliquant un mineur est interdit.",
                "articles 227-22-1, 227-23 et 227-24 du Code pénal",
            ),
            Clause(
                "3.2",
                "Menaces et violence",
                "Il est interdit de menacer quiconque, d'inciter à la violence ou d'organiser un guet-apens.",
                "articles 222-17 et 222-18 du Code pénal",
            ),
            Clause(
                "3.3",
                "Harcèlement",
                "Il est interdit de harceler, d'insulter de façon répétée ou de poursuivre quelqu'un qui "
                "a demandé à ne plus être contacté.",
                "article 222-33-2-2 du Code pénal",
            ),
            Clause(
                "3.4",
                "Haine et discrimination",
                "Il est interdit de provoquer à la haine ou à la discrimination, ou d'injurier en raison de "
                "l'origine, de la religion, du sexe, de l'orientation sexuelle ou du handicap.",
                "article 24 de la loi du 29 juillet 1881",
            ),
            Clause(
                "3.5",
                "Prostitution et drogues",
                "Il est interdit de proposer des services sexuels tarifés ou de vendre des stupéfiants.",
                "articles 225-5 et 222-39 du Code pénal",
            ),
            Clause(
                "4.1",
                "Coordonnées et sécurité",
                "Il est interdit de demander avec insistance ou de publier les coordonnées d'autrui.",
            ),
            Clause(
                "4.2",
                "Spam et fraude",
                "Il est interdit d'envoyer des messages répétitifs, publicitaires ou frauduleux.",
            ),
            Clause(
                "4.3",
                "Signalements abusifs",
                "Il est interdit de déposer de façon répétée des signalements manifestement infondés.",
            ),
            Clause(
                "4.4",
                "Respect des règles de modération",
                "Il est interdit de contourner une sanction (nouveau pseudo, autre appareil).",
            ),
        ),
    ),
)

CURRENT = VERSIONS[-1]
