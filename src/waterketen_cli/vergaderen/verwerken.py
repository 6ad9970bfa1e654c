"""What processing the minutes changes in the records: the meeting, new actions and
closed ones. A write plan; the write path validates and writes it."""

from __future__ import annotations

from typing import Any

from waterketen_cli.models.records import Actie, Agendapunt, Vergadering
from waterketen_cli.models.types import Actiestatus, Vergaderstatus
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen.notulen import Verwerking


def changes(gegevens: Gegevens, verwerking: Verwerking) -> list[Any]:
    """The record changes that processing makes (validated and written by the caller)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    from waterketen_cli.records import writer
    from waterketen_cli.soorten import SOORT_PER_NAAM

    vergadering = verwerking.vergadering
    ingevuld = verwerking.ingevuld

    meeting_fields = list(Vergadering.model_fields)
    item_fields = list(Agendapunt.model_fields)

    def update_meeting(doc: CommentedMap) -> None:
        doc["status"] = Vergaderstatus.GEHOUDEN.value
        # Sorted, as `waterketen fmt` keeps these lists.
        writer.put(doc, "aanwezig", CommentedSeq(sorted(ingevuld.aanwezig)), meeting_fields)
        writer.put(doc, "afgemeld", CommentedSeq(sorted(ingevuld.afgemeld)), meeting_fields)
        for nummer, punt in ingevuld.punten.items():
            item = doc["agenda"][nummer - 1]
            writer.put(item, "afhandeling", punt.afhandeling.value, item_fields)
            if punt.verslag:
                text = "\n".join(punt.verslag)
                verslag = LiteralScalarString(text + "\n") if len(punt.verslag) > 1 else text
                writer.put(item, "verslag", verslag, item_fields)
        if verwerking.besluiten:
            besluiten = doc.get("besluiten") or CommentedSeq()
            for besluitnummer, agendapunt, tekst in verwerking.besluiten:
                besluit = CommentedMap()
                besluit["nummer"] = besluitnummer
                besluit["agendapunt"] = agendapunt
                besluit["tekst"] = tekst
                besluiten.append(besluit)
            writer.put(doc, "besluiten", besluiten, meeting_fields)

    def close(status: Actiestatus) -> Any:
        def change(doc: CommentedMap) -> None:
            doc["status"] = status.value
            if status == Actiestatus.AFGEROND:
                writer.put(doc, "afgerond_op", vergadering.datum, Actie.model_fields)

        return change

    actie_soort = SOORT_PER_NAAM["actie"]
    result = [
        writer.edit_record(
            gegevens.paden[("vergadering", vergadering.id)],
            SOORT_PER_NAAM["vergadering"],
            update_meeting,
        )
    ]
    result += [
        writer.new_record(
            gegevens.path(actie_soort, actie.id),
            actie_soort,
            actie,
            header=[f"Afgesproken in vergadering {vergadering.id}, agendapunt {actie.agendapunt}."],
        )
        for actie in verwerking.nieuwe_acties
    ]
    result += [
        writer.edit_record(
            gegevens.paden[("actie", a.id)], actie_soort, close(Actiestatus.AFGEROND)
        )
        for a in verwerking.afgerond
    ]
    result += [
        writer.edit_record(
            gegevens.paden[("actie", a.id)], actie_soort, close(Actiestatus.VERVALLEN)
        )
        for a in verwerking.vervallen
    ]
    return result
