"""Synthetic letters for the import benchmark (issue 3, item 8).

Each letter imitates the genre of sample_letters/: a geannoteerde agenda sent before a
meeting of the NATO defence ministers (DMM), or a verslag sent after it, from an invented
Minister van Defensie to the Tweede Kamer. Letters come as PDF-like text (.txt: hard-wrapped
lines, words hyphenated at line ends, page breaks, footnote bodies at the page foot or the
end) or in the ministry's Markdown letterhead (.md). They name partner countries, working
sessions with headings, Kamerstuk citations and footnotes, so the extraction does its full
work on every one.

The calendar holds a DMM every few months from 2015 to 2030 (for big sets it starts earlier
and packs them closer), some with a UDCG or JEF meeting beside it; letters go through it in
pairs (an agenda and a verslag per meeting). Every letter is
marked VOORBEELDBRIEF (so the archive flags it as a sample) and carries a unique Kamerstuk
number or reference; no two letters have the same bytes, as the import keys on their SHA-256.

    python bench/generate.py --count 1000 --out /tmp/letters
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

# --- The vocabulary of the genre --------------------------------------------------------

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
# Invented names; each signs the letters of a two-year term, in this order from 2015.
MINISTERS = [
    "J.P. de Vries",
    "A.M. Bakker",
    "H.W. van den Berg",
    "S.L. Jansen",
    "M.C. Visser",
    "R.T. Smit",
    "E.J. de Boer",
    "L.F. Mulder",
]
FOREIGN_MINISTERS = ["P.G. Hendriks", "W.A. Dekker", "C.J. van Leeuwen"]
# (Dutch name, adjective before "minister van Defensie"); allies among them drop out as
# partners once they have joined, which the extraction works out from the meeting date.
PARTNERS = [
    ("Oekraïne", "Oekraïense"),
    ("Georgië", "Georgische"),
    ("Finland", "Finse"),
    ("Zweden", "Zweedse"),
    ("Moldavië", "Moldavische"),
    ("Japan", "Japanse"),
    ("Australië", "Australische"),
    ("Nieuw-Zeeland", "Nieuw-Zeelandse"),
    ("Zuid-Korea", "Zuid-Koreaanse"),
    ("Oostenrijk", "Oostenrijkse"),
    ("Ierland", "Ierse"),
]
EASTERN_ALLIES = ["Polen", "Litouwen", "Estland", "Letland", "Roemenië", "Bulgarije", "Slowakije"]
JEF_PLACES = ["Londen", "Oslo", "Helsinki", "Stockholm", "Riga", "Tallinn", "Vilnius", "Kopenhagen", "Amsterdam"]
INFORMAL_PLACES = ["Rome", "Bratislava", "Istanbul", "Boekarest", "Sofia"]
ORDINALS = ["eerste", "tweede", "derde", "vierde", "vijfde", "zesde"]
NUMBER_WORDS = ["", "één", "twee", "drie", "vier", "vijf", "zes"]
# (dossier as printed, kind of paper); numbers are drawn at random.
DOSSIERS = ["28 676", "21 501-28", "36 045", "29 521", "27 925", "33 763"]
OWN_DOSSIER = "28 676"


@dataclass(frozen=True)
class Topic:
    """A working session's subject: headings, the phrase a sentence uses, and sentences.

    Sentences hold "{agenda form|verslag form}" for the tense, and {year}, {n}, {ally},
    {cite} for values drawn per letter.
    """

    headings: tuple[str, ...]
    subjects: tuple[str, ...]
    sentences: tuple[str, ...]
    named: bool = False  # a session with a name of its own (NPG): no "werksessie over" line


TOPICS = [
    Topic(
        ("Air policing", "Luchtruimbewaking", "Bewaking van het luchtruim"),
        ("de bewaking van het luchtruim aan de oostflank", "air policing boven het verdragsgebied"),
        (
            "De ministers {spreken|spraken} over de bewaking van het luchtruim boven het verdragsgebied, waaronder de air policing-missies aan de oostflank.",
            "Nederland {levert|leverde} samen met België een doorlopende bijdrage aan de luchtruimbewaking boven de Benelux.",
            "Het kabinet {zal melden|meldde} dat Nederland in {year} opnieuw F-35's beschikbaar stelt voor air policing boven {ally}.",
            "Nederland {zal benadrukken|benadrukte} dat de quick reaction alert-taak veel vraagt van personeel en materieel.",
            "De SG NAVO {zal wijzen|wees} op het toenemende aantal onderscheppingen van Russische toestellen boven de Oostzee.",
            "Bondgenoten {worden opgeroepen|werden opgeroepen} om ook in {year} voldoende jachtvliegtuigen beschikbaar te stellen voor de rotaties aan de oostflank.",
            "Het kabinet {acht|achtte} een evenwichtige verdeling van de air policing-taken over de bondgenoten van groot belang.",
        ),
    ),
    Topic(
        ("Afschrikking en verdediging", "Versterking van de afschrikking en verdediging"),
        (
            "de versterking van de bondgenootschappelijke afschrikking en verdediging",
            "de uitvoering van de regionale verdedigingsplannen",
        ),
        (
            "In deze sessie {bespreken|bespraken} de ministers de uitvoering van de regionale verdedigingsplannen.",
            "SACEUR {zal de ministers informeren|informeerde de ministers} over de gereedheid van de eenheden die bondgenoten aan de NAVO ter beschikking stellen.",
            "Nederland {zal benadrukken|benadrukte} dat de plannen alleen geloofwaardig zijn als bondgenoten de benodigde capaciteiten daadwerkelijk leveren.",
            "Het kabinet {steunt|steunde} een gefaseerde invoering van het nieuwe strijdkrachtenmodel, zodat bondgenoten voldoende tijd hebben om naar de vereiste gereedheid toe te werken.",
            "Ook de militaire mobiliteit {komt|kwam} aan bod: de capaciteit van spoor, wegen en havens blijft een knelpunt bij grote verplaatsingen door Europa.",
            "Nederland {zal wijzen|wees} op het belang van Nederlandse havens en infrastructuur als doorvoerland voor bondgenootschappelijke eenheden.",
            "De ministers {staan stil|stonden stil} bij de lessen van de grootschalige oefening die dit jaar met ruim {n}.000 militairen is gehouden.",
            "Nederland {draagt|droeg} bij aan de versterkte voorwaartse aanwezigheid in Litouwen en aan de luchtverdediging aan de oostflank {cite}.",
        ),
    ),
    Topic(
        ("Steun aan Oekraïne", "Oekraïne", "Militaire steun aan Oekraïne"),
        ("de militaire steun aan Oekraïne", "de Russische agressie tegen Oekraïne en de steun op de lange termijn"),
        (
            "De Oekraïense minister van Defensie {zal een toelichting geven|gaf een toelichting} op de militaire situatie en de behoeften van de Oekraïense krijgsmacht.",
            "Luchtverdediging en artilleriemunitie {hebben|hadden} daarbij de hoogste prioriteit.",
            "Het kabinet {zal benadrukken|benadrukte} dat de steun aan Oekraïne in {year} onverminderd moet doorgaan.",
            "Nederland {heeft|had} voor {year} aanvullende middelen vrijgemaakt voor militaire steun aan Oekraïne {cite}.",
            "Nederland {leidt|leidde} samen met Denemarken de coalitie voor de luchtmachtcapaciteit, die onder meer de opleiding van vliegers en technici omvat.",
            "Bondgenoten {spreken|spraken} over een meerjarige financiële toezegging voor de militaire steun aan Oekraïne.",
            "Nederland {zal oproepen|riep op} tot een evenwichtige verdeling van de lasten van de steun onder bondgenoten.",
        ),
    ),
    Topic(
        ("Lastenverdeling", "Lastenverdeling en defensie-uitgaven"),
        ("lastenverdeling en de financiering van de NAVO", "de defensie-uitgaven van de bondgenoten"),
        (
            "De SG NAVO {zal de meest recente ramingen van de defensie-uitgaven presenteren|presenteerde de meest recente ramingen van de defensie-uitgaven}.",
            "Naar verwachting {voldoen|voldeden} {n} bondgenoten in {year} aan de afspraak om ten minste twee procent van het bbp aan defensie te besteden.",
            "Nederland {zal onderstrepen|onderstreepte} dat twee procent in de huidige veiligheidssituatie een minimum is.",
            "De ministers {spreken|spraken} ook over de verhoging van de gemeenschappelijke financiering van de NAVO.",
            "Het kabinet {staat|stond} positief tegenover een verhoging, mits deze goed is onderbouwd en het budget doelmatig wordt besteed.",
            "De verhoogde uitgaven {moeten|moesten} volgens Nederland leiden tot snel inzetbare capaciteiten {cite}.",
        ),
    ),
    Topic(
        ("Cyber", "Cyberverdediging", "Cyberdreigingen en weerbaarheid"),
        ("cyberverdediging en de bescherming van vitale infrastructuur",),
        (
            "De ministers {bespreken|bespraken} de toenemende cyberdreiging tegen bondgenoten en hun vitale infrastructuur.",
            "Nederland {zal pleiten|pleitte} voor een snellere uitwisseling van dreigingsinformatie binnen het bondgenootschap.",
            "Het kabinet {hecht|hechtte} aan de integratie van nationale cybercapaciteiten in NAVO-operaties op vrijwillige basis.",
            "Het cybercentrum van de NAVO {wordt|werd} in {year} verder uitgebreid.",
            "Nederland {zal wijzen|wees} op de Nederlandse bijdrage aan de snelle reactieteams voor cyberincidenten {cite}.",
        ),
    ),
    Topic(
        ("Defensie-industrie", "Defensie-industrie en munitie"),
        ("de defensie-industrie en de productie van munitie",),
        (
            "De ministers {spreken|spraken} over de voortgang van het actieplan voor de defensieproductie.",
            "De SG NAVO {zal melden|meldde} dat via het NSPA inmiddels voor {n} miljard euro aan munitie is gecontracteerd.",
            "Nederland {zal pleiten|pleitte} voor meer standaardisatie, zodat productielijnen voor meerdere bondgenoten tegelijk kunnen werken.",
            "Het kabinet {benadrukt|benadrukte} dat Europese initiatieven en NAVO-initiatieven elkaar moeten versterken.",
            "Langetermijncontracten {geven|gaven} de industrie de zekerheid die nodig is om te investeren.",
        ),
    ),
    Topic(
        ("Nuclear Planning Group",),
        ("het nucleaire beleid van de NAVO",),
        (
            "In de Nuclear Planning Group {spreken|spraken} de ministers over het nucleaire beleid van de NAVO.",
            "Nederland {blijft|bleef} het belang van een geloofwaardige en verantwoorde nucleaire afschrikking onderstrepen.",
            "Over de inhoud {worden|werden} geen mededelingen gedaan.",
            "Nederland {zal wijzen|wees} daarbij ook op het belang van wapenbeheersing.",
        ),
        named=True,
    ),
    Topic(
        ("Missies en operaties",),
        ("de lopende missies en operaties van de NAVO",),
        (
            "Een vertegenwoordiger van de EU {sluit|sloot} bij deze sessie aan.",
            "Nederland {hecht|hechtte} aan goede afstemming tussen de EU en de NAVO in gebieden waar beide organisaties aanwezig zijn, zoals in Kosovo.",
            "De ministers {bespreken|bespraken} de voortgang van de NAVO-missie in Irak, waaraan Nederland met stafofficieren bijdraagt {cite}.",
            "KFOR {blijft|bleef} volgens bondgenoten van belang voor de stabiliteit in de Westelijke Balkan.",
            "Nederland {zal melden|meldde} dat het in {year} opnieuw een bijdrage levert aan de NAVO-missie in Irak.",
        ),
    ),
    Topic(
        ("EU-NAVO-samenwerking", "Samenwerking tussen de EU en de NAVO"),
        ("de samenwerking tussen de EU en de NAVO",),
        (
            "De Hoge Vertegenwoordiger van de EU {neemt|nam} deel aan deze sessie.",
            "Nederland {zal benadrukken|benadrukte} dat EU-NAVO-samenwerking complementair moet zijn en dubbelingen moet voorkomen.",
            "Op het gebied van militaire mobiliteit {is|was} de samenwerking tussen beide organisaties volgens het kabinet een voorbeeld voor andere terreinen.",
            "De ministers {spreken|spraken} over de uitvoering van het Strategisch Kompas van de EU in relatie tot de plannen van de NAVO.",
        ),
    ),
    Topic(
        ("Weerbaarheid", "Hybride dreigingen", "Weerbaarheid en hybride dreigingen"),
        ("de weerbaarheid van bondgenoten tegen hybride dreigingen",),
        (
            "De ministers {bespreken|bespraken} de bescherming van onderzeese infrastructuur, zoals kabels en pijpleidingen in de Noordzee en de Oostzee.",
            "Nederland {zal oproepen|riep op} tot meer coördinatie met de EU op het gebied van hybride dreigingen.",
            "Het kabinet {wijst|wees} op de motie over de bescherming van vitale infrastructuur op zee {cite}.",
            "De weerbaarheid van de samenleving {is|was} volgens bondgenoten een eerste verdedigingslinie.",
        ),
    ),
    Topic(
        ("Innovatie", "Innovatie en nieuwe technologieën"),
        ("innovatie en opkomende technologieën",),
        (
            "De ministers {spreken|spraken} over de voortgang van DIANA, het innovatieprogramma van de NAVO met een testcentrum in Nederland.",
            "Nederland {zal benadrukken|benadrukte} het belang van een verantwoorde inzet van kunstmatige intelligentie.",
            "Het innovatiefonds van de NAVO {heeft|had} inmiddels in {n} bedrijven geïnvesteerd.",
        ),
    ),
    Topic(
        ("Veiligheid in het Zwarte Zeegebied", "Zwarte Zee"),
        ("de veiligheidssituatie in het Zwarte Zeegebied",),
        (
            "De ministers {spreken|spraken} met de partners uit de regio over de veiligheidssituatie rond de Zwarte Zee.",
            "Nederland {zal steun uitspreken|sprak steun uit} voor de territoriale integriteit van Georgië en Moldavië.",
            "Bondgenoten {zijn|waren} het eens dat de weerbaarheid van de partners in de regio moet worden versterkt.",
        ),
    ),
]
SESSION_OPENERS = [
    "In de {ord} werksessie {spreken|spraken} de ministers over {subject}.",
    "De {ord} sessie {is|was} gewijd aan {subject}.",
    "De {ord} werksessie {staat|stond} in het teken van {subject}.",
]
PARTNER_SENTENCES = {  # by number of partners: one, or more
    False: [
        "De minister van Defensie van {names} {neemt|nam} deel aan deze sessie.",
        "De {adjectives} minister van Defensie {schuift|schoof} als genodigde aan bij deze sessie.",
        "Deze sessie {vindt|vond} plaats in aanwezigheid van de minister van Defensie van {names}.",
    ],
    True: [
        "De ministers van Defensie van {names} {nemen|namen} deel aan deze sessie.",
        "De {adjectives} ministers van Defensie {schuiven|schoven} als genodigde aan bij deze sessie.",
        "Deze sessie {vindt|vond} plaats in aanwezigheid van de ministers van Defensie van {names}.",
    ],
}
UDCG_SENTENCES = [
    "De UDCG {komt|kwam} onder Amerikaans voorzitterschap samen met ruim {n} deelnemende landen.",
    "De deelnemers {bespreken|bespraken} de oprichting van capaciteitscoalities, waarin groepen landen de steun op een bepaald terrein voor de langere termijn coördineren.",
    "Nederland {zal toelichten|lichtte toe} welke bijdrage het in {year} levert aan de coalitie voor luchtverdediging.",
    "De Oekraïense minister van Defensie {schetst|schetste} de behoeften van de Oekraïense krijgsmacht voor de komende winter.",
]
JEF_SENTENCES = [
    "De ministers van Defensie van de JEF-landen {spreken|spraken} over de veiligheid in Noord-Europa en het Oostzeegebied.",
    "Andere aangesloten landen zijn Denemarken, Estland, Finland, IJsland, Letland, Litouwen, Noorwegen, Zweden en het Verenigd Koninkrijk.",
    "Nederland {zal voorstellen|stelde voor} de gezamenlijke oefeningen in het hoge noorden uit te breiden.",
]
FOOTNOTES = [
    "Kamerstuk {cite}.",
    "Zie ook de geannoteerde agenda voor de Raad Buitenlandse Zaken (Defensie), Kamerstuk {cite}.",
    "Uw Kamer is eerder over dit onderwerp geïnformeerd in Kamerstuk {cite} van {date}.",
    "Over dit initiatief wordt uw Kamer nader geïnformeerd in de eerstvolgende voortgangsbrief over de militaire steun aan Oekraïne.",
    "Het rapport is openbaar gemaakt op de website van de NAVO; zie ook Kamerstuk {cite}.",
]
SAMPLE_MARKER = "VOORBEELDBRIEF – synthetische brief voor de importbenchmark, geen officieel document"


# --- The calendar -----------------------------------------------------------------------


@dataclass(frozen=True)
class Gathering:
    """One meeting on the calendar: a DMM, or a UDCG or JEF meeting beside one."""

    series: str  # "dmm" | "udcg" | "jef"
    start: dt.date
    end: dt.date
    place: str | None  # None: by videoconference
    extraordinary: bool = False


@dataclass(frozen=True)
class Slot:
    dmm: Gathering
    side: Gathering | None


FIRST_DAY, LAST_DAY = dt.date(2015, 2, 4), dt.date(2030, 11, 1)
EARLIEST_DAY = dt.date(1950, 1, 1)  # beyond this many meetings, letters go round the calendar
MIN_GAP = 3  # days between two DMMs: closer ones would count as one meeting (a day's slack)


def build_calendar(rng: random.Random, meetings: int = 0) -> list[Slot]:
    """A DMM every 60 to 120 days from February 2015 to late 2030, some with a side meeting.

    Asked for more `meetings` than that holds, the calendar starts earlier and the DMMs come
    closer together (every 3 days at the closest), so a big set still has one agenda and one
    verslag per meeting, as the real archive has, instead of going round a short calendar.
    """
    gap = (60, 120)
    first = FIRST_DAY
    if meetings > (LAST_DAY - FIRST_DAY).days // 90:
        mean = max(MIN_GAP + 1, (LAST_DAY - dt.date(1990, 1, 1)).days // meetings)
        gap = (MIN_GAP, 2 * mean - MIN_GAP)
        first = max(LAST_DAY - dt.timedelta(days=mean * meetings * 11 // 10), EARLIEST_DAY)  # room for chance
    slots: list[Slot] = []
    day = first
    while day < LAST_DAY:
        start = day
        end = start + dt.timedelta(days=rng.choice([0, 1, 1]))
        if dt.date(2020, 4, 1) <= start <= dt.date(2021, 6, 1):
            place = None  # the pandemic years met by video
        else:
            place = "Brussel" if rng.random() < 0.85 else rng.choice(INFORMAL_PLACES)
        dmm = Gathering("dmm", start, end, place, extraordinary=rng.random() < 0.08)
        slots.append(Slot(dmm, side_meeting(rng, dmm)))
        day += dt.timedelta(days=rng.randint(*gap))
    return slots


def side_meeting(rng: random.Random, dmm: Gathering) -> Gathering | None:
    roll = rng.random()
    if dmm.start.year >= 2022 and roll < 0.4:  # the UDCG first met in April 2022
        day = dmm.start - dt.timedelta(days=1)
        return Gathering("udcg", day, day, dmm.place or "Brussel")
    if roll > 0.85:
        day = dmm.start - dt.timedelta(days=rng.randint(4, 12))
        return Gathering("jef", day, day + dt.timedelta(days=rng.choice([0, 1])), rng.choice(JEF_PLACES))
    return None


# --- One letter -------------------------------------------------------------------------


@dataclass
class Plan:
    """What one letter says, before it is laid out as text."""

    index: int
    kind: str  # "agenda" | "verslag"
    slot: Slot
    date: dt.date
    number: int  # its own Kamerstuk number
    agenda_number: int  # the agenda's number, which a verslag cites
    agenda_date: dt.date
    minister: str
    cosigner: str | None
    markdown: bool
    blocks: list[tuple[str, str]] = field(default_factory=list)  # ("heading" | "paragraph", text)
    notes: list[str] = field(default_factory=list)


class Writer:
    """Fills the templates of one letter: tense, values, citations and footnote markers."""

    def __init__(self, rng: random.Random, plan: Plan):
        self.rng, self.plan = rng, plan

    def say(self, template: str, **values) -> str:
        forms = 0 if self.plan.kind == "agenda" else 1
        text = re.sub(r"\{([^{}|]*)\|([^{}|]*)\}", lambda m: m.group(1 + forms), template)
        year = self.plan.slot.dmm.start.year
        values = {"year": year, "n": self.rng.randint(3, 30), "ally": self.rng.choice(EASTERN_ALLIES), **values}
        if "{cite}" in text:
            values["cite"] = f"(Kamerstuk {self.citation()})" if self.rng.random() < 0.5 else ""
        return re.sub(r"\s+([.,])", r"\1", text.format(**values))

    def citation(self) -> str:
        dossier = self.rng.choice(DOSSIERS)
        number = self.rng.randint(2, 999)
        if self.rng.random() < 0.15:
            return f"{dossier}, nrs. {number} en {number + 1}"
        return f"{dossier}, nr. {number}"

    def footnote(self, sentence: str) -> str:
        """Put the next footnote's marker after the sentence's last word ("gevuld.1")."""
        plan = self.plan
        when = plan.date - dt.timedelta(days=self.rng.randint(30, 900))
        template = self.rng.choice(FOOTNOTES)
        plan.notes.append(template.format(cite=self.citation(), date=long_date(when, year=True)))
        number = len(plan.notes)
        return sentence + (f"[^{number}]" if plan.markdown else str(number))


def long_date(day: dt.date, *, year: bool = True) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}" + (f" {day.year}" if year else "")


def span(g: Gathering) -> str:
    """'15 februari 2024', '13 en 14 juni 2024', '31 januari en 1 februari 2024'."""
    if g.start == g.end:
        return long_date(g.start)
    if g.start.month == g.end.month:
        return f"{g.start.day} en {long_date(g.end)}"
    return f"{long_date(g.start, year=False)} en {long_date(g.end)}"


def opening(w: Writer) -> list[str]:
    plan, dmm = w.plan, w.plan.slot.dmm
    where = f"in {dmm.place}" if dmm.place else "per videoconferentie"
    special = " voor een ingelaste bijeenkomst" if dmm.extraordinary else ""
    if plan.kind == "agenda":
        first = w.rng.choice(
            [
                f"Op {span(dmm)} komen de NAVO-ministers van Defensie {where} bijeen{special}. Hierbij bied ik uw Kamer, mede namens de Minister van Buitenlandse Zaken, de geannoteerde agenda voor deze bijeenkomst aan.",
                f"Hierbij bied ik u, mede namens de Minister van Buitenlandse Zaken, de geannoteerde agenda aan voor de bijeenkomst van de NAVO-ministers van Defensie op {span(dmm)} {where}.",
            ]
        )
    else:
        special = " ingelaste" if dmm.extraordinary else ""
        first = w.rng.choice(
            [
                f"Hierbij informeer ik uw Kamer over de{special} bijeenkomst van de NAVO-ministers van Defensie die op {span(dmm)} {where} plaatsvond.",
                f"Op {span(dmm)} vond {where} de{special} bijeenkomst plaats van de NAVO-ministers van Defensie. Onderstaand treft u het verslag van deze bijeenkomst.",
            ]
        )
        first += f" De geannoteerde agenda heeft uw Kamer op {long_date(plan.agenda_date, year=False)} jl. ontvangen (Kamerstuk {OWN_DOSSIER}, nr. {plan.agenda_number})."
    return [first] + side_announcement(w)


def side_announcement(w: Writer) -> list[str]:
    side = w.plan.slot.side
    if side is None:
        return []
    if side.series == "udcg":
        return [
            w.say(
                "Voorafgaand aan de DMM {vindt|vond} op "
                + span(side)
                + " in "
                + side.place
                + " een bijeenkomst van de Ukraine Defence Contact Group (UDCG) plaats."
            )
        ]
    return [
        w.say(
            "Daarnaast informeer ik u over de bijeenkomst van de ministers van Defensie van de landen die zijn aangesloten bij de Joint Expeditionary Force (JEF), die op "
            + span(side)
            + " in "
            + side.place
            + " {plaatsvindt|plaatsvond}."
        )
    ]


def session_blocks(w: Writer, topic: Topic, order: int, partners: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A heading and one or two paragraphs for one working session."""
    rng = w.rng
    sentences = []
    if not topic.named:
        opener = rng.choice(SESSION_OPENERS)
        sentences.append(w.say(opener, ord=ORDINALS[order], subject=rng.choice(topic.subjects)))
    picked = rng.sample(topic.sentences, k=min(len(topic.sentences), rng.randint(3, 6)))
    if topic.named:
        picked.sort(key=lambda s: not s.startswith("In de Nuclear"))
    sentences += [w.say(s) for s in picked]
    if partners:
        sentences.insert(1, partner_sentence(w, partners))
    if rng.random() < 0.35:
        at = rng.randrange(len(sentences))
        sentences[at] = w.footnote(sentences[at])
    cut = rng.randint(2, len(sentences) - 1) if len(sentences) > 4 and rng.random() < 0.5 else len(sentences)
    paragraphs = [" ".join(sentences[:cut]), " ".join(sentences[cut:])]
    return [("heading", rng.choice(topic.headings))] + [("paragraph", p) for p in paragraphs if p]


