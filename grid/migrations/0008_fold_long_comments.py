from django.db import migrations


def fold(text: str, lines: int) -> str:
    """The text on at most `lines` lines: the lines past the last one allowed join it, with a
    space between them (nothing typed is lost)."""
    parts = text.split("\n")
    if len(parts) <= lines:
        return text
    return "\n".join([*parts[: lines - 1], " ".join(parts[lines - 1:])])


def fold_long_comments(apps, schema_editor):
    """Comments written before the bound on lines keep their words on fewer lines."""
    for model, lines in (("Answer", 10), ("Transition", 20)):
        rows = apps.get_model("grid", model).objects.filter(comment__contains="\n")
        for row in rows.only("pk", "comment").iterator():
            if row.comment.count("\n") >= lines:
                row.comment = fold(row.comment, lines)
                row.save(update_fields=["comment"])


class Migration(migrations.Migration):
    """Before the check constraints of 0008: folding and constraining in one PostgreSQL
    transaction could find the rows' triggers still pending."""

    dependencies = [
        ("grid", "0007_author_names"),
    ]

    operations = [
        migrations.RunPython(fold_long_comments, migrations.RunPython.noop),
    ]
