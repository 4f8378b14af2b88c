"""Topics get an English name for the English pages (issue 17): a column, filled here for the
vocabulary the archive ships (meetings/extract/topics.py, DEFAULT_TOPICS); admins edit it and
give one to the topics they add. A topic without one shows its Dutch name."""

from django.db import migrations, models

# The shipped vocabulary's names in English; self-contained, so later code changes cannot alter it.
ENGLISH_NAMES = {
    "Air policing": "Air policing",
    "Afschrikking en verdediging": "Deterrence and defence",
    "Lastenverdeling": "Burden sharing",
    "Oekraïne": "Ukraine",
    "Rusland": "Russia",
    "Cyber": "Cyber",
    "Nucleair": "Nuclear",
    "Missies en operaties": "Missions and operations",
    "EU-NAVO-samenwerking": "EU-NATO cooperation",
    "Strategisch Concept": "Strategic Concept",
    "Weerbaarheid": "Resilience",
    "Defensie-industrie en munitie": "Defence industry and ammunition",
    "Innovatie": "Innovation",
    "Uitbreiding van de NAVO": "NATO enlargement",
    "Hybride dreigingen": "Hybrid threats",
    "Klimaat en veiligheid": "Climate and security",
    "Zwarte Zee": "Black Sea",
    "Joint Expeditionary Force": "Joint Expeditionary Force",
}


def fill_english_names(apps, schema_editor):
    Topic = apps.get_model("meetings", "Topic")
    for topic in Topic.objects.filter(name__in=ENGLISH_NAMES, name_en=""):
        topic.name_en = ENGLISH_NAMES[topic.name]
        topic.save(update_fields=["name_en"])


class Migration(migrations.Migration):
    dependencies = [("meetings", "0013_harvest_state")]

    operations = [
        migrations.AddField(
            model_name="topic",
            name="name_en",
            field=models.CharField(
                blank=True,
                help_text="De naam op de Engelse pagina's; leeg: de Nederlandse naam.",
                max_length=100,
                verbose_name="naam (en)",
            ),
        ),
        migrations.RunPython(fill_english_names, migrations.RunPython.noop),
    ]