def partner_sentence(w: Writer, partners: list[tuple[str, str]]) -> str:
    template = w.rng.choice(PARTNER_SENTENCES[len(partners) > 1])
    return w.say(template, names=dutch_list([p[0] for p in partners]), adjectives=dutch_list([p[1] for p in partners]))


def dutch_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def side_blocks(w: Writer) -> list[tuple[str, str]]:
    side = w.plan.slot.side
    if side is None:
        return []
    heading, bank = (
        ("Ukraine Defence Contact Group", UDCG_SENTENCES)
        if side.series == "udcg"
        else ("Joint Expeditionary Force", JEF_SENTENCES)
    )
    if w.rng.random() < 0.5:
        heading = f"Bijeenkomst {heading} {span(side)}"
    sentences = [w.say(s) for s in w.rng.sample(bank, k=w.rng.randint(2, len(bank)))]
    return [("heading", heading), ("paragraph", " ".join(sentences))]


def compose(w: Writer) -> None:
    """The letter's blocks: opening, overview, sessions, the side meeting, a closing line."""
    plan, rng = w.plan, w.rng
    topics = rng.sample(TOPICS, k=rng.randint(3, 5))
    plan.blocks += [("paragraph", p) for p in opening(w)]
    plan.blocks.append(
        (
            "paragraph",
            w.say(
                "De SG NAVO heeft "
                + NUMBER_WORDS[len(topics)]
                + " sessies belegd. Nederland {zal zich inzetten|zette zich in} voor een eensgezind optreden van het bondgenootschap."
            ),
        )
    )
    if plan.slot.side is not None:
        dmm = plan.slot.dmm
        plan.blocks.append(("heading", f"Bijeenkomst NAVO-ministers van Defensie {span(dmm)}"))
    partner_session = rng.randrange(len(topics))
    for order, topic in enumerate(topics):
        partners = rng.sample(PARTNERS, k=rng.randint(1, 3)) if order == partner_session else []
        plan.blocks += session_blocks(w, topic, order, partners)
    plan.blocks += side_blocks(w)
    if rng.random() < 0.5:
        closing = (
            "Ik zal uw Kamer na afloop van de bijeenkomst over de uitkomsten informeren."
            if plan.kind == "agenda"
            else "Over de uitvoering van de gemaakte afspraken wordt uw Kamer in de reguliere voortgangsbrieven geïnformeerd."
        )
        plan.blocks.append(("paragraph", closing))


