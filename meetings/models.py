"""The archive's rows. Dutch terms of art (Kamerstuk, geannoteerde agenda, verslag) are
explained in meetings/extract/__init__.py. Reads live in meetings/querysets.py."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from django.db import models
from django.urls import get_script_prefix, reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import names
from .querysets import CountryQuerySet, LetterQuerySet, MeetingQuerySet

OFFICIAL_IDENTIFIER = re.compile(
    r"kst-\d[0-9A-Za-z]*(?:-[0-9A-Za-z]+)*"
)  # a Kamerstuk's identifier at officielebekendmakingen.nl
# Stand-ins for a detail URL's key when it is reversed once: they match the slug and int converters.
SLUG_SLOT, INT_SLOT = "url-key-slot-3f9a", 987654321987654321


@lru_cache(maxsize=64)
def url_around_key(name: str, numeric: bool, language: str | None, prefix: str) -> tuple[str, str]:
    """A detail URL split around its key, reversed once per language and script prefix."""
    slot = INT_SLOT if numeric else SLUG_SLOT
    before, _slot, after = reverse(name, args=[slot]).partition(str(slot))
    return before, after


def detail_url(name: str, key: int | str) -> str:
    """reverse(name, args=[key]) for a slug or an id. A list page links 100-200 rows, and
    reverse() (resolver, namespaces, a regular expression per call) took about 3 ms of a
    meetings list; a slug or an id needs no quoting, so it goes into the URL reversed once."""
    before, after = url_around_key(name, isinstance(key, int), get_language(), get_script_prefix())
    return f"{before}{key}{after}"


class Minister(models.Model):
    name = models.CharField(
        _("naam"), max_length=120, unique=True, help_text=_('Zoals ondertekend, zonder titel: "A.B. de Vries".')
    )
    role = models.CharField(
        _("functie"), max_length=120, help_text=_('"Minister van Defensie", "Staatssecretaris van Defensie".')
    )
    slug = models.SlugField(max_length=140, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("bewindspersoon")
        verbose_name_plural = _("bewindspersonen")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name.replace(".", " "))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return detail_url("meetings:minister_detail", self.slug)

    @property
    def display_role(self) -> str:
        """The role in the page's language: "Minister of Defence" on English pages."""
        return names.minister_role(self.role)


class Country(models.Model):
    code = models.CharField(_("code"), max_length=2, primary_key=True, help_text=_("ISO 3166-1 alpha-2"))
    name_nl = models.CharField(_("naam (nl)"), max_length=100)
    name_en = models.CharField(_("naam (en)"), max_length=100)
    slug = models.SlugField(max_length=110, unique=True)

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("land")
        verbose_name_plural = _("landen")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return detail_url("meetings:country_detail", self.slug)

    @property
    def name(self) -> str:
        """The name in the page's language."""
        return names.english_or(self.name_nl, self.name_en)

    @staticmethod
    def name_field() -> str:
        """The column to sort countries by on this page: English pages sort by the English name."""
        return "name_en" if names.in_english() else "name_nl"


