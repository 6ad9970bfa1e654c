"""Themabijeenkomsten: theme, programme, audience, registrations, presence list, write-up.

A themabijeenkomst is no regular meeting. It has a theme (in its title: the meeting's
``thema``, else that of its body), a programme of blocks with start times and
speakers who may come from outside (``programma``; without one, the agenda items
with their time slots), an audience (``doelgroep``), guests from outside who register
without a person record (``aanmeldingen``: private, the public view has none), a
capacity, a presence list to print and a write-up for the website and the newsletter
(``terugblik``).

Who is invited (:func:`genodigden`) follows from the people's roles in the bodies
(every overleg except the themabijeenkomsten themselves), for people of partner
organisations:

- **bestuurders**: role ``bestuurder`` in any body;
- **managers**: role ``manager`` in any body, and the members (role ``lid``) of a
  managementoverleg;
- **waterprofessionals**: roles ``clustercoordinator``, ``waterregisseur``,
  ``adviseur`` and ``voorzitter clustercoordinatorenoverleg`` in any body, the
  members (role ``lid``) of a waterteam or the clustercoördinatorenoverleg, and the
  people named as agendalid of those bodies (the waterbedrijven).

Support roles (``notulist``, ``communicatieadviseur``) invite no one by themselves.
Always invited, whatever the audience and wherever they work: the members of the
themabijeenkomst's own body (the organisers) and the speakers with a person record.
Without a ``doelgroep`` the meeting is for all three groups. Everyone appears once,
with every reason they are invited.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from waterketen_cli import dutch, escape
from waterketen_cli.errors import GebruiksFout, WaterketenError
from waterketen_cli.models.records import (
    Organisatie,
    Overleg,
    Persoon,
    Programmaonderdeel,
    Regio,
    Thema,
    Vergadering,
)
from waterketen_cli.models.types import Doelgroep, Overlegsoort, Rol, Vergaderstatus
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.records.stukken import InDocument
from waterketen_cli.vergaderen import documenten, openbaar

#: Why someone is invited, in the order the documents name the reasons.
ORGANISATOR, SPREKER = "organisator", "spreker"
_LID: dict[Doelgroep, str] = {
    Doelgroep.BESTUURDERS: "bestuurder",
    Doelgroep.MANAGERS: "manager",
    Doelgroep.WATERPROFESSIONALS: "waterprofessional",
}
GROEPEN = (ORGANISATOR, SPREKER, *_LID.values())

_PROFESSIONEEL = frozenset(
    {Rol.CLUSTERCOORDINATOR, Rol.WATERREGISSEUR, Rol.ADVISEUR, Rol.VOORZITTER_CCO}
)
_VAKOVERLEG = frozenset({Overlegsoort.WATERTEAM, Overlegsoort.CLUSTERCOORDINATORENOVERLEG})
#: A meeting still to come takes registrations; one that was held or cancelled not.
_AANMELDEN = frozenset({Vergaderstatus.CONCEPT, Vergaderstatus.UITGENODIGD})
#: Empty rows at the foot of the presence list, for who comes without registering.
LEGE_REGELS = 5
#: The head of a new themabijeenkomst record (``agenda new``): what to fill in.
NIEUW = [
    "Een themabijeenkomst: vul aan met thema (bijv. 'thema: klimaatadaptatie'), doelgroep",
    "(bestuurders, managers, waterprofessionals), capaciteit en het programma:",
    "  programma:",
    "    - begin: '14:00'",
    "      titel: Opening en welkom",
    "      persoon: p-...            # een spreker met een persoonsrecord, of:",
    "      spreker: Naam, functie (organisatie)   # een spreker van buiten (openbaar)",
    "Gasten van buiten meldt u aan onder 'aanmeldingen' (naam, organisatie, functie, email);",
    "die zijn nooit openbaar. Na afloop: 'terugblik' (Markdown) voor website en nieuwsbrief.",
]


@dataclass(frozen=True)
class Blok:
    """A block of the programme; no times when the public view left items out."""

    begin: dt.time | None
    eind: dt.time | None
    titel: str
    spreker: str
    vertrouwelijk: bool = False  # an agenda item (internal document only)


@dataclass(frozen=True)
class Stukregel:
    stuk: InDocument  # with its link (records/stukken.py)
    bij: str  # the title of the agenda item it belongs to


@dataclass(frozen=True)
class Genodigde:
    persoon: str
    naam: str
    organisatie: str
    organisatie_naam: str
    functie: str
    email: str | None
    groepen: tuple[str, ...]


@dataclass(frozen=True)
class Deelnemer:
    """A row of the presence list: an invited person or a registered guest."""

    naam: str
    organisatie: str
    functie: str
    gast: bool


@dataclass(frozen=True)
class Bezetting:
    aangemeld: int
    capaciteit: int | None

    @property
    def vrij(self) -> int | None:
        return None if self.capaciteit is None else max(0, self.capaciteit - self.aangemeld)

    @property
    def te_veel(self) -> int:
        return 0 if self.capaciteit is None else max(0, self.aangemeld - self.capaciteit)


# --- what the meeting is -------------------------------------------------------------


def overleg_van(gegevens: Gegevens, vergadering: Vergadering) -> Overleg | None:
    return gegevens.get(Overleg, vergadering.overleg)


def is_themabijeenkomst(gegevens: Gegevens, vergadering: Vergadering) -> bool:
    overleg = overleg_van(gegevens, vergadering)
    return overleg is not None and overleg.soort == Overlegsoort.THEMABIJEENKOMST


def vereist(gegevens: Gegevens, vergadering: Vergadering) -> Overleg:
    """The body of a themabijeenkomst; an error for any other meeting."""
    overleg = overleg_van(gegevens, vergadering)
    if overleg is None or overleg.soort != Overlegsoort.THEMABIJEENKOMST:
        van = f" (overleg: {overleg.naam})" if overleg else ""
        raise GebruiksFout(
            f"{vergadering.id} is geen themabijeenkomst{van}",
            hint="deze opdracht is voor een vergadering van een overleg met "
            "'soort: themabijeenkomst'; de agenda van een gewone vergadering maakt "
            f"'waterketen agenda render {vergadering.id}'",
        )
    return overleg


def thema(gegevens: Gegevens, vergadering: Vergadering, overleg: Overleg) -> Thema | None:
    """The theme: the meeting's own, else its body's; as the region defines it."""
    thema_id = vergadering.thema or overleg.thema
    for regio in gegevens.of(Regio):
        for t in regio.themas:
            if t.id == thema_id:
                return t
    return None


def titel(overleg: Overleg, gekozen: Thema | None) -> str:
    """'Themabijeenkomst Klimaatadaptatie'; without a theme, the body's name."""
    return f"Themabijeenkomst {gekozen.naam}" if gekozen else overleg.naam


