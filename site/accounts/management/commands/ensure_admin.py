"""Make sure an administrator account exists, and say how to log in."""

import environ
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

env = environ.Env()


class Command(BaseCommand):
    help = "Create the admin account if it is missing (ADMIN_USERNAME / ADMIN_PASSWORD / ADMIN_EMAIL)."

    def handle(self, *args, **options):
        username = env.str("ADMIN_USERNAME", default="admin")
        password = env.str("ADMIN_PASSWORD", default="smart-demo-admin")
        email = env.str("ADMIN_EMAIL", default="admin@example.org")
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user_model.objects.create_superuser(username=username, email=email, password=password)
            how = f"user '{username}', password '{password}' (just created)"
        else:
            how = f"user '{username}' (account already existed; its password was left unchanged)"
        self.stdout.write(f"Admin: {settings.SITE_BASE_URL}/admin/ - log in as {how}.")
