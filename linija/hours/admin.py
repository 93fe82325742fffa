from django.contrib import admin

from linija.hours.models import HoursException, WeeklyHours


@admin.register(WeeklyHours)
class WeeklyHoursAdmin(admin.ModelAdmin):
    list_display = ["weekday", "opens", "closes"]
    ordering = ["weekday"]


@admin.register(HoursException)
class HoursExceptionAdmin(admin.ModelAdmin):
    list_display = ["date", "closed", "opens", "closes", "reason"]
    list_filter = ["closed"]
    search_fields = ["reason"]
    date_hierarchy = "date"
    ordering = ["-date"]
    fields = ["date", "closed", "opens", "closes", "reason"]