# --- Layout -----------------------------------------------------------------------------

VOWELS = set("aeiouy")


def hyphen_point(word: str, room: int) -> int | None:
    """Where a long plain word can break: before a consonant that opens a syllable, after
    a vowel or a single consonant ("bijeen-komst", "ope-raties"), as far right as fits."""
    if len(word) < 9 or not (word.isalpha() and word.islower()):
        return None
    points = [
        k
        for k in range(3, min(len(word) - 3, room - 1) + 1)
        if word[k] not in VOWELS and word[k + 1] in VOWELS and (word[k - 1] in VOWELS or word[k - 2] in VOWELS)
    ]
    return points[-1] if points else None


def wrap(text: str, rng: random.Random, width: int) -> list[str]:
    """Hard-wrap a paragraph near `width` characters, hyphenating some words across lines."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            split = hyphen_point(word, width - len(line) - 1) if rng.random() < 0.4 else None
            if split:
                line, word = line + " " + word[:split] + "-", word[split:]
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def parliamentary_year(day: dt.date) -> str:
    first = day.year if day.month >= 9 else day.year - 1
    return f"{first}–{first + 1}"


def render_text(plan: Plan, rng: random.Random) -> str:
    """The Kamerstuk print as a PDF's text layer: hard wraps, page breaks, footnotes."""
    numbered = rng.random() < 0.8
    width = rng.randint(66, 74)
    head = [SAMPLE_MARKER, ""]
    if numbered:
        head += [
            f"Tweede Kamer, vergaderjaar {parliamentary_year(plan.date)}, {OWN_DOSSIER}, nr. {plan.number}",
            "",
            f" Nr. {plan.number} BRIEF VAN DE MINISTER VAN DEFENSIE",
            "",
        ]
    head += ["Aan de Voorzitter van de Tweede Kamer der Staten-Generaal", "", f"Den Haag, {long_date(plan.date)}", ""]
    body: list[str] = []
    for kind, text in plan.blocks:
        body += [text] if kind == "heading" else wrap(text, rng, width)
        body.append("")
    body += ["De Minister van Defensie,", plan.minister, ""]
    if plan.cosigner:
        body += ["De Minister van Buitenlandse Zaken,", plan.cosigner, ""]
    notes = {n: wrap(f"{n} {text}", rng, width + 20) for n, text in enumerate(plan.notes, 1)}
    lines = paginate(head + body, notes, rng, at_foot=rng.random() < 0.5)
    if numbered:
        lines += ["", f"kst-{OWN_DOSSIER.replace(' ', '')}-{plan.number} ISSN 0921 - 7371 's-Gravenhage {plan.date.year}"]
    trailing = " " if rng.random() < 0.5 else ""  # some PDF exports end every line with a space
    return "\n".join(line + trailing if line and not line.endswith("-") else line for line in lines) + "\n"