def doelgroep(vergadering: Vergadering) -> list[Doelgroep]:
    """Who the meeting is for, in a fixed order; without a doelgroep, everyone."""
    return [g for g in Doelgroep if g in vergadering.doelgroep or not vergadering.doelgroep]


def voor(gegevens: Gegevens, vergadering: Vergadering) -> str:
    """'managers en waterprofessionals van alle partners in de Waterketen …'."""
    regio = next(iter(gegevens.of(Regio)), None)
    waar = f" in de {regio.naam}" if regio else ""
    return f"{dutch.opsomming([g.value for g in doelgroep(vergadering)])} van alle partners{waar}"


# --- the programme ------------------------------------------------------------------------


def _spreker(gegevens: Gegevens, onderdeel: Programmaonderdeel) -> str:
    """A person by name and office or organisation (in the public view: as consent
    allows); else the free text, which names a speaker from outside and is public."""
    if onderdeel.persoon:
        return openbaar.persoon(gegevens, onderdeel.persoon, ambt=True)
    return onderdeel.spreker or ""


def programma(gegevens: Gegevens, vergadering: Vergadering) -> list[Blok]:
    """The blocks with their times: each ends where the next begins, the last at the
    end of the meeting. Without a ``programma``: the agenda items and their slots."""
    if vergadering.programma:
        onderdelen = sorted(vergadering.programma, key=lambda o: o.begin)
        einden = [o.begin for o in onderdelen[1:]] + [vergadering.eindtijd]
        return [
            Blok(o.begin, eind, o.titel, _spreker(gegevens, o))
            for o, eind in zip(onderdelen, einden, strict=True)
        ]
    return [
        Blok(
            p.tijd.begin if p.tijd else None,
            p.tijd.eind if p.tijd else None,
            p.punt.titel,
            p.presentator,
            p.punt.vertrouwelijk,
        )
        for p in documenten.agenda_items(gegevens, vergadering, ambt=True)
    ]