class Topic(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    name_en = models.CharField(
        _("naam (en)"), max_length=100, blank=True, help_text=_("De naam op de Engelse pagina's; leeg: de Nederlandse naam.")
    )
    slug = models.SlugField(max_length=110, unique=True)
    aliases = models.TextField(
        _("aliassen"),
        blank=True,
        help_text=_(
            "Eén per regel; een brief krijgt dit onderwerp als een alias erin staat (begin van een woord, hoofdletters en accenten tellen niet)."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("onderwerp")
        verbose_name_plural = _("onderwerpen")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return detail_url("meetings:topic_detail", self.slug)

    @property
    def display_name(self) -> str:
        """The name in the page's language (the Dutch one where no English name is given)."""
        return names.english_or(self.name, self.name_en)

    @property
    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.aliases.splitlines() if a.strip()]


class Letter(models.Model):
    class Kind(models.TextChoices):
        AGENDA = "agenda", _("geannoteerde agenda")
        REPORT = "report", _("verslag")
        OTHER = "other", _("overige brief")

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    date = models.DateField(
        _("datum"), null=True, blank=True, help_text=_("De datum van de brief zelf; leeg als de brief er geen noemt.")
    )
    number = models.PositiveIntegerField(_("nummer"), null=True, blank=True, help_text=_('Kamerstuknummer: "Nr. 387".'))
    dossier = models.CharField(_("dossier"), max_length=20, blank=True, help_text=_('Kamerstukdossier, bijv. "28676".'))
    reference = models.CharField(_("kenmerk"), max_length=40, blank=True, help_text=_('"Onze referentie", bijv. BS2024000123.'))
    subject = models.CharField(_("betreft"), max_length=300)
    minister = models.ForeignKey(
        Minister, verbose_name=_("ondertekend door"), null=True, blank=True, on_delete=models.PROTECT, related_name="letters"
    )
    cosigners = models.ManyToManyField(
        Minister, verbose_name=_("mede ondertekend door"), blank=True, related_name="cosigned_letters"
    )
    on_behalf_of = models.JSONField(
        _("mede namens"),
        default=list,
        blank=True,
        help_text=_('Ambten namens wie de brief ook is gestuurd ("mede namens de Minister van Buitenlandse Zaken").'),
    )
    body = models.TextField(
        _("tekst"),
        help_text=_(
            "Schone tekst: blokken gescheiden door een lege regel, koppen met '## ', "
            "ondertekening met '-- ', voetnootverwijzingen als [^1]."
        ),
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("onderwerpen"), blank=True, related_name="letters")
    is_sample = models.BooleanField(
        _("voorbeeldbrief"), default=False, help_text=_("Fictieve demonstratiebrief, geen officieel document.")
    )
    warnings = models.JSONField(_("waarschuwingen"), default=list, blank=True)
    locked_fields = models.JSONField(
        _("gecorrigeerde velden"),
        default=list,
        blank=True,
        help_text=_("Velden die een beheerder heeft gecorrigeerd; een nieuwe import laat ze staan."),
    )
    source_name = models.CharField(
        _("bestandsnaam"), max_length=255, help_text=_("Zoals geüpload; twee brieven kunnen dezelfde naam hebben.")
    )
    source_sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    # The store names the file (store/originals.py: content-addressed), so no upload_to.
    source_file = models.FileField(_("origineel bestand"), max_length=500, blank=True)
    imported_at = models.DateTimeField(_("geïmporteerd op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        permissions = [("upload_letter", _("Kan brieven uploaden en publiceren"))]
        indexes = [
            models.Index(fields=["-date", "-id"], name="letter_date_idx"),
            models.Index(fields=["kind", "-date"], name="letter_kind_date_idx"),
            models.Index(fields=["minister", "-date"], name="letter_minister_date_idx"),
            models.Index(fields=["dossier", "number"], name="letter_kamerstuk_idx"),
            models.Index(fields=["-imported_at"], name="letter_imported_idx"),
            models.Index(fields=["reference"], name="letter_reference_idx"),
            models.Index(fields=["source_name"], name="letter_source_name_idx"),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return detail_url("meetings:letter_detail", self.pk)

    @property
    def kamerstuk_id(self) -> str | None:
        return f"{self.dossier}-{self.number}" if self.dossier and self.number else None

    @property
    def official_identifier(self) -> str | None:
        """The letter's identifier at officielebekendmakingen.nl ("kst-28676-387",
        "kst-21501-28-250"): as its official file is named (a harvested letter is stored as
        kst-28676-387.xml), else made from its Kamerstuk. A sample letter has none."""
        if self.is_sample:
            return None
        stem = self.source_name.rsplit(".", 1)[0]
        if OFFICIAL_IDENTIFIER.fullmatch(stem):
            return stem
        return f"kst-{self.dossier}-{self.number}" if self.dossier and self.number else None

    @property
    def official_url(self) -> str | None:
        """The letter's page at officielebekendmakingen.nl, where it has an official identifier."""
        identifier = self.official_identifier
        return f"https://zoek.officielebekendmakingen.nl/{identifier}.html" if identifier else None

    @property
    def kamerstuk_citation(self) -> str | None:
        """The Kamerstuk as it is cited: "Kamerstukken II 2023/24, 28 676, nr. 387" (the
        parliamentary year from the letter's date; without a date, without the year)."""
        if not (self.dossier and self.number):
            return None
        main, _dash, sub = self.dossier.partition("-")
        dossier = f"{main[:-3]} {main[-3:]}" if main.isdigit() and len(main) > 3 else main
        dossier += f"-{sub}" if sub else ""
        year = parliamentary_year(self.date) if self.date else None
        return (
            f"Kamerstukken II {year}, {dossier}, nr. {self.number}" if year else f"Kamerstukken II, {dossier}, nr. {self.number}"
        )


def parliamentary_year(day: dt.date) -> str:
    """The Tweede Kamer's vergaderjaar a day falls in: it opens on Prinsjesdag, the third
    Tuesday of September (Grondwet art. 65): "2023/24"."""
    first = dt.date(day.year, 9, 1)
    prinsjesdag = first + dt.timedelta(days=(1 - first.weekday()) % 7 + 14)
    start = day.year if day >= prinsjesdag else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


class LetterVersion(models.Model):
    """An earlier version of a letter, kept when an admin or `import_letters --replace` put a
    new file of the same letter (same Kamerstuk or reference) in its place: the original file
    and what was extracted from it, as it stood."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="versions")
    source_name = models.CharField(_("bestandsnaam"), max_length=255)
    source_sha256 = models.CharField(_("SHA-256"), max_length=64)
    source_file = models.FileField(_("origineel bestand"), max_length=500, blank=True)
    extracted = models.JSONField(
        _("gegevens van deze versie"),
        default=dict,
        help_text=_("Velden, tekst, voetnoten, verwijzingen en bijeenkomsten zoals ze toen waren."),
    )
    imported_at = models.DateTimeField(_("geïmporteerd op"))
    replaced_at = models.DateTimeField(_("vervangen op"), auto_now_add=True)

    class Meta:
        ordering = ["letter", "-replaced_at", "-id"]
        indexes = [models.Index(fields=["letter", "-replaced_at"], name="letterversion_letter_idx")]
        verbose_name = _("eerdere versie")
        verbose_name_plural = _("eerdere versies")

    def __str__(self) -> str:
        return f"{self.source_name} ({self.replaced_at:%d-%m-%Y})"


class Meeting(models.Model):
    class Series(models.TextChoices):
        DMM = "dmm", _("NAVO-ministers van Defensie")
        FMM = "fmm", _("NAVO-ministers van Buitenlandse Zaken")
        SUMMIT = "summit", _("NAVO-top")
        JEF = "jef", _("Joint Expeditionary Force")
        UDCG = "udcg", _("Ukraine Defence Contact Group")
        NUC = "nuc", _("NAVO-Oekraïne Raad")
        OTHER = "other", _("overige bijeenkomst")

    series = models.CharField(_("reeks"), max_length=10, choices=Series.choices)
    title = models.CharField(_("titel"), max_length=200)
    start_date = models.DateField(_("begindatum"))
    end_date = models.DateField(_("einddatum"))
    location = models.CharField(_("plaats"), max_length=100, blank=True, help_text=_("Leeg bij een videoconferentie."))
    extraordinary = models.BooleanField(_("ingelast"), default=False)
    virtual = models.BooleanField(_("videoconferentie"), default=False)
    slug = models.SlugField(max_length=60, unique=True)
    locked_fields = models.JSONField(
        _("gecorrigeerde velden"),
        default=list,
        blank=True,
        help_text=_("Velden die een beheerder heeft gecorrigeerd; een nieuwe import laat ze staan."),
    )
    merged_spans = models.JSONField(
        _("samengevoegde data"),
        default=list,
        blank=True,
        help_text=_("Reeks en data van bijeenkomsten die hierin zijn samengevoegd, zodat een nieuwe import ze hier terugvindt."),
    )
    letters = models.ManyToManyField(Letter, through="LetterMeeting", related_name="meetings")
    countries = models.ManyToManyField(Country, through="Participation", related_name="meetings")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "series"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        indexes = [
            models.Index(fields=["-start_date"], name="meeting_start_idx"),
            models.Index(fields=["series", "-start_date"], name="meeting_series_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="meeting_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start_date:%d-%m-%Y})"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = Meeting.objects.exclude(pk=self.pk).free_slugs([self.slug_base])[0]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return detail_url("meetings:meeting_detail", self.slug)

    @property
    def display_title(self) -> str:
        """The title in the page's language: a standard series' title translated, an "other"
        meeting's own name as it is (meetings/names.py)."""
        return names.meeting_title(self.series, self.title)

    @property
    def display_location(self) -> str:
        """The place in the page's language: "Brussels" on English pages (CLDR, meetings/names.py)."""
        return names.place_name(self.location)

    @property
    def slug_base(self) -> str:
        """The meeting's address: its first day and series, "2024-06-13-dmm" (made free by
        MeetingQuerySet.free_slugs when taken)."""
        return f"{self.start_date:%Y-%m-%d}-{self.series}"


class LetterMeeting(models.Model):
    class Role(models.TextChoices):
        ANNOUNCES = "announces", _("kondigt aan")
        REPORTS = "reports", _("doet verslag")
        MENTIONS = "mentions", _("noemt")

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="meeting_links")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="letter_links")
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices)

    class Meta:
        ordering = ["meeting__start_date", "letter__date"]
        constraints = [models.UniqueConstraint(fields=["letter", "meeting"], name="unique_letter_meeting")]
        indexes = [models.Index(fields=["meeting", "role"], name="lettermeeting_role_idx")]
        verbose_name = _("brief bij bijeenkomst")
        verbose_name_plural = _("brieven bij bijeenkomsten")

    def __str__(self) -> str:
        return f"{self.letter} → {self.meeting} ({self.get_role_display()})"


class Session(models.Model):
    """A working session (werksessie, werkdiner, Nuclear Planning Group) as one letter names it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions")
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="sessions")
    heading = models.CharField(_("kop"), max_length=200, blank=True)
    subject = models.CharField(_("inhoud"), max_length=300, blank=True)
    title = models.CharField(_("titel"), max_length=500)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    topics = models.ManyToManyField(Topic, blank=True, related_name="sessions")

    class Meta:
        ordering = ["meeting", "letter", "order"]
        indexes = [models.Index(fields=["meeting", "letter", "order"], name="session_meeting_idx")]
        verbose_name = _("werksessie")
        verbose_name_plural = _("werksessies")

    def __str__(self) -> str:
        return self.title


class Participation(models.Model):
    class Role(models.TextChoices):
        PARTNER = "partner", _("partner")
        MEMBER = "member", _("deelnemend land")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.PARTNER)

    class Meta:
        ordering = ["meeting", "country__name_nl"]
        constraints = [models.UniqueConstraint(fields=["meeting", "country"], name="unique_participation")]
        indexes = [models.Index(fields=["country", "meeting"], name="participation_country_idx")]
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")

    def __str__(self) -> str:
        return f"{self.country} @ {self.meeting}"


class Citation(models.Model):
    """A Kamerstuk the letter cites, linked to the archived letter when we have it."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="citations")
    dossier = models.CharField(_("dossier"), max_length=20)
    number = models.PositiveIntegerField(_("nummer"))
    text = models.CharField(_("tekst"), max_length=200)
    cited_letter = models.ForeignKey(Letter, null=True, blank=True, on_delete=models.SET_NULL, related_name="cited_by")

    class Meta:
        ordering = ["letter", "id"]
        indexes = [models.Index(fields=["dossier", "number"], name="citation_kamerstuk_idx")]
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")

    def __str__(self) -> str:
        return self.kamerstuk_id

    @property
    def kamerstuk_id(self) -> str:
        return f"{self.dossier}-{self.number}"

    @property
    def official_url(self) -> str:
        return f"https://zoek.officielebekendmakingen.nl/kst-{self.dossier}-{self.number}.html"


class Footnote(models.Model):
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="footnotes")
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("tekst"))

    class Meta:
        ordering = ["letter", "number"]
        constraints = [models.UniqueConstraint(fields=["letter", "number"], name="unique_footnote")]
        verbose_name = _("voetnoot")
        verbose_name_plural = _("voetnoten")

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class HarvestState(models.Model):
    """Where `manage.py harvest` stands with one source (its address and dossiers): the day of
    its last complete run, from which the next run asks only for what changed, and the query and
    position of a run that was interrupted, from which the next run goes on."""

    key = models.CharField(_("bron"), max_length=300, unique=True, help_text=_("Het adres van de bron en de dossiers."))
    last_success = models.DateField(
        _("laatste volledige run"), null=True, blank=True, help_text=_("De dag waarop de laatste volledige run begon.")
    )
    resume_query = models.TextField(_("onderbroken zoekvraag"), blank=True)
    resume_position = models.PositiveIntegerField(_("verder bij record"), null=True, blank=True)
    resume_started = models.DateField(_("onderbroken run begon op"), null=True, blank=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("oogststand")
        verbose_name_plural = _("oogststanden")

    def __str__(self) -> str:
        return self.key


class ArchiveState(models.Model):
    """One row: the archive's change marker. `marker` takes a new random value in the
    transaction of every write that can alter a public page (an import batch, an admin edit or
    delete, a restore, a reindex: meetings/marker.py), so a page rendered for one state is
    never shown for another; random rather than counted, so that a state rolled back can never
    come back under the same value. `changed_at` is the time of that write (Last-Modified)."""

    ROW = 1

    marker = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("archiefstand")
        verbose_name_plural = _("archiefstand")

    def __str__(self) -> str:
        return f"{self.marker:x} ({self.changed_at:%d-%m-%Y %H:%M})"
