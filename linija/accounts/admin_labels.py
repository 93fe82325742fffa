"""Names for the admin's inputs that sit in table cells without a label of their own."""

from django.utils.translation import gettext as _


class LabelledListEditable:
    """A ModelAdmin mixin: each list-editable input is named after its column and its row
    ("order: Globėjas"), so a screen reader says what it changes."""

    def get_changelist_form(self, request, **kwargs):
        base = super().get_changelist_form(request, **kwargs)

        class Labelled(base):
            def __init__(self, *args, **options):
                super().__init__(*args, **options)
                if self.instance.pk is None:
                    return
                for field in self.fields.values():
                    if not field.widget.is_hidden:
                        field.widget.attrs["aria-label"] = _("%(field)s: %(row)s") % {
                            "field": field.label,
                            "row": self.instance,
                        }

        return Labelled