def _sleutel(text: str) -> str:
    return escape.een_regel(text).casefold()


def overige_punten(vergadering: Vergadering) -> list[str]:
    """Agenda items that the programme does not name (by title): they are shown too,
    so that a document never leaves out what is public about the meeting."""
    if not vergadering.programma:
        return []
    blokken = {_sleutel(o.titel) for o in vergadering.programma}
    return [
        g.punt.titel for g in openbaar.items(vergadering) if _sleutel(g.punt.titel) not in blokken
    ]


def stukken(
    gegevens: Gegevens,
    vergadering: Vergadering,
    *,
    doelmap: Path | None = None,
    koppelen: bool = True,
) -> list[Stukregel]:
    """The stukken of the agenda items (presentations), with the item they go with;
    linked as in the agenda (``documenten.agenda_items``)."""
    punten = documenten.agenda_items(gegevens, vergadering, doelmap=doelmap, koppelen=koppelen)
    return [Stukregel(s, p.punt.titel) for p in punten for s in p.stukken]


# --- the audience and the registrations ---------------------------------------------------


def rol_doelgroepen(overleg: Overleg, rol: Rol) -> set[Doelgroep]:
    """The audiences a role in a body makes someone part of (see the module docstring)."""
    groepen: set[Doelgroep] = set()
    if rol == Rol.BESTUURDER:
        groepen.add(Doelgroep.BESTUURDERS)
    if rol == Rol.MANAGER or (rol == Rol.LID and overleg.soort == Overlegsoort.MANAGEMENTOVERLEG):
        groepen.add(Doelgroep.MANAGERS)
    if rol in _PROFESSIONEEL or (rol == Rol.LID and overleg.soort in _VAKOVERLEG):
        groepen.add(Doelgroep.WATERPROFESSIONALS)
    return groepen


def _sprekers(vergadering: Vergadering) -> list[str]:
    if vergadering.programma:
        return [o.persoon for o in vergadering.programma if o.persoon]
    return [p.presentator for p in vergadering.agenda if p.presentator]


def genodigden(gegevens: Gegevens, vergadering: Vergadering) -> list[Genodigde]:
    """Everyone with a person record who is invited, once each, by organisation and
    name (see the module docstring for who that is)."""
    overleg = vereist(gegevens, vergadering)
    gevraagd = set(doelgroep(vergadering))
    redenen: dict[str, set[str]] = defaultdict(set)
    for lid in overleg.leden:
        redenen[lid.persoon].add(ORGANISATOR)
    for persoon_id in _sprekers(vergadering):
        redenen[persoon_id].add(SPREKER)

    def partner(persoon_id: str) -> bool:
        persoon = gegevens.get(Persoon, persoon_id)
        org = gegevens.get(Organisatie, persoon.organisatie) if persoon else None
        return org is not None and org.partner

    for body in gegevens.of(Overleg):
        if body.soort == Overlegsoort.THEMABIJEENKOMST:
            continue
        for lid in body.leden:
            for groep in rol_doelgroepen(body, lid.rol) & gevraagd:
                if partner(lid.persoon):
                    redenen[lid.persoon].add(_LID[groep])
        if body.soort in _VAKOVERLEG and Doelgroep.WATERPROFESSIONALS in gevraagd:
            for agendalid in body.agendaleden:
                if agendalid.persoon and partner(agendalid.persoon):
                    redenen[agendalid.persoon].add(_LID[Doelgroep.WATERPROFESSIONALS])
    rows = []
    for persoon_id, waarom in redenen.items():
        persoon = gegevens.get(Persoon, persoon_id)
        if persoon is None:
            continue  # an unknown person is a finding of 'validate'
        org = gegevens.get(Organisatie, persoon.organisatie)
        rows.append(
            Genodigde(
                persoon.id,
                persoon.naam,
                persoon.organisatie,
                org.naam if org else persoon.organisatie,
                persoon.functie,
                persoon.email,
                tuple(g for g in GROEPEN if g in waarom),
            )
        )
    return sorted(rows, key=lambda g: (g.organisatie_naam.casefold(), g.naam.casefold(), g.persoon))


