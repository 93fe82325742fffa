from django.core.management.base import BaseCommand

from linija.knowledge.services import articles_reindex


class Command(BaseCommand):
    help = "Rebuild the knowledge base's search index from the articles."

    def handle(self, *args, **options):
        count = articles_reindex()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} articles."))