def paginate(lines: list[str], notes: dict[int, list[str]], rng: random.Random, *, at_foot: bool) -> list[str]:
    """Start a new page every 42-52 lines (its first line begins with one space, as pypdf
    gives it); a footnote body goes to the foot of the page of its marker or to the end."""
    out: list[str] = []
    pending: list[int] = []
    page_length, count = rng.randint(42, 52), 0
    for line in lines:
        if count >= page_length and line and not line[:1].isdigit():
            if pending and pending[0] == min(notes):  # bodies must stay in number order
                out += [""] + notes.pop(pending[0])
            pending.clear()  # one footnote per page foot; the others go to the end
            out.append(" " + line)
            page_length, count = rng.randint(42, 52), 1
            continue
        out.append(line)
        count += 1
        if at_foot:
            pending += [n for n in notes if n not in pending and re.search(rf"(?<=[^\W\d_][.,;:)]){n}(?=\s|$)", line)]
    if notes:
        out += [""] + [text for n in sorted(notes) for text in notes[n]]
    return out


def render_markdown(plan: Plan, rng: random.Random) -> str:
    """The ministry's letter paper as Markdown: address, Datum/Betreft, '### **Kop**'."""
    subject = (
        ("Geannoteerde agenda" if plan.kind == "agenda" else "Verslag")
        + " bijeenkomst NAVO-ministers van Defensie op "
        + span(plan.slot.dmm)
    )
    if plan.slot.dmm.place:
        subject += f" in {plan.slot.dmm.place}"
    parts = [
        SAMPLE_MARKER,
        "",
        "Aan de Voorzitter van de Tweede Kamer  \nder Staten-Generaal  \nPostbus 20018  \n2500 EA Den Haag",
        "",
        "",
        "Ministerie van Defensie",
        "",
        f"Datum {long_date(plan.date)}  \nBetreft {subject}",
        "",
        "**Ministerie van Defensie**",
        "",
        "Plein 4  \nMPC 58 B  \nPostbus 20701  \n2500 ES Den Haag  \n[www.defensie.nl](http://www.defensie.nl)",
        "",
        f"**Onze referentie**  \nBS{plan.date.year}{plan.number:07d}",
        "",
        "*Bij beantwoording datum,  \nonze referentie en betreft  \nvermelden.*",
        "",
    ]
    for kind, text in plan.blocks:
        text = text.replace("Ukraine Defence Contact Group", "*Ukraine Defence Contact Group*")
        parts += [f"### **{text}**" if kind == "heading" else text, ""]
    parts += ["*DE MINISTER VAN DEFENSIE*", "", plan.minister, ""]
    if plan.cosigner:
        parts += ["*DE MINISTER VAN BUITENLANDSE ZAKEN*", "", plan.cosigner, ""]
    parts += [f"[^{n}]: {text}" for n, text in enumerate(plan.notes, 1)]
    return "\n".join(parts).rstrip("\n") + "\n"


