"""Who may see and reach whom: the wall between the minors' and the adults' bands.

Every entry point (room lists, joins, member lists, presence, history, private messages, blocks,
reports) asks these functions, so the rule lives in one place.
"""

from __future__ import annotations

from havre.domain.rooms import Audience
from havre.domain.users import AgeBand


def may_enter(band: AgeBand, audience: Audience) -> bool:
    """Whether a user of ``band`` may list and join a room for ``audience``."""
    if audience is Audience.ALL:
        return True
    return (audience is Audience.MINORS) == (band is AgeBand.MINORS)


def may_contact(sender: AgeBand, recipient: AgeBand) -> bool:
    """Whether one user may see or reach another: never across bands, in any direction."""
    return sender is recipient


def may_see_age(viewer: AgeBand, subject: AgeBand) -> bool:
    """Whether a viewer is shown a subject's age: a minor's age only to minors."""
    return subject is AgeBand.ADULTS or viewer is AgeBand.MINORS
