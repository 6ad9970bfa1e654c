"""What processing the minutes changes in the records: the meeting (status, attendance,
per item how it was dealt with and its report, the numbered decisions), new actions,
and actions closed or dropped. A write plan; the write path checks and writes it."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from typing import TYPE_CHECKING

from waterketen_cli import dutch
from waterketen_cli.models.records import Aanmelding, Actie, Agendapunt, Vergadering
from waterketen_cli.models.types import Actiestatus, Uitkomst, Vergaderstatus
from waterketen_cli.records.dataset import Gegevens, soort_of
from waterketen_cli.vergaderen.acties import zet_afgerond
from waterketen_cli.vergaderen.notulen import Verwerking

if TYPE_CHECKING:
    from ruamel.yaml.comments import CommentedMap

    from waterketen_cli.records.plan import Schrijfplan

#: A tab in a record is a finding of ``validate``; in text it means some spaces.
_TAB = 4


def _tekst(text: str) -> str:
    return text.expandtabs(_TAB)


def _set_list(
    doc: CommentedMap, key: str, values: Iterable[str], asked: Container[str], order: list[str]
) -> None:
    """Make a list hold ``values`` for the people the minutes ``asked`` about; anyone
    else already in it stays. The list is changed in place, so that the comments of the
    items that stay are kept (``fmt`` sorts it afterwards)."""
    from ruamel.yaml.comments import CommentedSeq

    from waterketen_cli.records import writer

    wanted = list(dict.fromkeys(values))
    existing = doc.get(key)
    if not isinstance(existing, CommentedSeq):
        if wanted or key in doc:
            writer.put(doc, key, CommentedSeq(wanted), order)
        return
    for index in reversed(range(len(existing))):
        if existing[index] in asked and existing[index] not in wanted:
            del existing[index]  # ruamel shifts the comments of the later items
    existing.extend(v for v in wanted if v not in existing)


def schrijfplan(gegevens: Gegevens, verwerking: Verwerking) -> Schrijfplan:
    """The records that processing the minutes changes."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    from waterketen_cli.records import writer
    from waterketen_cli.records.plan import Schrijfplan, nieuw_record, wijzig_record

    vergadering = verwerking.vergadering
    ingevuld = verwerking.ingevuld
    meeting_fields = list(Vergadering.model_fields)
    item_fields = list(Agendapunt.model_fields)
    guest_fields = list(Aanmelding.model_fields)

    def update_meeting(doc: CommentedMap) -> None:
        doc["status"] = Vergaderstatus.GEHOUDEN.value
        asked = ingevuld.aanwezigheidsregels
        _set_list(doc, "aanwezig", ingevuld.aanwezig, asked, meeting_fields)
        _set_list(doc, "afgemeld", ingevuld.afgemeld, asked, meeting_fields)
        for nummer, punt in ingevuld.punten.items():
            item = doc["agenda"][nummer - 1]
            writer.put(item, "afhandeling", punt.afhandeling.value, item_fields)
            if punt.verslag:
                text = _tekst("\n".join(punt.verslag))
                verslag = LiteralScalarString(text + "\n") if "\n" in text else text
                writer.put(item, "verslag", verslag, item_fields)
        for index, kwam in (verwerking.gasten or {}).items():
            writer.put(doc["aanmeldingen"][index], "aanwezig", kwam, guest_fields)
        if verwerking.terugblik:
            text = _tekst(verwerking.terugblik)
            terugblik = LiteralScalarString(text + "\n") if "\n" in text else text
            writer.put(doc, "terugblik", terugblik, meeting_fields)
        if verwerking.besluiten:
            besluiten = doc.get("besluiten")
            if not isinstance(besluiten, CommentedSeq):
                besluiten = CommentedSeq()
            for nieuw in verwerking.besluiten:
                besluit = CommentedMap()
                besluit["nummer"] = nieuw.nummer
                besluit["agendapunt"] = nieuw.agendapunt
                besluit["tekst"] = _tekst(nieuw.tekst)
                if nieuw.uitkomst != Uitkomst.AANGENOMEN:
                    besluit["uitkomst"] = nieuw.uitkomst.value
                besluiten.append(besluit)
            writer.put(doc, "besluiten", besluiten, meeting_fields)

    def close(status: Actiestatus) -> Callable[[CommentedMap], None]:
        def change(doc: CommentedMap) -> None:
            if status == Actiestatus.AFGEROND:
                zet_afgerond(doc, vergadering.datum)
            else:
                doc["status"] = status.value

        return change

    b = len(verwerking.besluiten)
    a = len(verwerking.nieuwe_acties)
    plan = Schrijfplan.van(
        gegevens,
        f"Verslag {vergadering.id} verwerkt: {dutch.aantal(b, 'besluit', 'besluiten')}, "
        f"{dutch.aantal(a, 'nieuwe actie', 'nieuwe acties')}",
    )
    vergadering_soort = soort_of(Vergadering)
    actie_soort = soort_of(Actie)
    plan.records.append(
        wijzig_record(
            gegevens.paden[(vergadering_soort.naam, vergadering.id)],
            vergadering_soort,
            update_meeting,
        )
    )
    for actie in verwerking.nieuwe_acties:
        actie = actie.model_copy(update={"omschrijving": _tekst(actie.omschrijving)})
        plan.records.append(
            nieuw_record(
                gegevens.path(actie_soort, actie.id),
                actie_soort,
                actie,
                header=[
                    f"Afgesproken in vergadering {vergadering.id}, agendapunt {actie.agendapunt}."
                ],
            )
        )
    for acties, status in (
        (verwerking.afgerond, Actiestatus.AFGEROND),
        (verwerking.vervallen, Actiestatus.VERVALLEN),
    ):
        plan.records += [
            wijzig_record(gegevens.paden[(actie_soort.naam, actie.id)], actie_soort, close(status))
            for actie in acties
        ]
    if verwerking.vastgesteld is not None:
        vorige, met_wijzigingen = verwerking.vastgesteld

        def vaststellen(doc: CommentedMap) -> None:
            doc["status"] = Vergaderstatus.VERSLAG_VASTGESTELD.value
            vaststelling = CommentedMap()
            vaststelling["op"] = vergadering.datum
            vaststelling["vergadering"] = vergadering.id
            if met_wijzigingen:
                vaststelling["met_wijzigingen"] = True
            writer.put(doc, "vastgesteld", vaststelling, meeting_fields)

        plan.records.append(
            wijzig_record(
                gegevens.paden[(vergadering_soort.naam, vorige.id)], vergadering_soort, vaststellen
            )
        )
    return plan