# --- The whole set ----------------------------------------------------------------------


def plan_letter(index: int, slot: Slot, rng: random.Random) -> Plan:
    """Letter `index` is the agenda (even) or verslag (odd) of its pair's meeting."""
    dmm, side = slot.dmm, slot.side
    first_day = min(dmm.start, side.start) if side else dmm.start
    agenda_date = first_day - dt.timedelta(days=rng.randint(5, 25))
    report_date = dmm.end + dt.timedelta(days=rng.randint(10, 45))
    kind = "agenda" if index % 2 == 0 else "verslag"
    date = agenda_date if kind == "agenda" else report_date
    term = (dmm.start.year - 2015) // 2 % len(MINISTERS)
    return Plan(
        index=index,
        kind=kind,
        slot=slot,
        date=date,
        number=100 + index,
        agenda_number=100 + index - index % 2,
        agenda_date=agenda_date,
        minister=MINISTERS[term],
        cosigner=rng.choice(FOREIGN_MINISTERS) if rng.random() < 0.15 else None,
        markdown=rng.random() < 0.35,
    )


def generate_letters(count: int, seed: int = 0) -> list[tuple[str, str]]:
    """`count` letters as (file name, text), the same for the same seed, each text unique."""
    calendar = build_calendar(random.Random(f"calendar-{seed}"), meetings=(count + 1) // 2)
    letters: list[tuple[str, str]] = []
    seen: set[str] = set()
    for index in range(count):
        slot = calendar[(index // 2) % len(calendar)]
        for attempt in range(10):
            rng = random.Random(f"letter-{seed}-{index}-{attempt}")
            # Both letters of a pair share the meeting's dates and the agenda's date.
            plan = plan_letter(index, slot, random.Random(f"pair-{seed}-{index // 2}"))
            compose(Writer(rng, plan))
            text = render_markdown(plan, rng) if plan.markdown else render_text(plan, rng)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if digest not in seen:
                break
        else:
            raise RuntimeError(f"could not make letter {index} unique")
        seen.add(digest)
        kind = "agenda" if plan.kind == "agenda" else "verslag"
        suffix = "md" if plan.markdown else "txt"
        letters.append((f"{plan.date:%Y-%m-%d}_{kind}_dmm_{index:05d}.{suffix}", text))
    return letters


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write synthetic NATO letters for the import benchmark.")
    parser.add_argument("--count", type=int, default=1000, help="How many letters to write (default 1000).")
    parser.add_argument("--out", type=Path, required=True, help="Folder to write them to; created if missing.")
    parser.add_argument("--seed", type=int, default=0, help="Seed; the same seed gives the same letters (default 0).")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    args.out.mkdir(parents=True, exist_ok=True)
    letters = generate_letters(args.count, seed=args.seed)
    for name, text in letters:
        (args.out / name).write_text(text, encoding="utf-8")
    print(f"{len(letters)} letters written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
