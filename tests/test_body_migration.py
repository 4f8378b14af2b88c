"""Migration 0009 rewrites the bodies stored before it into the one body format, and back."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Migrating rows needs real transactions; the rows the migrations seed (topics) come back after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = ("meetings", "0008_complete_vocabulary")
AFTER = ("meetings", "0009_body_format")
OLD_BODY = (
    "Op 13 en 14 februari komen de NAVO-ministers van Defensie in Brussel bijeen.[^1]\n\n"
    "## Afschrikking en verdediging\n\n"
    "-- een gedachtestreepje aan het begin van een alinea.\n\n"
    "Hoogachtend,\n\n"
    "De Minister van Defensie,\n\n"
    "K.H. Ollongren"
)
NEW_BODY = (
    "Op 13 en 14 februari komen de NAVO-ministers van Defensie in Brussel bijeen.[^1]\n\n"
    "## Afschrikking en verdediging\n\n"
    "\\-- een gedachtestreepje aan het begin van een alinea.\n\n"
    "-- Hoogachtend,\n\n"
    "-- De Minister van Defensie,\n\n"
    "-- K.H. Ollongren"
)


def migrate(target):
    """Migrate to `target`; returns the Letter model as it is there."""
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps.get_model("meetings", "Letter")


@pytest.fixture
def letter_model_at_0008():
    yield migrate(BEFORE)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_0009_marks_the_signature_of_stored_bodies_and_migrating_back_takes_it_off(letter_model_at_0008, monkeypatch):
    monkeypatch.setattr(importlib.import_module("meetings.migrations.0009_body_format"), "BATCH", 2)  # three batches
    letters = letter_model_at_0008.objects
    bodies = {n: OLD_BODY.replace("13 en 14", f"{n} en {n + 1}") for n in range(1, 6)}
    ids = {
        n: letters.create(subject="Agenda", body=body, source_name=f"{n}.txt", source_sha256=f"{n:064}").pk
        for n, body in bodies.items()
    }
    after = migrate(AFTER).objects
    assert {n: after.get(pk=pk).body for n, pk in ids.items()} == {
        n: NEW_BODY.replace("13 en 14", f"{n} en {n + 1}") for n in ids
    }
    before = migrate(BEFORE).objects
    assert {n: before.get(pk=pk).body for n, pk in ids.items()} == bodies
