from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site: its texts as data files and the one loader, ``manage.py load_demo``. No other room imports it."""

    name = "demo"
    label = "demo"
    verbose_name = "Demo content"
