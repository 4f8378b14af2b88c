"""Letter bodies in the one format of meetings/extract/body.py: the signature marked with '-- '.

Until now the stored body did not say which blocks were the signature: the letter page
guessed, at every render, by running the extraction's signature patterns over each
paragraph (a role such as "De Minister van Defensie" before the first comma, or a name such
as "drs. A.B. de Vries"). The extraction now marks the signature when it imports a letter.
This migration makes that guess once for the bodies stored before, adds a closing formula
("Hoogachtend,") right above the signature to it as the extraction does, and writes the
signature's blocks with '-- ' in front (and a '\\' in front of the rare paragraph that begins
with '## ', '-- ' or '\\', so it cannot pass for markup).

The search index needs no rebuild: '-- ' and '\\' are punctuation, and the index takes runs
of letters and digits as its words (meetings/search/text.py), so every letter keeps the same
words in the same order.

Back: the markers come off, leaving blocks separated by a blank line and '## ' headings.

The format is written and read by code copied here (as 0003 copies its SQL), so that this
migration keeps writing the format of 0009 when extract/body.py changes later;
tests/test_body_format.py checks that the two agree. Rows are read in batches by primary key
rather than through one open cursor (QuerySet.iterator), because on SQLite a cursor over a
table that is being written to may see the writes. Each batch is written with one
executemany of a plain UPDATE: bulk_update's CASE over every row of a batch took 30 s for
100,000 letters on SQLite, this about 6 s (PostgreSQL: about 25 s either way, nearly all of
it the database writing the rows).
"""

from dataclasses import dataclass

from django.db import migrations, models

BATCH = 1000
HEADING, SIGNATURE = "## ", "-- "
ESCAPE = "\\"


@dataclass
class Part:
    """A block of a body: kind "heading", "paragraph" or "signature", and its one line of text."""

    kind: str
    text: str


def old_blocks(body: str) -> list[Part]:
    """The blocks of a body in the old format, the signature found as the page found it."""
    from meetings.extract.signature import is_signature_name, is_signature_role, mark_closing_formula

    blocks = []
    for raw in body.split("\n\n"):
        text = " ".join(raw.split()) if "\n" in raw else raw.strip()  # a block is one line
        if raw.startswith(HEADING):
            blocks.append(Part("heading", text[len(HEADING) :]))
        elif text:
            signature = is_signature_role(text.partition(",")[0]) or is_signature_name(text)
            blocks.append(Part("signature" if signature else "paragraph", text))
    return mark_closing_formula(blocks)


def new_format(body: str) -> str:
    """The body with its headings, signature and escaped paragraphs marked."""
    return "\n\n".join(new_line(block) for block in old_blocks(body) if block.text.strip())


def new_line(block: Part) -> str:
    if block.kind == "heading":
        return HEADING + block.text
    if block.kind == "signature":
        return SIGNATURE + block.text
    return ESCAPE + block.text if block.text.startswith((HEADING, SIGNATURE, ESCAPE)) else block.text


def old_format(body: str) -> str:
    """The body as 0008 kept it: the signature's markers and the escapes off."""
    blocks = []
    for raw in body.split("\n\n"):
        if raw.startswith(SIGNATURE):
            blocks.append(raw[len(SIGNATURE) :])
        elif raw.strip():
            blocks.append(raw if raw.startswith(HEADING) else raw.removeprefix(ESCAPE))
    return "\n\n".join(blocks)


def rewrite_bodies(apps, schema_editor, convert) -> None:
    connection = schema_editor.connection
    letter = apps.get_model("meetings", "Letter")
    letters = letter.objects.using(connection.alias).order_by("pk").values_list("pk", "body")
    update = "UPDATE {} SET {} = %s WHERE {} = %s".format(
        *map(connection.ops.quote_name, (letter._meta.db_table, "body", letter._meta.pk.column))
    )
    last = 0
    while batch := list(letters.filter(pk__gt=last)[:BATCH]):
        last = batch[-1][0]
        changed = [(new, pk) for pk, body in batch if (new := convert(body)) != body]
        with connection.cursor() as cursor:
            cursor.executemany(update, changed)


def forwards(apps, schema_editor):
    rewrite_bodies(apps, schema_editor, new_format)


def backwards(apps, schema_editor):
    rewrite_bodies(apps, schema_editor, old_format)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0008_complete_vocabulary")]

    operations = [
        migrations.AlterField(
            model_name="letter",
            name="body",
            field=models.TextField(
                help_text=(
                    "Schone tekst: blokken gescheiden door een lege regel, koppen met '## ', "
                    "ondertekening met '-- ', voetnootverwijzingen als [^1]."
                ),
                verbose_name="tekst",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
