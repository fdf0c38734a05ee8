"""The text a professional may paste into an e-mail or SMS with a client's chat link."""

from __future__ import annotations


def invitation_message(link: str, expires: str, sender: str) -> str:
    """Dutch, u-form; no name of the client (the workspace only knows a pseudonym)."""
    return (
        "Goedendag,\n\n"
        "Zoals afgesproken stuur ik u een persoonlijke link naar de gesprekscoach van Overstap. "
        "Daar kunt u in uw eigen tijd vertellen hoe het met u gaat en hoe u tegen werk aankijkt, "
        "als voorbereiding op ons volgende gesprek. U praat daar met een computerprogramma, niet "
        "met een mens. Aan het begin vraagt de coach of het gesprek bewaard mag worden; u kunt ook "
        "nee zeggen.\n\n"
        f"{link}\n\n"
        f"De link is geldig tot {expires} en is alleen voor u bedoeld: stuur hem niet door.\n\n"
        f"Met vriendelijke groet,\n{sender}"
    )