def genodigden_json(gegevens: Gegevens, vergadering: Vergadering) -> dict[str, Any]:
    """The invited people for an invitation mailing (internal: it holds e-mail addresses)."""
    rows = genodigden(gegevens, vergadering)
    return {
        "vergadering": vergadering.id,
        "doelgroep": [g.value for g in doelgroep(vergadering)],
        "aantal": len(rows),
        "genodigden": [
            {
                "id": g.persoon,
                "naam": g.naam,
                "organisatie": g.organisatie,
                "organisatie_naam": g.organisatie_naam,
                "functie": g.functie,
                "email": g.email,
                "groepen": list(g.groepen),
            }
            for g in rows
        ],
    }


def genodigden_samenvatting(rows: list[Genodigde]) -> str:
    zonder = sum(1 for g in rows if not g.email)
    tekst = dutch.aantal(len(rows), "genodigde", "genodigden")
    return f"{tekst}, van wie {zonder} zonder e-mailadres" if zonder else tekst


def gast_ids(vergadering: Vergadering) -> list[str]:
    """How the notes form names each registered guest (they have no person record):
    'gast-' and their name as an id, numbered when two share a name."""
    from waterketen_cli.models.base import slugify
    from waterketen_cli.vergaderen.notulenlezer import GAST

    ids: list[str] = []
    for aanmelding in vergadering.aanmeldingen:
        basis = GAST + (slugify(aanmelding.naam, 60) or "zonder-naam")
        ident, volgnummer = basis, 2
        while ident in ids:
            ident, volgnummer = f"{basis}-{volgnummer}", volgnummer + 1
        ids.append(ident)
    return ids


def bezetting(vergadering: Vergadering) -> Bezetting:
    return Bezetting(len(vergadering.aanmeldingen), vergadering.capaciteit)


def deelnemers(gegevens: Gegevens, vergadering: Vergadering) -> list[Deelnemer]:
    """The presence list: every invited person and every registered guest, by
    organisation and name."""
    rows = [
        Deelnemer(g.naam, g.organisatie_naam, g.functie, gast=False)
        for g in genodigden(gegevens, vergadering)
    ]
    rows += [
        Deelnemer(a.naam, a.organisatie, a.functie or "", gast=True)
        for a in vergadering.aanmeldingen
    ]
    return sorted(rows, key=lambda d: (d.organisatie.casefold(), d.naam.casefold()))


# --- the documents ----------------------------------------------------------------------------


def document_context(
    gegevens: Gegevens,
    vergadering: Vergadering,
    *,
    doelmap: Path | None = None,
    koppelen: bool = True,
) -> dict[str, Any]:
    """What the themabijeenkomst document shows. Made from the data given: the public
    document from the public view, which has no registrations; the registration
    figures are only worked out for the internal one (``intern``). ``doelmap`` and
    ``koppelen``: how stukken are linked (``documenten.agenda_items``)."""
    overleg = vereist(gegevens, vergadering)
    gekozen = thema(gegevens, vergadering, overleg)
    blokken = programma(gegevens, vergadering)
    secretaris = gegevens.get(Persoon, overleg.secretaris)
    intern = None if gegevens.publiek else _intern(gegevens, vergadering)
    return {
        "overleg": overleg,
        "vergadering": vergadering,
        "publiek": gegevens.publiek,
        "titel": titel(overleg, gekozen),
        "thema": gekozen,
        "voor": voor(gegevens, vergadering),
        "blokken": blokken,
        "tijden": all(b.begin is not None for b in blokken),
        "overige_punten": overige_punten(vergadering),
        "stukken": stukken(gegevens, vergadering, doelmap=doelmap, koppelen=koppelen),
        "capaciteit": vergadering.capaciteit,
        "aanmelden": vergadering.status in _AANMELDEN,
        "contact": openbaar.persoon(gegevens, overleg.secretaris),
        # The public view holds no contact details: there this is None.
        "contact_email": secretaris.email if secretaris else None,
        "intern": intern,
    }


def _intern(gegevens: Gegevens, vergadering: Vergadering) -> dict[str, str]:
    """The registration figures, for the organisers only."""
    stand = bezetting(vergadering)
    plaatsen = ""
    if stand.capaciteit is not None:
        plaatsen = (
            f"{stand.capaciteit}, "
            + dutch.aantal(stand.te_veel, "aanmelding", "aanmeldingen")
            + " te veel"
            if stand.te_veel
            else f"{stand.capaciteit}, nog {stand.vrij} vrij"
        )
    return {
        "aangemeld": dutch.aantal(stand.aangemeld, "gast", "gasten") + " van buiten",
        "plaatsen": plaatsen,
        "genodigden": str(len(genodigden(gegevens, vergadering))),
    }


