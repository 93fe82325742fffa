"""The project's number and date formats where Django's own differ from the language's
standard (``FORMAT_MODULE_PATH``: each name here overrides Django's one, the rest stay)."""
