"""The database's full-text index over ``knowledge_articleindex``.

SQLite: an FTS5 table with the index rows as its external content, kept in step by triggers.
PostgreSQL: a GIN index on the ``simple`` tsvector of the (already stemmed and folded) terms.
The search in ``linija/knowledge/search.py`` queries exactly these.
"""

from django.db import migrations


class VendorSQL(migrations.RunSQL):
    """Raw SQL that runs only on one database vendor."""

    def __init__(self, vendor, sql, reverse_sql):
        super().__init__(sql, reverse_sql)
        self.vendor = vendor

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


ROW = "rowid, title_terms, body_terms"
NEW = "new.article_id, new.title_terms, new.body_terms"
OLD = "'delete', old.article_id, old.title_terms, old.body_terms"

SQLITE = [
    "CREATE VIRTUAL TABLE knowledge_article_fts USING fts5("
    "title_terms, body_terms, content='knowledge_articleindex', content_rowid='article_id', "
    "tokenize='unicode61')",
    "CREATE TRIGGER knowledge_article_fts_insert AFTER INSERT ON knowledge_articleindex BEGIN "
    f"INSERT INTO knowledge_article_fts({ROW}) VALUES ({NEW}); END",
    "CREATE TRIGGER knowledge_article_fts_delete AFTER DELETE ON knowledge_articleindex BEGIN "
    f"INSERT INTO knowledge_article_fts(knowledge_article_fts, {ROW}) VALUES ({OLD}); END",
    "CREATE TRIGGER knowledge_article_fts_update AFTER UPDATE ON knowledge_articleindex BEGIN "
    f"INSERT INTO knowledge_article_fts(knowledge_article_fts, {ROW}) VALUES ({OLD}); "
    f"INSERT INTO knowledge_article_fts({ROW}) VALUES ({NEW}); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER knowledge_article_fts_update",
    "DROP TRIGGER knowledge_article_fts_delete",
    "DROP TRIGGER knowledge_article_fts_insert",
    "DROP TABLE knowledge_article_fts",
]

POSTGRESQL = [
    "CREATE INDEX knowledge_articleindex_fts ON knowledge_articleindex USING gin "
    "(to_tsvector('simple'::regconfig, title_terms || ' ' || body_terms))",
]
POSTGRESQL_REVERSE = ["DROP INDEX knowledge_articleindex_fts"]


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [
        VendorSQL("sqlite", SQLITE, SQLITE_REVERSE),
        VendorSQL("postgresql", POSTGRESQL, POSTGRESQL_REVERSE),
    ]