def document(
    folder: Path,
    gegevens: Gegevens,
    vergadering: Vergadering,
    *,
    doelmap: Path | None = None,
    koppelen: bool = True,
) -> str:
    """The themabijeenkomst as Markdown: what ``agenda render`` makes of it."""
    from waterketen_cli import render

    context = document_context(gegevens, vergadering, doelmap=doelmap, koppelen=koppelen)
    return render.render(folder.parent, "themabijeenkomst.md.j2", **context)


def presentielijst(folder: Path, gegevens: Gegevens, vergadering: Vergadering) -> str:
    """The presence list to print (internal: names of people who did not consent to
    publication, and of the guests)."""
    from waterketen_cli import render

    if gegevens.publiek:
        raise ValueError("de presentielijst is intern; maak haar niet uit de openbare weergave")
    overleg = vereist(gegevens, vergadering)
    rijen = deelnemers(gegevens, vergadering)
    gasten = sum(1 for r in rijen if r.gast)
    samenvatting = dutch.aantal(len(rijen) - gasten, "genodigde", "genodigden")
    samenvatting += " en " + dutch.aantal(gasten, "aangemelde gast", "aangemelde gasten")
    return render.render(
        folder.parent,
        "presentielijst.md.j2",
        vergadering=vergadering,
        titel=titel(overleg, thema(gegevens, vergadering, overleg)),
        rijen=rijen,
        lege_regels=LEGE_REGELS,
        samenvatting=samenvatting,
    )


def terugblik(
    folder: Path, view: Gegevens, vergadering: Vergadering, *, doelmap: Path | None = None
) -> str:
    """The write-up for the website and the newsletter, from the public view: the
    secretary's Markdown in its safe subset (:mod:`waterketen_cli.markdown_subset`),
    with the title, date, theme and programme."""
    from waterketen_cli import render
    from waterketen_cli.markdown_subset import subset

    if not view.publiek:
        raise ValueError("de terugblik is openbaar: maak hem uit de openbare weergave")
    context = document_context(view, vergadering, doelmap=doelmap)
    if vergadering.terugblik is None:
        raise WaterketenError(
            f"{vergadering.id} heeft nog geen terugblik",
            hint="schrijf hem in het veld 'terugblik' van de vergadering (Markdown: "
            "alinea's, nadruk, lijsten, citaten, koppen en koppelingen)",
        )
    context["terugblik"] = subset(vergadering.terugblik, kopniveau=3)
    return render.render(folder.parent, "terugblik.md.j2", **context)


def verslag(folder: Path, gegevens: Gegevens, vergadering: Vergadering) -> str:
    """What ``notulen render`` makes of a themabijeenkomst: who came, the notes per
    agenda item if any, the write-up and the programme. The public version names the
    people as the public view does and counts the guests from outside without naming
    them (the public view has no registrations: there the count comes from nowhere)."""
    from waterketen_cli import render
    from waterketen_cli.markdown_subset import subset

    context = document_context(gegevens, vergadering)
    gasten = [a for a in vergadering.aanmeldingen if a.aanwezig]
    context |= {
        "aanwezig": [openbaar.persoon(gegevens, p) for p in vergadering.aanwezig],
        "afgemeld": [openbaar.persoon(gegevens, p) for p in vergadering.afgemeld],
        "gasten": gasten,
        "gasten_onbekend": sum(1 for a in vergadering.aanmeldingen if a.aanwezig is None),
        "gehouden": vergadering.status
        in (Vergaderstatus.GEHOUDEN, Vergaderstatus.VERSLAG_VASTGESTELD),
        "punten": [
            (g.nummer, g.punt, subset(g.punt.verslag, kopniveau=4) if g.punt.verslag else None)
            for g in openbaar.items(vergadering)
        ],
        "terugblik": subset(vergadering.terugblik, kopniveau=3) if vergadering.terugblik else None,
    }
    return render.render(folder.parent, "verslag-themabijeenkomst.md.j2", **context)
