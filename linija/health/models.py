from django.db import models
from django.utils.translation import gettext_lazy as _


class Lease(models.Model):
    """A lock of the worker's that expires with its holder: the holder renews it while it
    works, so a worker killed mid-task frees it within one lease period."""

    name = models.CharField(_("name"), max_length=100, primary_key=True)
    holder = models.CharField(_("holder"), max_length=200)
    expires_at = models.DateTimeField(_("expires"))

    class Meta:
        verbose_name = _("worker lock")
        verbose_name_plural = _("worker locks")

    def __str__(self) -> str:
        return self.name


class Beat(models.Model):
    """When something last worked: the worker's heartbeat, the last successful mail fetch."""

    name = models.CharField(_("name"), max_length=50, primary_key=True)
    at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return self.name
